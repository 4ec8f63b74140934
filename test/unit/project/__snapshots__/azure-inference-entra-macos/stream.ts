// The same question, streamed: the reply is printed piece by piece as the deployment writes it.
// Run it with `npm run stream`.
import type { IncomingMessage } from "node:http";
import type { GetChatCompletionsBodyParam } from "@azure-rest/ai-inference";
import { createSseStream } from "@azure/core-sse";
import { client, rejectEmptyReply } from "./client.ts";
import { exitWithError, exitWithServiceError, readText } from "./config.ts";

// The SDK's typed request body predates reasoning models: it lacks max_completion_tokens, which the Azure OpenAI API
// takes from api-version 2024-09-01-preview on (this project asks for 2024-10-21). The body is sent as it is.
const body: GetChatCompletionsBodyParam["body"] & { max_completion_tokens: number } = {
  messages: [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "How many feet are in a mile?" },
  ],
  // Parameters every chat model accepts (the model is not known): reasoning models refuse max_tokens and any
  // temperature but the default. For a classic model (gpt-4o, gpt-4.1) the guide's temperature: 0.7 and
  // max_tokens: 100 work too.
  max_completion_tokens: 2000,
  stream: true,
};

try {
  const response = await client.path("/chat/completions").post({ body }).asNodeStream();

  const stream = response.body as IncomingMessage | undefined;
  if (!stream) throw new Error("The response has no body.");
  if (response.status !== "200") {
    const error = parseError(await readText(stream));
    exitWithServiceError(response.status, error.code, error.message);
  }

  let content = "";
  let finishReason: string | null | undefined;
  // createSseStream decodes the bytes as UTF-8 across chunk boundaries.
  for await (const event of createSseStream(stream)) {
    if (event.data === "[DONE]") break;
    const chunk = JSON.parse(event.data) as {
      choices: { delta?: { content?: string | null }; finish_reason?: string | null }[];
    };
    for (const choice of chunk.choices) {
      const text = choice.delta?.content ?? "";
      content += text;
      finishReason = choice.finish_reason ?? finishReason;
      process.stdout.write(text);
    }
  }
  rejectEmptyReply(content, finishReason);
  process.stdout.write("\n");
} catch (error) {
  exitWithError(error);
}

/** An error response's body: Azure's JSON {"error": {"code", "message"}}, or a gateway's text as it is. */
function parseError(text: string): { code?: string; message: string } {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return { code: parsed.error?.code, message: parsed.error?.message ?? text };
  } catch {
    return { message: text };
  }
}
