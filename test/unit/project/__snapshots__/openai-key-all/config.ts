// Reads the settings example.ts and stream.ts need from the environment, and explains failures in plain words.

// A .env file, when there is one, fills in what the environment does not already set.
try {
  process.loadEnvFile();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}

/** Reads an environment variable, or says how to set it and exits. */
export function requireEnv(name: string): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  console.error(`${name} is not set. Set it, then run this again:\n${howToSet(name)}`);
  process.exit(1);
}

/** The endpoint from AZURE_OPENAI_CHAT_ENDPOINT; exits when it is missing or still a placeholder. */
export function readEndpoint(): string {
  const endpoint = requireEnv("AZURE_OPENAI_CHAT_ENDPOINT");
  rejectPlaceholder(
    "AZURE_OPENAI_CHAT_ENDPOINT",
    endpoint,
    "setup-env.sh, setup-env.ps1, or .env",
  );
  return endpoint;
}

/** Exits when a setting still holds one of the <your-...> placeholders the project was generated with. */
export function rejectPlaceholder(name: string, value: string, where: string): void {
  if (!value.includes("<your-")) return;
  console.error(`${name} is still a placeholder: ${value}\nPut your Azure names in it (in ${where}), then run this again.`);
  process.exit(1);
}

function howToSet(name: string): string {
  const secret = name === "AZURE_OPENAI_CHAT_KEY";
  const example = secret ? "<your-key>" : "https://<your-resource-name>.openai.azure.com/...";
  const lines =
    process.platform === "win32"
      ? ["  .\\setup-env.ps1", `  $env:${name} = '${example}'`]
      : ["  source ./setup-env.sh", `  export ${name}='${example}'`];
  return [...lines, "  or copy .env.example to .env and fill it in"].join("\n");
}

/** Prints an error the service answered with, and what usually causes it, then exits. */
export function exitWithServiceError(status: number | string, code: string | undefined, message: string): never {
  console.error(`The service answered ${status}${code && code !== String(status) ? ` ${code}` : ""}: ${message}`);
  const hint = hintFor(Number(status), code);
  if (hint) console.error(hint);
  process.exit(1);
}

function hintFor(status: number, code: string | undefined): string | undefined {
  if (status === 401) {
    return "Check AZURE_OPENAI_CHAT_KEY: use Key 1 or Key 2 from the resource's Keys and Endpoint page in the Azure portal.";
  }
  if (status === 404 && code === "DeploymentNotFound") {
    return "No deployment of that name on this resource: check the name under Deployments in the Azure AI Foundry portal (it is case-sensitive).";
  }
  if (status === 404) return "Check AZURE_OPENAI_CHAT_ENDPOINT: the resource name or the path is wrong.";
  if (status === 429) return "Rate limit reached: wait a moment and retry, or raise the deployment's tokens-per-minute quota.";
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
