// The Responses API, the newer one of the v1 API (README.md says when to choose it): one response, and one streamed.
import type OpenAI from "openai";
import { ReplyError } from "./chat.ts";

/** What every model takes (the model was not given): reasoning models refuse any temperature but the default. */
export const parameters = { max_output_tokens: 2000 };

/** The response to `input`, following `instructions` (the system message of chat completions). */
export async function respond(client: OpenAI, deployment: string, instructions: string, input: string): Promise<string> {
  const response = await client.responses.create({ model: deployment, instructions, input, ...parameters });
  return responseText(response.output_text, response.incomplete_details?.reason);
}

/** The response to `input`, piece by piece as the deployment writes it. */
export async function* streamResponse(client: OpenAI, deployment: string, instructions: string, input: string): AsyncGenerator<string> {
  const events = await client.responses.create({ model: deployment, instructions, input, ...parameters, stream: true });
  let written = "";
  for await (const event of events) {
    if (event.type === "response.output_text.delta") {
      written += event.delta;
      yield event.delta;
    }
    if (event.type === "response.incomplete") responseText(written, event.response.incomplete_details?.reason);
    if (event.type === "response.failed") throw new ReplyError(`The response failed: ${event.response.error?.message ?? "no reason given"}.`);
    if (event.type === "error") throw new ReplyError(`The service stopped the stream: ${event.message}`);
  }
}

/** The text of a response, or ReplyError when the token budget left none; a response it cut short is said on stderr. */
function responseText(text: string, incomplete: string | undefined): string {
  if (text === "" && incomplete === "max_output_tokens") throw new ReplyError("The reply is empty (finish_reason: length).");
  if (incomplete === "max_output_tokens") console.error("Note: the reply is cut short: it reached the token budget. Raise it in `parameters` in src/responses.ts.");
  return text;
}
