// The same question, streamed: the reply is printed piece by piece as the deployment writes it.
// Run it with `npm run stream`.
import { client, deployment, exitWithFailure, rejectEmptyReply } from "./client.ts";

try {
  const stream = await client.chat.completions.create({
    model: deployment,
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "How many feet are in a mile?" },
    ],
    // Parameters every chat model accepts (the model is not known): reasoning models refuse max_tokens and any
    // temperature but the default. For a classic model (gpt-4o, gpt-4.1) the guide's temperature: 0.7 and
    // max_tokens: 100 work too.
    max_completion_tokens: 2000,
    stream: true,
  });
  let content = "";
  let finishReason: string | null | undefined;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    const text = choice?.delta?.content ?? "";
    content += text;
    finishReason = choice?.finish_reason ?? finishReason;
    process.stdout.write(text);
  }
  rejectEmptyReply(content, finishReason);
  process.stdout.write("\n");
} catch (error) {
  exitWithFailure(error);
}
