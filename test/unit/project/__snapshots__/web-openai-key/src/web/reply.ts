// The chat page's replies: the conversation, after this app's system message, streamed from your deployment by
// src/chat.ts. Change the system message here.
import { type Message, streamReply } from "../chat.ts";
import type OpenAI from "openai";
import type { Settings } from "../settings.ts";
import type { ChatTurn } from "./limits.ts";
import type { Reply } from "./server.ts";

export const systemMessage = "You are a helpful assistant.";

/** Replies from `client`'s deployment (settings.deployment). */
export function replyWith(client: OpenAI, settings: Pick<Settings, "deployment">): Reply {
  return (conversation, signal) => streamReply(client, settings.deployment, messages(conversation), signal);
}

function messages(conversation: ChatTurn[]): Message[] {
  return [{ role: "system", content: systemMessage }, ...conversation];
}
