// Tests of the Responses API requests (src/responses.ts), offline, against the fake of test/fake-azure.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { respond, streamResponse } from "../src/responses.ts";
import { DEPLOYMENT, fakeAzure, response, responseStream } from "./fake-azure.ts";

test("sends a response request to the v1 API, for the deployment", async () => {
  const azure = fakeAzure(response("There are 5,280 feet in a mile."));
  const text = await respond(azure.client, DEPLOYMENT, "You are a helpful assistant.", "How many feet are in a mile?");
  assert.equal(text, "There are 5,280 feet in a mile.");

  const [sent] = azure.requests;
  assert.equal(sent?.url.href, "https://test-resource.openai.azure.com/openai/v1/responses");
  assert.equal(sent?.body.model, DEPLOYMENT);
  assert.equal(sent?.body.instructions, "You are a helpful assistant.");
  assert.equal(sent?.body.input, "How many feet are in a mile?");
  assert.equal(typeof sent?.body.max_output_tokens, "number");
  assert.equal("temperature" in (sent?.body ?? {}), false);
});

test("puts a streamed response together", async () => {
  const azure = fakeAzure(responseStream(["There are ", "1,609.344 meters ", "in a mile."]));
  let text = "";
  for await (const piece of streamResponse(azure.client, DEPLOYMENT, "You are a helpful assistant.", "And in meters?")) {
    text += piece;
  }
  assert.equal(text, "There are 1,609.344 meters in a mile.");
  assert.equal(azure.requests[0]?.body.stream, true);
});
