// The migration guide's example in TypeScript, with the OpenAI SDK on Azure: one chat completion from your deployment.
// Run it with `npm start` once the environment is set (see README.md).
import { client, deployment, exitWithFailure, rejectEmptyReply } from "./client.ts";

try {
  const completion = await client.chat.completions.create({
    model: deployment,
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "How many feet are in a mile?" },
    ],
    // Parameters every chat model accepts (the model is not known): reasoning models refuse max_tokens and any
    // temperature but the default. For a classic model (gpt-4o, gpt-4.1) the guide's temperature: 0.7 and
    // max_tokens: 100 work too.
    max_completion_tokens: 2000,
  });

  const choice = completion.choices[0];
  rejectEmptyReply(choice?.message.content ?? "", choice?.finish_reason);
  console.log(choice?.message.content);
} catch (error) {
  exitWithFailure(error);
}
