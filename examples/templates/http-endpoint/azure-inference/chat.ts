// One chat turn with the Azure AI Inference SDK, for server.ts.
import { isUnexpected } from "@azure-rest/ai-inference";
import { client } from "./client.ts";

const SYSTEM = "You are a helpful assistant.";

/** The deployment's answer to one user message. */
export async function ask(message: string): Promise<string> {
  const response = await client.path("/chat/completions").post({
    body: {
      messages: [
        { role: "system", content: SYSTEM },
        { role: "user", content: message },
      ],
      temperature: 0.7,
      max_tokens: 800,
    },
  });
  // The SDK does not throw on error responses: any status but 200 is "unexpected".
  if (isUnexpected(response)) {
    const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new Error(`The service answered ${response.status}: ${error?.message ?? "no message"}`);
  }
  return response.body.choices[0]?.message.content ?? "";
}
