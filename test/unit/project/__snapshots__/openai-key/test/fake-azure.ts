// A fake Azure OpenAI resource in this process: the project's client (src/client.ts) sends its requests here, through
// the OpenAI SDK's `fetch` option, instead of over the network. A test lists what the fake answers, in order, then
// reads what was sent. The answers have the shapes Azure's v1 API sends.
import { createClient } from "../src/client.ts";

export const ENDPOINT = "https://test-resource.openai.azure.com/openai/v1/";
export const DEPLOYMENT = "test-deployment";
export const KEY = "test-key";

export interface SentRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The JSON body, read freely by the tests. */
  readonly body: any;
}

/** A client of the fake that answers `answers` in order; `requests` fills up as it is called. */
export function fakeAzure(...answers: Response[]) {
  const requests: SentRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    requests.push({ method: request.method, url: new URL(request.url), headers: request.headers, body: text ? JSON.parse(text) : {} });
    const error = { code: "no_answer", message: `The fake has no answer left for request ${requests.length}.` };
    return answers.shift() ?? Response.json({ error }, { status: 400 });
  };
  const client = createClient({ endpoint: ENDPOINT, deployment: DEPLOYMENT, apiKey: KEY }, { fetch });
  return { client, requests };
}

/** A chat completion with `content` as the reply. */
export function chatCompletion(content: string | null, finishReason = "stop", toolCalls?: unknown[]): Response {
  const message = { role: "assistant", content, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
  return Response.json({
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 0,
    model: "test-model",
    choices: [{ index: 0, message, finish_reason: finishReason }],
  });
}

/** A chat completion in which the model calls the function `name` with `args`. */
export function functionCall(name: string, args: unknown, id = "call_1"): Response {
  return chatCompletion(null, "tool_calls", [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }]);
}

/** A streamed chat completion, one chunk per piece, sent in 5-byte reads (so characters are split between reads). */
export function chatStream(pieces: string[], finishReason = "stop"): Response {
  const chunk = (delta: object, finish: string | null = null) => ({
    id: "chatcmpl-test",
    object: "chat.completion.chunk",
    created: 0,
    model: "test-model",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  // Azure's first chunk has no choices, only its content filter results.
  const events = [{ ...chunk({}), choices: [] }, ...pieces.map((content) => chunk({ content })), chunk({}, finishReason)];
  return eventStream([...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), "data: [DONE]\n\n"].join(""));
}

/** A Responses API response with `text` as its output. */
export function response(text: string): Response {
  return Response.json(responseObject(text, "completed"));
}

/** A streamed Responses API response, one output_text.delta event per piece. */
export function responseStream(pieces: string[]): Response {
  const events = [
    { type: "response.created", response: responseObject("", "in_progress") },
    ...pieces.map((delta) => ({ type: "response.output_text.delta", item_id: "msg_test", output_index: 0, content_index: 0, delta })),
    { type: "response.completed", response: responseObject(pieces.join(""), "completed") },
  ];
  return eventStream(events.map((event, i) => `event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: i })}\n\n`).join(""));
}

function responseObject(text: string, status: string) {
  const content = [{ type: "output_text", text, annotations: [] }];
  return {
    id: "resp_test",
    object: "response",
    created_at: 0,
    status,
    model: "test-model",
    output: status === "completed" ? [{ id: "msg_test", type: "message", role: "assistant", status, content }] : [],
    incomplete_details: null,
  };
}

/** An error as Azure answers it: {"error": {"code", "message"}}. A 429 says to retry after 1 ms. */
export function errorAnswer(status: number, code: string, message: string): Response {
  const headers: Record<string, string> = status === 429 ? { "retry-after-ms": "1" } : {};
  return Response.json({ error: { code, message } }, { status, headers });
}

function eventStream(text: string): Response {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 5));
      at += 5;
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
}
