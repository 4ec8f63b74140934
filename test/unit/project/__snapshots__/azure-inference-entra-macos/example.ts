// The migration guide's example in TypeScript: one chat completion from your Azure OpenAI deployment.
// Run it with `npm start` once the environment is set (see README.md).
import { isUnexpected } from "@azure-rest/ai-inference";
import { client } from "./client.ts";
import { exitWithError, exitWithServiceError } from "./config.ts";

try {
  const response = await client.path("/chat/completions").post({
    body: {
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: "How many feet are in a mile?" },
      ],
      temperature: 0.7,
      max_tokens: 100,
    },
  });

  // The SDK does not throw on error responses: any status but 200 is "unexpected".
  if (isUnexpected(response)) {
    // A gateway or proxy may answer with something other than Azure's JSON error.
    const error = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    exitWithServiceError(response.status, error?.code, error?.message ?? String(response.body));
  }

  console.log(response.body.choices[0]?.message.content);
} catch (error) {
  exitWithError(error);
}
