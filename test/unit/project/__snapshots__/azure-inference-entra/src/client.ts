// The Azure AI Inference client for your deployment (AZURE_OPENAI_CHAT_ENDPOINT names it).
import ModelClient, { type ModelClientOptions } from "@azure-rest/ai-inference";
import type { TokenCredential } from "@azure/identity";
import "./explain.ts"; // Failures in plain words: delete this line and src/explain.ts to do without them.
import type { Settings } from "./settings.ts";
import { createCredential } from "./credential.ts";

export type Client = ReturnType<typeof ModelClient>;

/** The Azure OpenAI data-plane API version the requests ask for. */
export const apiVersion = "2024-10-21";

/** The token audience of Azure OpenAI (Cognitive Services). */
export const scope = "https://cognitiveservices.azure.com/.default";

/**
 * A client that sends a Microsoft Entra ID token with every request, refreshed before it expires.
 *
 * Your own sign-in on your machine, the app's managed identity in Azure (src/credential.ts, README.md). The SDK's
 * pipeline honours HTTPS_PROXY and NO_PROXY itself. Tests pass `credential` (a fake) and `httpClient`.
 */
export function createClient(
  settings: Settings,
  credential: TokenCredential = createCredential(),
  options: ModelClientOptions = {},
): Client {
  return ModelClient(settings.endpoint, credential, {
    apiVersion,
    // Azure OpenAI tokens are for Cognitive Services; the SDK's default scope (Azure Machine Learning) gets a 401.
    credentials: { scopes: [scope] },
    ...options,
  });
}
