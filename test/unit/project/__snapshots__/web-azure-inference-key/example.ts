// The migration guide's example in TypeScript: one chat completion from your Azure OpenAI deployment.
// Run it with `npm run example` once the environment is set (see README.md). The request is in src/chat.ts.
import { complete } from "./src/chat.ts";
import { createClient } from "./src/client.ts";
import { readSettings } from "./src/settings.ts";

const settings = readSettings();
const reply = await complete(createClient(settings), [
  { role: "system", content: "You are a helpful assistant." },
  { role: "user", content: "How many feet are in a mile?" },
]);
console.log(reply);
