// The settings every script here needs, from the environment or a .env file. Every setting missing or wrong is
// reported at once, with how to set it, and the script exits.

export interface Settings {
  /** The deployment's URL, from AZURE_OPENAI_CHAT_ENDPOINT: https://<resource>.openai.azure.com/openai/deployments/<name> */
  readonly endpoint: string;
  /** AZURE_OPENAI_CHAT_KEY: Key 1 or Key 2 of the resource. */
  readonly apiKey: string;
}

const EXAMPLES: Record<string, string> = {
  AZURE_OPENAI_CHAT_ENDPOINT: "https://<your-resource-name>.openai.azure.com/openai/deployments/<your-deployment-name>",
  AZURE_OPENAI_CHAT_KEY: "<your-key>",
};

export function readSettings(): Settings {
  try {
    process.loadEnvFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const value = (name: string) => process.env[name]?.trim() ?? "";
  const endpoint = value("AZURE_OPENAI_CHAT_ENDPOINT");
  // The endpoint names the deployment, or AZURE_OPENAI_CHAT_DEPLOYMENT does.
  const named = /\/openai\/deployments\/([^/?#]+)/.exec(endpoint)?.[1];
  const names = [...Object.keys(EXAMPLES), ...(endpoint !== "" && !named ? ["AZURE_OPENAI_CHAT_DEPLOYMENT"] : [])];
  const problems = names.filter((name) => value(name).includes("<your-")).map((name) => `${name} is still a placeholder: ${value(name)}`);
  if (endpoint !== "" && !endpoint.includes("<your-") && !(URL.canParse(endpoint) && /^https:\/\/[^/\\?#]/i.test(endpoint))) {
    problems.push(`AZURE_OPENAI_CHAT_ENDPOINT is not an https URL: ${endpoint}. Set it to ${EXAMPLES["AZURE_OPENAI_CHAT_ENDPOINT"]}`);
  }
  exitOnProblems(problems, names.filter((name) => value(name) === ""));
  // The portal's Endpoint, a Target URI, a Foundry project URL...: the resource's host (and a gateway's path prefix).
  const { origin, pathname } = new URL(endpoint);
  return {
    endpoint: `${origin}${pathname.replace(/\/(openai|models|api\/projects)(\/.*)?$|\/+$/i, "")}/openai/deployments/${named ?? value("AZURE_OPENAI_CHAT_DEPLOYMENT")}`,
    apiKey: value("AZURE_OPENAI_CHAT_KEY"),
  };
}

/** Reads an environment variable a script of yours needs, or says how to set it and exits. */
export function requireEnv(name: string): string {
  exitOnProblems([], process.env[name]?.trim() ? [] : [name]);
  return process.env[name]?.trim() ?? "";
}

/** Exits when a setting still holds one of the <your-...> placeholders the project was generated with. */
export function rejectPlaceholder(name: string, value: string): void {
  exitOnProblems(value.includes("<your-") ? [`${name} is still a placeholder: ${value}`] : [], []);
}

/** When anything is wrong or missing: says each problem, then how to set what is missing, and exits. */
function exitOnProblems(problems: readonly string[], missing: readonly string[]): void {
  if (problems.length === 0 && missing.length === 0) return;
  const windows = process.platform === "win32";
  const set = missing.map((name) => (windows ? `  $env:${name} = '${EXAMPLES[name] ?? "<your-deployment-name>"}'` : `  export ${name}='${EXAMPLES[name] ?? "<your-deployment-name>"}'`));
  const how = [`${missing.join(", ")} ${missing.length === 1 ? "is not set. Set it" : "are not set. Set them"}, then run this again:`];
  how.push(...(windows ? ["  .\\setup-env.ps1"] : ["  source ./setup-env.sh"]), ...set, "  or copy .env.example to .env and fill it in");
  const change = `Change ${problems.length === 1 ? "it" : "them"} where you set it (a setup-env script, or .env), then run this again.`;
  console.error([...problems, ...(missing.length > 0 ? how : [change])].join("\n"));
  process.exit(1);
}
