// The settings every script needs, from the environment or .env; all problems are reported at once, then it exits.
export interface Settings {
  /** The v1 API's URL, from AZURE_OPENAI_CHAT_ENDPOINT: https://<resource>.openai.azure.com/openai/v1/ */
  readonly endpoint: string;
  readonly deployment: string;
}

const EXAMPLES: Record<string, string> = {
  AZURE_OPENAI_CHAT_ENDPOINT: "https://<your-resource-name>.openai.azure.com/openai/v1/",
  AZURE_OPENAI_CHAT_DEPLOYMENT: "<your-deployment-name>",
};

export function readSettings(): Settings {
  try {
    process.loadEnvFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const value = (name: string) => process.env[name]?.trim() ?? "";
  const names = Object.keys(EXAMPLES);
  const problems = names.filter((name) => value(name).includes("<your-")).map((name) => `${name} is still a placeholder: ${value(name)}`);
  const endpoint = value("AZURE_OPENAI_CHAT_ENDPOINT");
  if (endpoint !== "" && !endpoint.includes("<your-") && !(URL.canParse(endpoint) && /^https:\/\/[^/\\?#]/i.test(endpoint))) {
    problems.push(`AZURE_OPENAI_CHAT_ENDPOINT is not an https URL: ${endpoint}. Set it to ${EXAMPLES["AZURE_OPENAI_CHAT_ENDPOINT"]}`);
  }
  exitOnProblems(problems, names.filter((name) => value(name) === ""));
  // The portal's Endpoint, a Target URI, a Foundry project URL...: the resource's host (and a gateway's path prefix).
  const { origin, pathname } = new URL(endpoint);
  return {
    endpoint: `${origin}${pathname.replace(/\/(openai|models|api\/projects)(\/.*)?$|\/+$/i, "")}/openai/v1/`,
    deployment: value("AZURE_OPENAI_CHAT_DEPLOYMENT"),
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
  const set = missing.map((name) => (windows ? `  $env:${name} = '${EXAMPLES[name] ?? "..."}'` : `  export ${name}='${EXAMPLES[name] ?? "..."}'`));
  const how = [`${missing.join(", ")} ${missing.length === 1 ? "is not set. Set it" : "are not set. Set them"}, then run this again:`];
  how.push(...(windows ? [] : ["  source ./setup-env.sh"]), ...set, "  or copy .env.example to .env and fill it in");
  const change = `Change ${problems.length === 1 ? "it" : "them"} where you set it (a setup-env script, or .env), then run this again.`;
  console.error([...problems, ...(missing.length > 0 ? how : [change])].join("\n"));
  process.exit(1);
}
