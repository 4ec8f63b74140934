// The Responses API, the newer one of the v1 API: one response, and one streamed. For new code it is the one to start
// from (built-in tools, state kept by the service between turns, reasoning summaries); chat completions (src/chat.ts)
// are what code migrated from OpenAI's ChatCompletion already uses.
import type OpenAI from "openai";
import { ReplyError } from "./config.ts";

/** What every model takes (the model was not given): reasoning models refuse any temperature but the default. */
export const parameters = { max_output_tokens: 2000 };

/** The response to `input`, following `instructions` (the system message of chat completions). */
export async function respond(client: OpenAI, deployment: string, instructions: string, input: string): Promise<string> {
  const response = await client.responses.create({ model: deployment, instructions, input, ...parameters });
  if (response.output_text === "" && response.incomplete_details?.reason === "max_output_tokens") {
    throw ReplyError.budgetSpent("max_output_tokens");
  }
  if (response.incomplete_details?.reason === "max_output_tokens") {
    console.error(ReplyError.cutNote("max_output_tokens", parameters.max_output_tokens));
  }
  return response.output_text;
}

/** The response to `input`, piece by piece as the deployment writes it. */
export async function* streamResponse(
  client: OpenAI,
  deployment: string,
  instructions: string,
  input: string,
): AsyncGenerator<string> {
  const events = await client.responses.create({ model: deployment, instructions, input, ...parameters, stream: true });
  let written = false;
  for await (const event of events) {
    if (event.type === "response.output_text.delta") {
      written ||= event.delta !== "";
      yield event.delta;
    } else if (event.type === "response.incomplete" && !written) {
      throw ReplyError.budgetSpent("max_output_tokens");
    } else if (event.type === "response.incomplete" && event.response.incomplete_details?.reason === "max_output_tokens") {
      console.error(ReplyError.cutNote("max_output_tokens", parameters.max_output_tokens));
    } else if (event.type === "response.failed") {
      throw new ReplyError(`The response failed: ${event.response.error?.message ?? "no reason given"}.`);
    } else if (event.type === "error") {
      throw new ReplyError(`The service stopped the stream: ${event.message}`);
    }
  }
}
