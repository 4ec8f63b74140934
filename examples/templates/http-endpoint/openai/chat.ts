// One chat turn with the OpenAI SDK on Azure, for server.ts.
import { client, deployment } from "./client.ts";

const SYSTEM = "You are a helpful assistant.";

/** The deployment's answer to one user message. */
export async function ask(message: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: deployment,
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: message },
    ],
    temperature: 0.7,
    max_tokens: 800,
  });
  return completion.choices[0]?.message.content ?? "";
}
