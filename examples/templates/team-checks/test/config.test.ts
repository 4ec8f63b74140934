// Tests for config.ts with Node's own test runner: node --import tsx --test test/*.test.ts
import assert from "node:assert/strict";
import { test } from "node:test";
import { rejectPlaceholder, requireEnv } from "../config.ts";

test("requireEnv gives the variable's value without surrounding spaces", () => {
  process.env["TEAM_CHECKS_SAMPLE"] = "  value  ";
  assert.equal(requireEnv("TEAM_CHECKS_SAMPLE"), "value");
});

test("rejectPlaceholder lets a real value through", () => {
  assert.doesNotThrow(() => rejectPlaceholder("AZURE_OPENAI_CHAT_ENDPOINT", "https://contoso.openai.azure.com"));
});
