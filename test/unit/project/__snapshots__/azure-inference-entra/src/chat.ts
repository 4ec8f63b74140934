// Chat completions from your deployment: one reply, a streamed reply, and a reply that may call your functions.
import type { IncomingMessage } from "node:http";
import { type ChatRequestMessage, type GetChatCompletionsBodyParam, isUnexpected } from "@azure-rest/ai-inference";
import { createSseStream } from "@azure/core-sse";
import type { Client } from "./client.ts";
import { callFunction, type LocalFunction } from "./functions.ts";

export type Message = ChatRequestMessage;
type Body = GetChatCompletionsBodyParam["body"];

/** What every chat model takes (the model was not given): reasoning models refuse max_tokens and temperature. */
// The SDK's typed request body predates reasoning models and lacks max_completion_tokens, which the Azure OpenAI API
// takes from api-version 2024-09-01-preview on (this project asks for 2024-10-21): it is sent as it is.
export const parameters = { max_completion_tokens: 2000 };

/** A reply with no text; its message has the finish_reason that says why (src/explain.ts explains it). */
export class ReplyError extends Error {
  override readonly name = "ReplyError";
}

/** An answer of the service other than 200: its HTTP status, Azure's error code, and its message. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly status: number;
  readonly code: string | undefined;
  constructor(status: number, code: string | undefined, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The reply to `messages`. */
export async function complete(client: Client, messages: Message[]): Promise<string> {
  const body: Body = { messages, ...parameters };
  const response = await client.path("/chat/completions").post({ body });
  // The SDK does not throw on error answers: any status but 200 is "unexpected".
  if (isUnexpected(response)) throw serviceError(response.status, response.body);
  const choice = response.body.choices[0];
  return replyText(choice?.message.content, choice?.finish_reason);
}

/** The reply to `messages`, piece by piece as the deployment writes it; `signal` stops the request. */
export async function* streamReply(
  client: Client,
  messages: Message[],
  signal: AbortSignal = new AbortController().signal,
): AsyncGenerator<string> {
  const body: Body = { messages, ...parameters, stream: true };
  const response = await client.path("/chat/completions").post({ body, abortSignal: signal }).asNodeStream();
  const stream = response.body as IncomingMessage | undefined;
  if (!stream) throw new Error("The response has no body.");
  if (response.status !== "200") throw serviceError(response.status, parseJson(await readText(stream)));

  let written = "";
  let finishReason: string | null | undefined;
  // createSseStream decodes the bytes as UTF-8 across reads.
  for await (const event of createSseStream(stream)) {
    if (event.data === "[DONE]") break;
    const chunk = JSON.parse(event.data) as {
      choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
      error?: { code?: string; message?: string };
    };
    if (chunk.error) throw new ReplyError(`The service stopped the stream: ${chunk.error.code ?? "error"}: ${chunk.error.message ?? ""}`);
    // The first chunk may have no choices (Azure's content filter results).
    for (const choice of chunk.choices ?? []) {
      const text = choice.delta?.content ?? "";
      finishReason = choice.finish_reason ?? finishReason;
      if (text === "") continue;
      written += text;
      yield text;
    }
  }
  replyText(written, finishReason);
}

/**
 * The reply to `messages` when the model may call `functions` first: each call is run here and its result sent back,
 * until the model answers with text. `onCall` sees each call (to print it, say).
 */
export async function completeWithTools(
  client: Client,
  messages: Message[],
  functions: Record<string, LocalFunction>,
  onCall?: (name: string, args: string, result: string) => void,
): Promise<string> {
  const tools = Object.entries(functions).map(([name, { description, parameters: schema }]) => ({
    type: "function" as const,
    function: { name, description, parameters: schema },
  }));
  const history = [...messages];
  // A bound on the rounds: a model that keeps calling functions does not loop for ever.
  for (let round = 0; round < 5; round++) {
    const body: Body = { messages: history, tools, ...parameters };
    const response = await client.path("/chat/completions").post({ body });
    if (isUnexpected(response)) throw serviceError(response.status, response.body);
    const choice = response.body.choices[0];
    const calls = choice?.message.tool_calls ?? [];
    if (!choice || calls.length === 0) return replyText(choice?.message.content, choice?.finish_reason);
    history.push({ role: "assistant", tool_calls: calls, ...(choice.message.content ? { content: choice.message.content } : {}) });
    // Every call gets an answer: the next request is refused while one has none.
    for (const call of calls) {
      const name = call.function?.name ?? "";
      const args = call.function?.arguments ?? "";
      const result = await callFunction(functions, name, args);
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

/** An error answer: Azure's {"error": {"code", "message"}}, or a gateway's page, whose text is the message. */
function serviceError(status: string, body: unknown): ServiceError {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  const text = typeof body === "string" ? body : (JSON.stringify(body) ?? "");
  return new ServiceError(Number(status), error?.code, error?.message ?? text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads a whole body and decodes it as UTF-8 once: a character split between reads stays whole. */
async function readText(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
