// Tests of src/explain.ts: what the scripts say about the failures people meet most, as Azure answers them. Delete
// this file with src/explain.ts.
import assert from "node:assert/strict";
import { test } from "node:test";
import { complete } from "../src/chat.ts";
import { explainFailure } from "../src/explain.ts";
import { respond } from "../src/responses.ts";
import { chatCompletion, DEPLOYMENT, errorAnswer, fakeAzure } from "./fake-azure.ts";

const question = [
  { role: "system" as const, content: "You are a helpful assistant." },
  { role: "user" as const, content: "How many feet are in a mile?" },
];

test("says the reply is empty when the model spent its whole budget thinking", async () => {
  const azure = fakeAzure(chatCompletion("", "length"));
  await assert.rejects(complete(azure.client, DEPLOYMENT, question), (error) => {
    assert.match(explainFailure(error), /The reply is empty/);
    return true;
  });
});

// The failures people meet most, as Azure answers them, and what the scripts say about each.
const failures = [
  { status: 401, code: "401", message: "Access denied due to invalid subscription key or wrong API endpoint.", hint: /AZURE_OPENAI_CHAT_KEY/ },
  { status: 404, code: "DeploymentNotFound", message: "The API deployment for this resource does not exist.", hint: /AZURE_OPENAI_CHAT_DEPLOYMENT/ },
  { status: 429, code: "429", message: "Requests have exceeded the token rate limit of your current tier.", hint: /quota/ },
];

for (const { status, code, message, hint } of failures) {
  test(`explains a ${status}${code === String(status) ? "" : ` ${code}`}`, async () => {
    const azure = fakeAzure(...[1, 2, 3].map(() => errorAnswer(status, code, message)));
    await assert.rejects(complete(azure.client, DEPLOYMENT, question), (error) => {
      const explained = explainFailure(error);
      assert.match(explained, new RegExp(`^The service answered ${status}`));
      assert.match(explained, hint);
      return true;
    });
    // The SDK tries a 429 three times in all before it gives up; other errors once.
    assert.equal(azure.requests.length, status === 429 ? 3 : 1);
  });
}

test("explains a deployment that does not exist, for the Responses API too", async () => {
  const azure = fakeAzure(errorAnswer(404, "DeploymentNotFound", "The API deployment for this resource does not exist."));
  await assert.rejects(respond(azure.client, DEPLOYMENT, "", "Hello"), (error) => {
    assert.match(explainFailure(error), /AZURE_OPENAI_CHAT_DEPLOYMENT/);
    return true;
  });
});

test("a host not found: set HTTPS_PROXY, or, when it is set, check the proxy and NO_PROXY", (t) => {
  const notFound = new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND contoso.openai.azure.com"), { code: "ENOTFOUND" }) });
  const saved = { HTTPS_PROXY: process.env["HTTPS_PROXY"], https_proxy: process.env["https_proxy"] };
  t.after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  for (const name of Object.keys(saved)) delete process.env[name];
  assert.match(explainFailure(notFound), /Behind a proxy, set HTTPS_PROXY/);
  process.env["HTTPS_PROXY"] = "http://proxy.example:3128";
  const explained = explainFailure(notFound);
  assert.match(explained, /through the proxy in HTTPS_PROXY, http:\/\/proxy\.example:3128/);
  assert.match(explained, /check that the proxy in HTTPS_PROXY can reach the endpoint's host, and that NO_PROXY does not name that host/);
  assert.doesNotMatch(explained, /set HTTPS_PROXY/);
});
