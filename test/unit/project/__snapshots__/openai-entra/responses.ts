// The same question with the Responses API (src/responses.ts): one response, then one streamed. Run it with `npm run responses`.
import { createClient } from "./src/client.ts";
import { respond, streamResponse } from "./src/responses.ts";
import { readSettings } from "./src/settings.ts";

const settings = readSettings();
const client = createClient(settings);
const instructions = "You are a helpful assistant.";
console.log(await respond(client, settings.deployment, instructions, "How many feet are in a mile?"));
for await (const text of streamResponse(client, settings.deployment, instructions, "How many meters are in a mile?")) {
  process.stdout.write(text);
}
process.stdout.write("\n");
