// A fake Azure OpenAI deployment in this process: the project's client (src/client.ts) sends its requests here,
// through the SDK's `httpClient` option, instead of over the network. A test lists what the fake answers, in order,
// then reads what was sent. The answers have the shapes the Azure OpenAI API sends.
import { Readable } from "node:stream";
import type { ModelClientOptions } from "@azure-rest/ai-inference";
import { createClient } from "../src/client.ts";

type HttpClient = NonNullable<ModelClientOptions["httpClient"]>;
type PipelineResponse = Awaited<ReturnType<HttpClient["sendRequest"]>>;

export const DEPLOYMENT = "test-deployment";
export const ENDPOINT = `https://test-resource.openai.azure.com/openai/deployments/${DEPLOYMENT}`;
export const KEY = "test-key";

export interface SentRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** The JSON body, read freely by the tests. */
  readonly body: any;
}

/** An answer of the fake: a status, a body, and headers. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** A client of the fake that answers `answers` in order; `requests` fills up as it is called. */
export function fakeAzure(...answers: Answer[]) {
  const requests: SentRequest[] = [];
  const httpClient: HttpClient = {
    async sendRequest(request): Promise<PipelineResponse> {
      const text = typeof request.body === "string" ? request.body : "";
      requests.push({ method: request.method, url: new URL(request.url), headers: request.headers.toJSON(), body: text ? JSON.parse(text) : {} });
      const error = { code: "no_answer", message: `The fake has no answer left for request ${requests.length}.` };
      const answer = answers.shift() ?? { status: 400, body: JSON.stringify({ error }) };
      const headers = headersOf({ "content-type": "application/json", ...answer.headers });
      // A streamed request (asNodeStream) reads the body as a stream: it comes in 5-byte reads, so characters are split.
      if (request.streamResponseStatusCodes?.size) {
        const bytes = Buffer.from(answer.body);
        const reads = Array.from({ length: Math.ceil(bytes.length / 5) }, (_, i) => bytes.subarray(i * 5, i * 5 + 5));
        return { request, status: answer.status, headers, readableStreamBody: Readable.from(reads) };
      }
      return { request, status: answer.status, headers, bodyAsText: answer.body };
    },
  };
  const client = createClient({ endpoint: ENDPOINT, apiKey: KEY }, { httpClient });
  return { client, requests };
}

/** A chat completion with `content` as the reply. */
export function chatCompletion(content: string | null, finishReason = "stop", toolCalls?: unknown[]): Answer {
  const message = { role: "assistant", content, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
  const choices = [{ index: 0, message, finish_reason: finishReason }];
  return { status: 200, body: JSON.stringify({ id: "chatcmpl-test", object: "chat.completion", created: 0, model: "test-model", choices }) };
}

/** A chat completion in which the model calls the function `name` with `args`. */
export function functionCall(name: string, args: unknown, id = "call_1"): Answer {
  return chatCompletion(null, "tool_calls", [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }]);
}

/** A streamed chat completion, one chunk per piece. */
export function chatStream(pieces: string[], finishReason = "stop"): Answer {
  const chunk = (delta: object, finish: string | null = null) => ({
    id: "chatcmpl-test",
    object: "chat.completion.chunk",
    created: 0,
    model: "test-model",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  // Azure's first chunk has no choices, only its content filter results.
  const events = [{ ...chunk({}), choices: [] }, ...pieces.map((content) => chunk({ content })), chunk({}, finishReason)];
  const body = [...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), "data: [DONE]\n\n"].join("");
  return { status: 200, body, headers: { "content-type": "text/event-stream" } };
}

/** An error as Azure answers it: {"error": {"code", "message"}}. A 429 says to retry after 1 ms. */
export function errorAnswer(status: number, code: string, message: string): Answer {
  const headers: Record<string, string> = status === 429 ? { "retry-after-ms": "1" } : {};
  return { status, body: JSON.stringify({ error: { code, message } }), headers };
}

/** The SDK's HttpHeaders over a plain object. */
function headersOf(values: Record<string, string>): PipelineResponse["headers"] {
  const map = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return {
    get: (name) => map.get(name.toLowerCase()),
    has: (name) => map.has(name.toLowerCase()),
    set: (name, value) => void map.set(name.toLowerCase(), String(value)),
    delete: (name) => void map.delete(name.toLowerCase()),
    toJSON: () => Object.fromEntries(map),
    [Symbol.iterator]: () => map.entries(),
  };
}
