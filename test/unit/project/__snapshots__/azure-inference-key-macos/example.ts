// The migration guide's example in TypeScript: one chat completion from your Azure OpenAI deployment.
// Run it with `npm start` once the environment is set (see README.md).
import { type GetChatCompletionsBodyParam, isUnexpected } from "@azure-rest/ai-inference";
import { client, rejectEmptyReply } from "./client.ts";
import { exitWithError, exitWithServiceError } from "./config.ts";

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
};

try {
  const response = await client.path("/chat/completions").post({ body });

  // The SDK does not throw on error responses: any status but 200 is "unexpected".
  if (isUnexpected(response)) {
    // A gateway or proxy may answer with something other than Azure's JSON error: then the body is its text.
    const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    exitWithServiceError(response.status, error?.code, error?.message ?? bodyText(response.body));
  }

  const choice = response.body.choices[0];
  rejectEmptyReply(choice?.message.content ?? "", choice?.finish_reason);
  console.log(choice?.message.content);
} catch (error) {
  exitWithError(error);
}

function bodyText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? "";
}
