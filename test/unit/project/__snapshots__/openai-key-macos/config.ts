// Reads the settings example.ts and stream.ts need from the environment, and explains failures in plain words.

// A .env file, when there is one, fills in what the environment does not already set.
try {
  process.loadEnvFile();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}

const WHERE = "setup-env.sh, or .env";

/** Reads an environment variable, or says how to set it and exits. */
export function requireEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  console.error(`${name} is not set. Set it, then run this again:\n${howToSet(name)}`);
  process.exit(1);
}

/** The deployment from AZURE_OPENAI_CHAT_DEPLOYMENT; exits when it is missing or still a placeholder. */
export function readDeployment(): string {
  const deployment = requireEnv("AZURE_OPENAI_CHAT_DEPLOYMENT");
  rejectPlaceholder("AZURE_OPENAI_CHAT_DEPLOYMENT", deployment);
  return deployment;
}

/**
 * The endpoint from AZURE_OPENAI_CHAT_ENDPOINT; exits when it is missing, still a placeholder, or has the shape of
 * the other SDK's endpoint (which would send every request to a path that answers 404).
 */
export function readEndpoint(): string {
  const endpoint = requireEnv("AZURE_OPENAI_CHAT_ENDPOINT");
  rejectPlaceholder("AZURE_OPENAI_CHAT_ENDPOINT", endpoint);
  const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
  if (!url) {
    console.error(`AZURE_OPENAI_CHAT_ENDPOINT is not a URL: ${endpoint}\nSet it (in ${WHERE}) to ${expectedShape()}, then run this again.`);
    process.exit(1);
  }
  const path = url.pathname.replace(/\/+$/, "");
  // The migration guide's endpoint names the deployment in the URL; the v1 API takes it in each request's body.
  const guide = /^(.*)\/openai\/deployments\/([^/]+)(?:\/chat\/completions)?$/.exec(path);
  if (guide) {
    const fixed = `${url.origin}${guide[1]}/openai/v1/`;
    console.error(
      `AZURE_OPENAI_CHAT_ENDPOINT is the guide's deployment URL (${endpoint}), which the Azure AI Inference SDK uses.\n` +
        `This project uses the OpenAI SDK on the v1 API: set AZURE_OPENAI_CHAT_ENDPOINT=${fixed} and\n` +
        `AZURE_OPENAI_CHAT_DEPLOYMENT=${decodeURIComponent(guide[2] ?? "")} (in ${WHERE}), then run this again.`,
    );
    process.exit(1);
  }
  return endpoint;
}

function expectedShape(): string {
  return "https://<your-resource-name>.openai.azure.com/openai/v1/";
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
  };
  const example = examples[name] ?? "...";
  const lines =
    process.platform === "win32"
      ? [`  $env:${name} = '${example}'`]
      : ["  source ./setup-env.sh", `  export ${name}='${example}'`];
  return [...lines, "  or copy .env.example to .env and fill it in"].join("\n");
}

/**
 * Prints an error the service answered with, and what usually causes it, then exits. `message` may be a body that is
 * not Azure's JSON (a gateway's HTML page): it is shortened, and the status is printed once.
 */
export function exitWithServiceError(status: number | string, code: string | undefined, message: string): never {
  const text = describeBody(message, String(status));
  console.error(`The service answered ${status}${code && code !== String(status) ? ` ${code}` : ""}${text ? `: ${text}` : ""}`);
  const hint = hintFor(Number(status), code, message);
  if (hint) console.error(hint);
  process.exit(1);
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
    return "The model refuses a parameter of this example: reasoning models (o-series, gpt-5) take max_completion_tokens and no temperature; classic ones (gpt-4o, gpt-4.1) take the guide's. Generate the project again with --model <your model>, or edit the request.";
  }
  return undefined;
}

/** Prints why a request could not be made at all (network, credentials), then exits. */
export function exitWithError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`The request failed: ${message}`);
  const code = errorCode(error);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    console.error("The endpoint's host name was not found: check the resource name in AZURE_OPENAI_CHAT_ENDPOINT.");
  } else if (code === "ECONNREFUSED" || code === "ETIMEDOUT") {
    console.error("Nothing answered at AZURE_OPENAI_CHAT_ENDPOINT: check the URL and your network.");
  }
  process.exit(1);
}

function errorCode(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("E")) return code;
  }
  return undefined;
}

/** Reads a whole body and decodes it as UTF-8 once: a character split between chunks stays whole. */
export async function readText(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}
