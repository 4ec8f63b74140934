// Tests for src/settings.ts with Node's own test runner, beside the project's own tests (npm test).
import assert from "node:assert/strict";
import { test } from "node:test";
import { rejectPlaceholder, requireEnv } from "../src/settings.ts";

test("requireEnv gives the variable's value without surrounding spaces", () => {
  process.env["TEAM_CHECKS_SAMPLE"] = "  value  ";
  assert.equal(requireEnv("TEAM_CHECKS_SAMPLE"), "value");
});

test("rejectPlaceholder lets a real value through", () => {
  assert.doesNotThrow(() => rejectPlaceholder("AZURE_OPENAI_CHAT_ENDPOINT", "https://contoso.openai.azure.com"));
});
