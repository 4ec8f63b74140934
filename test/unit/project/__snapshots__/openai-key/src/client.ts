// The OpenAI client for your Azure OpenAI resource's v1 API (https://<resource>.openai.azure.com/openai/v1/).
import OpenAI, { type ClientOptions } from "openai";
import "./explain.ts"; // Failures in plain words: delete this line and src/explain.ts to do without them.
import type { Settings } from "./settings.ts";
import { proxyOptions } from "./proxy.ts";

const proxy = await proxyOptions(); // HTTPS_PROXY, when set (src/proxy.ts)

/** A client that sends the key with every request. `options` are the SDK's own: tests pass `fetch`. */
export function createClient(settings: Settings, options: ClientOptions = {}): OpenAI {
  return new OpenAI({ baseURL: settings.endpoint, apiKey: settings.apiKey, ...proxy, ...options });
}
