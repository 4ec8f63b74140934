// The OpenAI client for your Azure OpenAI resource's v1 API (https://<resource>.openai.azure.com/openai/v1/).
import { DefaultAzureCredential, getBearerTokenProvider, type TokenCredential } from "@azure/identity";
import OpenAI, { type ClientOptions } from "openai";
import type { Settings } from "./config.ts";

/** The token audience of Azure OpenAI (Cognitive Services). */
export const scope = "https://cognitiveservices.azure.com/.default";

/**
 * A client that sends a Microsoft Entra ID token with every request, refreshed before it expires.
 *
 * DefaultAzureCredential takes the credentials AZURE_TOKEN_CREDENTIALS names: `dev` on your machine (Azure CLI, Azure
 * Developer CLI, Azure PowerShell, VS Code), `prod` in Azure (a managed identity: AZURE_CLIENT_ID picks a
 * user-assigned one; or workload identity, or a service principal's AZURE_CLIENT_SECRET). The same code runs in both
 * places; see README.md. Tests pass `credential` (a fake) and `fetch`.
 */
export function createClient(
  settings: Settings,
  credential: TokenCredential = new DefaultAzureCredential(),
  options: ClientOptions = {},
): OpenAI {
  return new OpenAI({ baseURL: settings.endpoint, apiKey: getBearerTokenProvider(credential, scope), ...options });
}
