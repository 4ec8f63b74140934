// The same question, the reply printed piece by piece as the deployment writes it. Run it with `npm run stream`.
import { streamReply } from "./src/chat.ts";
import { createClient } from "./src/client.ts";
import { readSettings } from "./src/settings.ts";

const settings = readSettings();
const reply = streamReply(createClient(settings), settings.deployment, [
  { role: "system", content: "You are a helpful assistant." },
  { role: "user", content: "How many feet are in a mile?" },
]);
for await (const text of reply) process.stdout.write(text);
process.stdout.write("\n");
