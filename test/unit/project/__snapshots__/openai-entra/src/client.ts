// The OpenAI client for your Azure OpenAI resource's v1 API (https://<resource>.openai.azure.com/openai/v1/).
import { getBearerTokenProvider, type TokenCredential } from "@azure/identity";
import OpenAI, { type ClientOptions } from "openai";
import "./explain.ts"; // Failures in plain words: delete this line and src/explain.ts to do without them.
import type { Settings } from "./settings.ts";
import { createCredential } from "./credential.ts";
import { proxyOptions } from "./proxy.ts";

const proxy = await proxyOptions(); // HTTPS_PROXY, when set (src/proxy.ts)

/** The token audience of Azure OpenAI (Cognitive Services). */
export const scope = "https://cognitiveservices.azure.com/.default";

/**
 * A client that sends a Microsoft Entra ID token with every request, refreshed before it expires: your own sign-in on
 * your machine, the app's managed identity in Azure (src/credential.ts, README.md). Tests pass `credential` (a fake)
 * and `fetch`.
 */
export function createClient(
  settings: Settings,
  credential: TokenCredential = createCredential(),
  options: ClientOptions = {},
): OpenAI {
  return new OpenAI({ baseURL: settings.endpoint, apiKey: getBearerTokenProvider(credential, scope), ...proxy, ...options });
}
