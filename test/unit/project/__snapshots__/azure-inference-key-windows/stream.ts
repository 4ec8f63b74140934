// The same question, streamed: the reply is printed piece by piece as the deployment writes it.
// Run it with `npm run stream`.
import type { IncomingMessage } from "node:http";
import { createSseStream } from "@azure/core-sse";
import { client } from "./client.ts";
import { exitWithError, exitWithServiceError } from "./config.ts";

try {
  const response = await client
    .path("/chat/completions")
    .post({
      body: {
        messages: [
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: "How many feet are in a mile?" },
        ],
        temperature: 0.7,
        max_tokens: 100,
        stream: true,
      },
    })
    .asNodeStream();

  const body = response.body as IncomingMessage | undefined;
  if (!body) throw new Error("The response has no body.");
  if (response.status !== "200") {
    const error = await readError(body);
    exitWithServiceError(response.status, error.code, error.message);
  }

  for await (const event of createSseStream(body)) {
    if (event.data === "[DONE]") break;
    const chunk = JSON.parse(event.data) as { choices: { delta?: { content?: string | null } }[] };
    for (const choice of chunk.choices) process.stdout.write(choice.delta?.content ?? "");
  }
  process.stdout.write("\n");
} catch (error) {
  exitWithError(error);
}

/** Reads an error response's JSON body: {"error": {"code", "message"}}. */
async function readError(stream: IncomingMessage): Promise<{ code?: string; message: string }> {
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return { code: parsed.error?.code, message: parsed.error?.message ?? text };
  } catch {
    return { message: text };
  }
}
