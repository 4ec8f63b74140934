// The chat page's replies: the conversation, after this app's system message, streamed from your deployment by
// src/chat.ts. Change the system message here.
import { type Message, streamReply } from "../chat.ts";
import type { Client } from "../client.ts";
import type { ChatTurn } from "./limits.ts";
import type { Reply } from "./server.ts";

export const systemMessage = "You are a helpful assistant.";

/** Replies from `client`'s deployment (AZURE_OPENAI_CHAT_ENDPOINT names it). */
export function replyWith(client: Client): Reply {
  return (conversation, signal) => streamReply(client, messages(conversation), signal);
}

function messages(conversation: ChatTurn[]): Message[] {
  return [{ role: "system", content: systemMessage }, ...conversation];
}
