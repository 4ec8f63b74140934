// HTTPS_PROXY and NO_PROXY for the OpenAI SDK, whose requests go through Node.js's fetch, which ignores them unless told.
import http from "node:http";
import type { ClientOptions } from "openai";

/** Node.js 24 and later turn their own proxy support on; Node.js 20 and 22 get undici's EnvHttpProxyAgent and fetch. */
export async function proxyOptions(env: NodeJS.ProcessEnv = process.env): Promise<Pick<ClientOptions, "fetch" | "fetchOptions">> {
  if (!(env["HTTPS_PROXY"] || env["https_proxy"] || env["HTTP_PROXY"] || env["http_proxy"])) return {};
  const node = http as { setGlobalProxyFromEnv?: (env?: NodeJS.ProcessEnv) => unknown };
  if (typeof node.setGlobalProxyFromEnv === "function") {
    node.setGlobalProxyFromEnv(env);
    return {};
  }
  const { EnvHttpProxyAgent, fetch } = await import("undici");
  return {
    fetch: fetch as unknown as ClientOptions["fetch"],
    fetchOptions: { dispatcher: new EnvHttpProxyAgent() } as ClientOptions["fetchOptions"],
  };
}
