// The Azure AI Inference client for your deployment (AZURE_OPENAI_CHAT_ENDPOINT names it).
import ModelClient, { type ModelClientOptions } from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
import "./explain.ts"; // Failures in plain words: delete this line and src/explain.ts to do without them.
import type { Settings } from "./settings.ts";

export type Client = ReturnType<typeof ModelClient>;

/** The Azure OpenAI data-plane API version the requests ask for. */
export const apiVersion = "2024-10-21";

/**
 * A client that sends the key with every request. `options` are the SDK's own: tests pass `httpClient`. The SDK's
 * pipeline honours HTTPS_PROXY and NO_PROXY itself.
 */
export function createClient(settings: Settings, options: ModelClientOptions = {}): Client {
  return ModelClient(settings.endpoint, new AzureKeyCredential(settings.apiKey), { apiVersion, ...options });
}
