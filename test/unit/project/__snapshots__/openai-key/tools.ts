// Tool calling: the model may call the functions in src/functions.ts before it answers. Run it with `npm run tools`.
import { completeWithTools } from "./src/chat.ts";
import { createClient } from "./src/client.ts";
import { functions } from "./src/functions.ts";
import { readSettings } from "./src/settings.ts";

const settings = readSettings();
const messages = [
  { role: "system" as const, content: "You are a helpful assistant. Use the functions you are given to convert units." },
  { role: "user" as const, content: "How many feet are in 3.5 miles?" },
];
const reply = await completeWithTools(createClient(settings), settings.deployment, messages, functions, (name, args, result) =>
  console.log(`(called ${name}(${args}): ${result})`),
);
console.log(reply);
