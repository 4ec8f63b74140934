// The settings every script here needs, read from the environment, and failures explained in plain words.

/** Where to reach your deployment: environment variables, set by setup-env.ps1, or .env. */
export interface Settings {
  /** AZURE_OPENAI_CHAT_ENDPOINT: the deployment's URL, https://<resource>.openai.azure.com/openai/deployments/<deployment> */
  readonly endpoint: string;
  /** AZURE_OPENAI_CHAT_KEY: Key 1 or Key 2 of the resource. */
  readonly apiKey: string;
}

const WHERE = "setup-env.ps1, or .env";

/** Reads the settings; a .env file fills in what the environment does not set. Exits with the fix when one is missing. */
export function readSettings(): Settings {
  try {
    process.loadEnvFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const endpoint = readEndpoint();
  return { endpoint, apiKey: requireEnv("AZURE_OPENAI_CHAT_KEY") };
}

/** Reads an environment variable, or says how to set it and exits. */
export function requireEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  console.error(`${name} is not set. Set it, then run this again:\n${howToSet(name)}`);
  process.exit(1);
}

/**
 * The endpoint from AZURE_OPENAI_CHAT_ENDPOINT; exits when it is still a placeholder, or has the shape of the other
 * SDK's endpoint (which would send every request to a path that answers 404).
 */
function readEndpoint(): string {
  const endpoint = requireEnv("AZURE_OPENAI_CHAT_ENDPOINT");
  rejectPlaceholder("AZURE_OPENAI_CHAT_ENDPOINT", endpoint);
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (!url) {
    console.error(`AZURE_OPENAI_CHAT_ENDPOINT is not a URL: ${endpoint}\nSet it (in ${WHERE}) to ${expectedShape()}, then run this again.`);
    process.exit(1);
  }
  const path = url.pathname.replace(/\/+$/, "");
  // The v1 API's endpoint takes the deployment in each request's body; this SDK needs it in the URL.
  const v1 = /^(.*)\/openai\/v1$/.exec(path);
  if (v1) {
    const deployment = process.env["AZURE_OPENAI_CHAT_DEPLOYMENT"]?.trim() || "<your-deployment-name>";
    const fixed = `${url.origin}${v1[1]}/openai/deployments/${deployment}`;
    console.error(
      `AZURE_OPENAI_CHAT_ENDPOINT is a v1 API URL (${endpoint}), which the OpenAI SDK uses.\n` +
        `This project uses the Azure AI Inference SDK, which needs the deployment in the URL: set\n` +
        `AZURE_OPENAI_CHAT_ENDPOINT=${fixed} (in ${WHERE}), then run this again.`,
    );
    process.exit(1);
  }
  return endpoint;
}

function expectedShape(): string {
  return "https://<your-resource-name>.openai.azure.com/openai/deployments/<your-deployment-name>";
}

/** Exits when a setting still holds one of the <your-...> placeholders the project was generated with. */
export function rejectPlaceholder(name: string, value: string): void {
  if (!value.includes("<your-")) return;
  console.error(`${name} is still a placeholder: ${value}\nPut your Azure names in it (in ${WHERE}), then run this again.`);
  process.exit(1);
}

function howToSet(name: string): string {
  const examples: Record<string, string> = {
    AZURE_OPENAI_CHAT_KEY: "<your-key>",
    AZURE_OPENAI_CHAT_ENDPOINT: expectedShape(),
    AZURE_OPENAI_CHAT_DEPLOYMENT: "<your-deployment-name>",
    // dev: your sign-in (Azure CLI, azd, ...); prod: a managed identity, in Azure.
    AZURE_TOKEN_CREDENTIALS: "dev",
  };
  const example = examples[name] ?? "...";
  const lines =
    process.platform === "win32"
      ? ["  .\\setup-env.ps1", `  $env:${name} = '${example}'`]
      : [`  export ${name}='${example}'`];
  if (name === "AZURE_TOKEN_CREDENTIALS") lines.push("  (dev on your machine; prod where the app runs in Azure with a managed identity)");
  return [...lines, "  or copy .env.example to .env and fill it in"].join("\n");
}

/** An answer of the service other than 200: its HTTP status, Azure's error code, and its message. */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  readonly status: number;
  readonly code: string | undefined;
  constructor(status: number, code: string | undefined, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
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
  const lines = [`The request failed: ${describe(error)}`];
  const code = errorCode(error);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    lines.push("The endpoint's host name was not found: check the resource name in AZURE_OPENAI_CHAT_ENDPOINT.");
  } else if (code === "ECONNREFUSED" || code === "ETIMEDOUT") {
    lines.push("Nothing answered at AZURE_OPENAI_CHAT_ENDPOINT: check the URL and your network.");
  }
  return lines.join("\n");
}

/**
 * The status, code and message of an error answer: the OpenAI SDK's errors carry Azure's {code, message} in `error`
 * and the status in `status`; ServiceError carries them itself. Undefined for other errors.
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
    return "Check AZURE_OPENAI_CHAT_KEY: use Key 1 or Key 2 from the resource's Keys and Endpoint page in the Azure portal.";
  }
  if (status === 403 && code === "AuthenticationTypeDisabled") {
    return "Key authentication is disabled on this resource: generate the project again with --auth entra (Microsoft Entra ID).";
  }
  if (status === 403 && /network|firewall/i.test(message)) {
    return "The resource's network rules refuse your address: add it under Networking in the Azure portal, or call from an allowed network (private endpoint, VPN).";
  }
  if (status === 403) {
    return 'Access refused: check the resource\'s Networking settings.';
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
    return "The model refuses a parameter of this request: reasoning models (o-series, gpt-5) take max_completion_tokens and no temperature; classic ones (gpt-4o, gpt-4.1) take the guide's. Generate the project again with --model <your model>, or edit `parameters` in src/chat.ts.";
  }
  return undefined;
}

/** The first Node.js error code (ENOTFOUND, ECONNREFUSED, ...) along the cause chain. */
function errorCode(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("E")) return code;
  }
  return undefined;
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
