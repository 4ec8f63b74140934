// Chat completions from your deployment: one reply, a streamed reply, and a reply that may call your functions.
import type OpenAI from "openai";
import { callFunction, type LocalFunction } from "./functions.ts";

export type Message = OpenAI.Chat.ChatCompletionMessageParam;

/** What every chat model takes (the model was not given): reasoning models refuse max_tokens and temperature. */
export const parameters = { max_completion_tokens: 2000 };

/** A reply with no text; its message has the finish_reason that says why (src/explain.ts explains it). */
export class ReplyError extends Error {
  override readonly name = "ReplyError";
}

/** The reply to `messages`. */
export async function complete(client: OpenAI, deployment: string, messages: Message[]): Promise<string> {
  const completion = await client.chat.completions.create({ model: deployment, messages, ...parameters });
  return replyText(completion.choices[0]?.message.content, completion.choices[0]?.finish_reason);
}

/** The reply to `messages`, piece by piece as the deployment writes it; `signal` stops the request. */
export async function* streamReply(client: OpenAI, deployment: string, messages: Message[], signal?: AbortSignal): AsyncGenerator<string> {
  const stream = await client.chat.completions.create({ model: deployment, messages, ...parameters, stream: true }, { signal });
  let written = "";
  let finishReason: string | null | undefined;
  for await (const chunk of stream) {
    // The first chunk may have no choices (Azure's content filter results).
    const text = chunk.choices[0]?.delta?.content ?? "";
    finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    written += text;
    if (text !== "") yield text;
  }
  replyText(written, finishReason);
}

/** The reply to `messages` when the model may first call `functions`; `onCall` sees each call. */
export async function completeWithTools(
  client: OpenAI,
  deployment: string,
  messages: Message[],
  functions: Record<string, LocalFunction>,
  onCall?: (name: string, args: string, result: string) => void,
): Promise<string> {
  const tools = Object.entries(functions).map(([name, f]) => ({ type: "function" as const, function: { name, description: f.description, parameters: f.parameters } }));
  const history = [...messages];
  // A bound on the rounds: a model that keeps calling functions does not loop for ever.
  for (let round = 0; round < 5; round++) {
    const completion = await client.chat.completions.create({ model: deployment, messages: history, tools, ...parameters });
    const choice = completion.choices[0];
    const calls = choice?.message.tool_calls ?? [];
    if (!choice || calls.length === 0) return replyText(choice?.message.content, choice?.finish_reason);
    history.push(choice.message);
    // Every call gets an answer: the next request is refused while one has none.
    for (const call of calls) {
      const [name, args] = call.type === "function" ? [call.function.name, call.function.arguments] : [call.type, ""];
      const result = call.type === "function" ? await callFunction(functions, name, args) : "Only function calls are answered here.";
      onCall?.(name, args, result);
      history.push({ role: "tool", tool_call_id: call.id, content: result });
    }
  }
  throw new ReplyError("The model was still calling functions after 5 rounds: it got no answer it could use. Check the functions' results.");
}

/** The text of a reply, or ReplyError when it has none; a reply the token budget cut short is said on stderr. */
function replyText(content: string | null | undefined, finishReason: string | null | undefined): string {
  if (!content && (finishReason === "length" || finishReason === "content_filter")) throw new ReplyError(`The reply is empty (finish_reason: ${finishReason}).`);
  if (finishReason === "length") console.error("Note: the reply is cut short: it reached the token budget. Raise it in `parameters` in src/chat.ts.");
  return content ?? "";
}
