// The settings every script here needs, read from the environment, and failures explained in plain words.
import { endpointShape, sdkEndpoint } from "./endpoint.ts";

/** Where to reach your deployment: environment variables, set by setup-env.ps1, or .env. */
export interface Settings {
  /** From AZURE_OPENAI_CHAT_ENDPOINT: the v1 API's base URL, https://<resource>.openai.azure.com/openai/v1/ */
  readonly endpoint: string;
  /** AZURE_OPENAI_CHAT_DEPLOYMENT: the deployment's name; the v1 API takes it in each request's `model` field. */
  readonly deployment: string;
}

const WHERE = "setup-env.ps1, or .env";

/**
 * Reads the settings; a .env file fills in what the environment does not set. Every setting missing or wrong is
 * reported at once, with the fix, and the script exits.
 */
export function readSettings(): Settings {
  try {
    process.loadEnvFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const problems: string[] = [];
  const missing: string[] = [];
  const read = (name: string): string => {
    const value = process.env[name]?.trim() ?? "";
    if (value === "") missing.push(name);
    else if (value.includes("<your-")) problems.push(`${name} is still a placeholder: ${value}`);
    return value;
  };
  const rawEndpoint = read("AZURE_OPENAI_CHAT_ENDPOINT");
  const deployment = read("AZURE_OPENAI_CHAT_DEPLOYMENT");
  const endpoint = missing.includes("AZURE_OPENAI_CHAT_ENDPOINT") || rawEndpoint.includes("<your-") ? "" : readEndpoint(rawEndpoint, deployment, problems);
  if (problems.length > 0 || missing.length > 0) {
    console.error(settingsReport(problems, missing));
    process.exit(1);
  }
  return { endpoint, deployment };
}

/** Reads an environment variable a script of yours needs, or says how to set it and exits. */
export function requireEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  console.error(settingsReport([], [name]));
  process.exit(1);
}

/** Exits when a setting still holds one of the <your-...> placeholders the project was generated with. */
export function rejectPlaceholder(name: string, value: string): void {
  if (!value.includes("<your-")) return;
  console.error(settingsReport([`${name} is still a placeholder: ${value}`], []));
  process.exit(1);
}

/** Every problem on a line, then how to set what is missing (or where to change what is wrong). */
function settingsReport(problems: readonly string[], missing: readonly string[]): string {
  const lines = [...problems];
  if (missing.length === 1) lines.push(`${missing[0]} is not set. Set it, then run this again:`);
  if (missing.length > 1) lines.push(`${missing.join(", ")} are not set. Set them, then run this again:`);
  if (missing.length > 0) return [...lines, howToSet(missing)].join("\n");
  return [...lines, `Change ${problems.length === 1 ? "it" : "them"} (in ${WHERE}), then run this again.`].join("\n");
}

/**
 * The URL the SDK takes, from AZURE_OPENAI_CHAT_ENDPOINT in any form Azure shows (src/endpoint.ts): the portal's
 * "Endpoint" (https://<resource>.openai.azure.com/, .cognitiveservices.azure.com/, .services.ai.azure.com/), a Foundry
 * project URL, a Target URI. A form that names a deployment (the other SDK's URL) is a problem, with the value to set.
 */
function readEndpoint(raw: string, deployment: string, problems: string[]): string {
  if (!URL.canParse(raw) || !/^https:\/\/[^/\\?#]/i.test(raw)) {
    problems.push(`AZURE_OPENAI_CHAT_ENDPOINT is not an https URL: ${raw}. Set it to ${expectedShape()}`);
    return "";
  }
  const shape = endpointShape(new URL(raw));
  if ("refused" in shape) {
    problems.push(`AZURE_OPENAI_CHAT_ENDPOINT ${shape.refused}`);
    return "";
  }
  if (shape.form === "deployments") {
    // The migration guide's endpoint names the deployment in the URL; the v1 API takes it in each request's body.
    problems.push(
      `AZURE_OPENAI_CHAT_ENDPOINT is the guide's deployment URL (${raw}), which the Azure AI Inference SDK uses.\n` +
        `This project uses the OpenAI SDK on the v1 API: set AZURE_OPENAI_CHAT_ENDPOINT=${sdkEndpoint("openai", shape.base, "")} and\n` +
        `AZURE_OPENAI_CHAT_DEPLOYMENT=${shape.deployment ?? ""}`,
    );
    return "";
  }
  const endpoint = sdkEndpoint("openai", shape.base, deployment);
  const dropped = new URL(raw).search === "" ? shape.notes : [...shape.notes, "dropped the query: the SDK adds what it needs"];
  if (dropped.length > 0) {
    console.error(`AZURE_OPENAI_CHAT_ENDPOINT: using ${endpoint} (${dropped.join("; ")}). Set it to that to skip this note.`);
  }
  return endpoint;
}

function expectedShape(): string {
  return "https://<your-resource-name>.openai.azure.com/openai/v1/";
}

/** How to set the variables `names`, on this OS. */
function howToSet(names: readonly string[]): string {
  const examples: Record<string, string> = {
    AZURE_OPENAI_CHAT_KEY: "<your-key>",
    AZURE_OPENAI_CHAT_ENDPOINT: expectedShape(),
    AZURE_OPENAI_CHAT_DEPLOYMENT: "<your-deployment-name>",
  };
  const lines =
    process.platform === "win32"
      ? ["  .\\setup-env.ps1", ...names.map((name) => `  $env:${name} = '${examples[name] ?? "..."}'`)]
      : [...names.map((name) => `  export ${name}='${examples[name] ?? "..."}'`)];
  return [...lines, "  or copy .env.example to .env and fill it in"].join("\n");
}

/** An answer the scripts cannot use although the request went through; its message says why and what to do. */
export class ReplyError extends Error {
  override readonly name = "ReplyError";

  /** No text, because the model spent the whole token budget, which reasoning models do thinking. */
  static budgetSpent(budget: string): ReplyError {
    return new ReplyError(
      `The reply is empty: the model used the whole token budget (${budget}) before writing any text, which reasoning models spend thinking first. Raise ${budget} in the request.`,
    );
  }

  /** A reply cut at the token budget (finish_reason "length"), said on stderr: the text alone does not show it. */
  static cutNote(budget: string, value: number): string {
    return `Note: the reply is cut short: it reached the token budget (${budget}: ${value}). Raise ${budget} in \`parameters\` in src/chat.ts or src/responses.ts for whole answers.`;
  }

  /** No text, because Azure's content filter withheld it. */
  static filtered(): ReplyError {
    return new ReplyError(
      "The reply is empty: Azure's content filter withheld it (finish_reason: content_filter). Change the prompt, or review the deployment's content filter in the Microsoft Foundry portal.",
    );
  }
}

/** Prints what went wrong and what usually fixes it (explainFailure), then exits. */
export function exitWithFailure(error: unknown): never {
  console.error(explainFailure(error));
  process.exit(1);
}

/**
 * What went wrong, in words, and what usually fixes it: an error answer of the service (its status, code and
 * message), an empty reply, or a request that could not be made (network, credentials).
 */
export function explainFailure(error: unknown): string {
  if (error instanceof ReplyError) return error.message;
  const service = serviceErrorOf(error);
  if (service) {
    const { status, code, message } = service;
    const text = describeBody(message, String(status));
    const headline = `The service answered ${status}${code && code !== String(status) ? ` ${code}` : ""}${text ? `: ${text}` : ""}`;
    const hint = hintFor(status, code, message);
    return hint ? `${headline}\n${hint}` : headline;
  }
  const code = errorCode(error);
  const root = causes(error).at(-1);
  // The root cause says what the wrapper's message ("Connection error.") does not; unless the message holds it already.
  const rootText = root && root !== error ? describe(root) : "";
  const detail =
    rootText && !describe(error).includes(rootText) ? ` (${rootText}${code && !rootText.includes(code) ? `, ${code}` : ""})` : "";
  const lines = [`The request failed: ${describe(error)}${detail}`];
  const hint = networkHint(code);
  if (hint) lines.push(hint);
  else if (isNoCredential(error)) lines.push(NO_CREDENTIAL);
  return lines.join("\n");
}

/** Certificate errors: the endpoint's certificate chain does not end at a CA this Node.js trusts. */
const UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
]);

/** What to do about a network failure's code; undefined when the code says nothing useful. */
function networkHint(code: string | undefined): string | undefined {
  const proxy = process.env["HTTPS_PROXY"] || process.env["https_proxy"];
  const via = proxy ? ` (through the proxy in HTTPS_PROXY, ${redactUrl(proxy)})` : "";
  if (code && UNTRUSTED.has(code)) {
    return (
      `The endpoint's certificate is not trusted here (${code}): a proxy or gateway on your network may re-sign HTTPS with its own certificate authority. ` +
      "Trust that authority: set NODE_EXTRA_CA_CERTS to its PEM file, or let Node.js use your system's certificate store with NODE_OPTIONS=--use-system-ca (Node.js 22.15 or later); see README.md, \"Proxies and certificates\"."
    );
  }
  if (code === "CERT_HAS_EXPIRED" || code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `The endpoint's certificate is ${code === "CERT_HAS_EXPIRED" ? "expired" : "for another host name"} (${code}): check the host in AZURE_OPENAI_CHAT_ENDPOINT${via}.`;
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return proxy
      ? `A host name was not found${via}: check the proxy's address and the resource name in AZURE_OPENAI_CHAT_ENDPOINT.`
      : "The endpoint's host name was not found: check the resource name in AZURE_OPENAI_CHAT_ENDPOINT. Behind a proxy, set HTTPS_PROXY (see README.md).";
  }
  if (code === "ECONNREFUSED" || code === "ETIMEDOUT" || code === "ECONNRESET" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return `Nothing answered${via || " at AZURE_OPENAI_CHAT_ENDPOINT"}: check the URL and your network${proxy ? "" : "; behind a proxy, set HTTPS_PROXY (see README.md)"}.`;
  }
  return undefined;
}

/** A proxy URL without its password, to print. */
function redactUrl(value: string): string {
  return URL.canParse(value) && new URL(value).password !== "" ? value.replace(/:[^:@/]*@/, ":***@") : value;
}

const NO_CREDENTIAL =
  "No Microsoft Entra credential was found. On your machine: sign in with `az login` (or `azd auth login`, or Azure PowerShell's Connect-AzAccount). " +
  "In Azure: give the app a managed identity (App Service, Functions and Container Apps announce it themselves; on a VM, also set AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential; a user-assigned one needs AZURE_CLIENT_ID). See README.md, \"Microsoft Entra ID\".";

/**
 * The status, code and message of an error answer: the OpenAI SDK's errors carry Azure's {code, message} in `error`
 * and the status in `status`. Undefined for other errors.
 */
function serviceErrorOf(error: unknown): { status: number; code: string | undefined; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  try {
    const { status, code, error: body } = error as Error & { status?: unknown; code?: unknown; error?: { message?: unknown } };
    if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
    const message = typeof body?.message === "string" ? body.message : error.message;
    return { status, code: typeof code === "string" ? code : undefined, message };
  } catch {
    return undefined;
  }
}

/** A body for one line: an HTML page's title, else the text without a repeated status, cut when long. */
function describeBody(body: string, status: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
  let text = (title ?? body).replace(/\s+/g, " ").trim();
  if (text.startsWith(`${status} `)) text = text.slice(status.length + 1).trim();
  if (text === status) return "";
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function hintFor(status: number, code: string | undefined, message: string): string | undefined {
  if (status === 401 && /tenant/i.test(message)) {
    return "The token is from another Microsoft Entra tenant than the resource's: sign in to the resource's tenant with `az login --tenant <tenant-id>` (or set AZURE_TENANT_ID).";
  }
  if (status === 401 && code === "PermissionDenied") {
    return 'Your Microsoft Entra identity lacks the data-plane role: assign it "Cognitive Services OpenAI User" on the resource (see README.md; role assignments take a few minutes).';
  }
  if (status === 401) {
    return 'Your Microsoft Entra identity was refused: sign in with `az login` to the tenant of the resource; your identity needs the "Cognitive Services OpenAI User" role on it.';
  }
  if (status === 403 && code === "AuthenticationTypeDisabled") {
    return "Key authentication is disabled on this resource: generate the project again with --auth entra (Microsoft Entra ID).";
  }
  if (status === 403 && /network|firewall/i.test(message)) {
    return "The resource's network rules refuse your address: add it under Networking in the Azure portal, or call from an allowed network (private endpoint, VPN).";
  }
  if (status === 403) {
    return 'Access refused: check the resource\'s Networking settings and that your identity has the "Cognitive Services OpenAI User" role.';
  }
  if (status === 404 && code === "DeploymentNotFound") {
    return "No deployment of that name on this resource: check AZURE_OPENAI_CHAT_DEPLOYMENT against Deployments in the Microsoft Foundry portal (it is case-sensitive).";
  }
  if (status === 404) return "Check AZURE_OPENAI_CHAT_ENDPOINT: the resource name or the path is wrong.";
  if (status === 429) {
    return "Rate limit reached, still after the SDK's own retries: wait a moment and run again, or raise the deployment's tokens-per-minute quota.";
  }
  if (status === 400 && code === "content_filter") {
    return "Azure's content filter refused the prompt or the reply: change the prompt, or review the deployment's content filter in the Microsoft Foundry portal.";
  }
  if (status === 400 && (code === "unsupported_parameter" || code === "unsupported_value")) {
    return "The model refuses a parameter of this request: reasoning models (o-series, gpt-5) take max_completion_tokens and no temperature; classic ones (gpt-4o, gpt-4.1) take the guide's. Generate the project again with --model <your model>, or edit `parameters` in src/chat.ts (chat completions) or src/responses.ts (the Responses API).";
  }
  return undefined;
}

/**
 * DefaultAzureCredential finding no credential: AggregateAuthenticationError (its errors are
 * CredentialUnavailableErrors), thrown as it is or as the cause of the SDK's own error. Matched by name along the
 * cause chain: the classes may come from another copy of @azure/identity than the one imported here.
 */
function isNoCredential(error: unknown): boolean {
  return causes(error).some(
    (cause) => cause.name === "AggregateAuthenticationError" || cause.name === "CredentialUnavailableError",
  );
}

/**
 * The error code that says most along the cause chain: the deepest one (a socket's ENOTFOUND, a TLS check's
 * UNABLE_TO_GET_ISSUER_CERT_LOCALLY) rather than a wrapper's own (the Azure SDK's REQUEST_SEND_ERROR).
 */
function errorCode(error: unknown): string | undefined {
  let found: string | undefined;
  for (const cause of causes(error)) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code)) found = code;
  }
  return found;
}

/** The error and its causes, at most 8 deep (a chain may loop). */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let cause = error; cause instanceof Error && chain.length < 8 && !chain.includes(cause); cause = cause.cause) {
    chain.push(cause);
  }
  return chain;
}

/** An error's message for one line; never throws, whatever was thrown. */
function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}
