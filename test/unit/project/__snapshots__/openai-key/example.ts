// One chat completion from your deployment (the request is in src/chat.ts). Run it with `npm start`.
import { complete } from "./src/chat.ts";
import { createClient } from "./src/client.ts";
import { readSettings } from "./src/settings.ts";

const settings = readSettings();
const reply = await complete(createClient(settings), settings.deployment, [
  { role: "system", content: "You are a helpful assistant." },
  { role: "user", content: "How many feet are in a mile?" },
]);
console.log(reply);
