// The Azure AI Inference client for your deployment (AZURE_OPENAI_CHAT_ENDPOINT names it).
import ModelClient, { type ModelClientOptions } from "@azure-rest/ai-inference";
import { DefaultAzureCredential, type TokenCredential } from "@azure/identity";
import type { Settings } from "./config.ts";

export type Client = ReturnType<typeof ModelClient>;

/** The Azure OpenAI data-plane API version the requests ask for. */
export const apiVersion = "2024-10-21";

/** The token audience of Azure OpenAI (Cognitive Services). */
export const scope = "https://cognitiveservices.azure.com/.default";

/**
 * A client that sends a Microsoft Entra ID token with every request, refreshed before it expires.
 *
 * DefaultAzureCredential takes the credentials AZURE_TOKEN_CREDENTIALS names: `dev` on your machine (Azure CLI, Azure
 * Developer CLI, Azure PowerShell, VS Code), `prod` in Azure (a managed identity: AZURE_CLIENT_ID picks a
 * user-assigned one; or workload identity, or a service principal's AZURE_CLIENT_SECRET). The same code runs in both
 * places; see README.md. Tests pass `credential` (a fake) and `httpClient`.
 */
export function createClient(
  settings: Settings,
  credential: TokenCredential = new DefaultAzureCredential(),
  options: ModelClientOptions = {},
): Client {
  return ModelClient(settings.endpoint, credential, {
    apiVersion,
    // Azure OpenAI tokens are for Cognitive Services; the SDK's default scope (Azure Machine Learning) gets a 401.
    credentials: { scopes: [scope] },
    ...options,
  });
}
