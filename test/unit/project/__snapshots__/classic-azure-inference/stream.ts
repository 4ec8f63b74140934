// The same question, streamed: the reply is printed piece by piece as the deployment writes it.
// Run it with `npm run stream`.
import type { IncomingMessage } from "node:http";
import type { GetChatCompletionsBodyParam } from "@azure-rest/ai-inference";
import { createSseStream } from "@azure/core-sse";
import { client, rejectEmptyReply } from "./client.ts";
import { exitWithError, exitWithServiceError, readText } from "./config.ts";

const body: GetChatCompletionsBodyParam["body"] = {
  messages: [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "How many feet are in a mile?" },
  ],
  temperature: 0.7,
  max_tokens: 100,
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
