// Tests of this project's chat requests, offline: the client sends them to a fake Azure OpenAI resource in this
// process (test/fake-azure.ts), which records each request and answers as Azure does. No network, no key, no Azure
// resource. `npm test` runs them; to add one, copy a test: what the fake answers, the call, what was sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { complete, completeWithTools, streamReply } from "../src/chat.ts";
import { functions } from "../src/functions.ts";
import { chatCompletion, chatStream, DEPLOYMENT, fakeAzure, functionCall, TOKEN } from "./fake-azure.ts";

const question = [
  { role: "system" as const, content: "You are a helpful assistant." },
  { role: "user" as const, content: "How many feet are in a mile?" },
];

test("sends a chat completion to the v1 API, for the deployment, with a Microsoft Entra ID token", async () => {
  const azure = fakeAzure(chatCompletion("There are 5,280 feet in a mile."));
  assert.equal(await complete(azure.client, DEPLOYMENT, question), "There are 5,280 feet in a mile.");

  const [sent] = azure.requests;
  assert.equal(sent?.method, "POST");
  assert.equal(sent?.url.href, "https://test-resource.openai.azure.com/openai/v1/chat/completions");
  assert.equal(sent?.headers.get("authorization"), `Bearer ${TOKEN}`);
  assert.deepEqual(azure.scopes, ["https://cognitiveservices.azure.com/.default"]);
  assert.equal(sent?.body.model, DEPLOYMENT);
  assert.deepEqual(sent?.body.messages, question);
});

test("sends only parameters reasoning models accept: max_completion_tokens, no max_tokens, no temperature", async () => {
  const azure = fakeAzure(chatCompletion("5,280."));
  await complete(azure.client, DEPLOYMENT, question);
  const body = azure.requests[0]?.body ?? {};
  assert.equal(typeof body.max_completion_tokens, "number");
  assert.equal("max_tokens" in body, false);
  assert.equal("temperature" in body, false);
});

test("says on stderr when the token budget cut the reply short, and still returns it", async (t) => {
  const said = t.mock.method(console, "error", () => {});
  const azure = fakeAzure(chatCompletion("There are 5,280", "length"));
  assert.equal(await complete(azure.client, DEPLOYMENT, question), "There are 5,280");
  assert.match(String(said.mock.calls[0]?.arguments[0]), /the reply is cut short: it reached the token budget/);
});

test("puts a streamed reply together, characters split between reads included", async () => {
  const azure = fakeAzure(chatStream(["There are ", "5,280 feet ", "in a mile — ≈ 1.6 km."]));
  let reply = "";
  for await (const text of streamReply(azure.client, DEPLOYMENT, question)) reply += text;
  assert.equal(reply, "There are 5,280 feet in a mile — ≈ 1.6 km.");
  assert.equal(azure.requests[0]?.body.stream, true);
});

test("says the reply is empty when the model spent its whole budget thinking", async () => {
  const azure = fakeAzure(chatCompletion("", "length"));
  await assert.rejects(complete(azure.client, DEPLOYMENT, question), (error) => {
    assert.match(String(error), /ReplyError: The reply is empty \(finish_reason: length\)/);
    return true;
  });
});

test("runs the function the model calls and sends the result back", async () => {
  const azure = fakeAzure(
    functionCall("convert_length", { value: 3.5, from: "mile", to: "foot" }),
    chatCompletion("3.5 miles are 18,480 feet."),
  );
  const reply = await completeWithTools(azure.client, DEPLOYMENT, question, functions);
  assert.equal(reply, "3.5 miles are 18,480 feet.");

  const [first, second] = azure.requests;
  assert.deepEqual(
    first?.body.tools.map((tool: { function: { name: string } }) => tool.function.name),
    ["convert_length"],
  );
  // The second request has the model's call, then the function's result for it.
  assert.equal(second?.body.messages.at(-2).tool_calls[0].id, "call_1");
  assert.deepEqual(second?.body.messages.at(-1), { role: "tool", tool_call_id: "call_1", content: "18480" });
});
