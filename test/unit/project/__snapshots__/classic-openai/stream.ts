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
    temperature: 0.7,
    max_tokens: 100,
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
