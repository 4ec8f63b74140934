// The types every stage shares: the choices, the resolved options, the file map, and the seams to the outside world
// (a person at a terminal, the Azure CLI). Imports nothing, so any stage may import it.

export const SDKS = ['azure-inference', 'openai'] as const;
export const AUTHS = ['key', 'entra'] as const;
export const OSES = ['windows', 'linux', 'macos', 'all'] as const;
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export const APPS = ['console', 'web'] as const;
export type Sdk = (typeof SDKS)[number];
export type Auth = (typeof AUTHS)[number];
export type OsChoice = (typeof OSES)[number];
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];
export type App = (typeof APPS)[number];

/** A validator returns the rule the value breaks, or undefined when it is fine. */
export type Validator = (value: string) => string | undefined;

/** What the user typed, unvalidated. `undefined` means "not given". */
export interface CliArgs {
  readonly directory?: string;
  readonly sdk?: string;
  /** --app: console scripts only, or also a web chat page. */
  readonly app?: string;
  readonly resource?: string;
  readonly deployment?: string;
  readonly endpoint?: string;
  readonly model?: string;
  readonly node?: string;
  readonly auth?: string;
  readonly apiVersion?: string;
  readonly os?: string;
  readonly packageManager?: string;
  /** --template: a custom template folder or remote source. */
  readonly template?: string;
  /** --var name=value, as typed. */
  readonly vars: readonly string[];
  readonly install?: boolean;
  readonly git?: boolean;
  readonly overwrite: boolean;
  /** Read the API key from standard input (there is no flag that takes the key itself). */
  readonly apiKeyStdin: boolean;
  readonly yes: boolean;
  readonly dryRun: boolean;
  /** Check with the Azure CLI that the resource and deployment exist. */
  readonly verify: boolean;
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
  // --- provisioning (--provision): what to create with the user's az ---
  readonly provision?: boolean;
  readonly location?: string;
  readonly resourceGroup?: string;
  readonly modelVersion?: string;
  readonly sku?: string;
  readonly capacity?: string;
}

/** One variable a custom template's manifest declares. */
export interface TemplateVariable {
  readonly name: string;
  /** The question asked in a terminal. */
  readonly prompt: string;
  readonly default?: string;
  /** A regular expression the whole value must match. */
  readonly pattern?: string;
  /** Asked with a masked prompt and never printed or replayed. */
  readonly secret: boolean;
  readonly required: boolean;
}

/** A custom template's template.json, checked. */
export interface Manifest {
  readonly name: string;
  readonly description: string;
  /** Overlay on the built-in SDK flavour (true) or stand alone (false). */
  readonly extends: boolean;
  readonly variables: readonly TemplateVariable[];
}

/** A loaded custom template: where it came from, the folder it is in now, and its manifest. */
export interface TemplateChoice {
  readonly source: string;
  readonly dir: string;
  readonly manifest: Manifest;
}

/** Everything a run needs, complete and validated. */
export interface ProjectOptions {
  /** Absolute path of the project folder. */
  readonly directory: string;
  /** The directory as the user gave it, for next steps and the replay command. */
  readonly directoryArg: string;
  readonly packageName: string;
  readonly sdk: Sdk;
  /** console: the scripts; web: also a chat page and the server that streams its replies. */
  readonly app: App;
  readonly auth: Auth;
  readonly os: OsChoice;
  /** The Azure resource name; undefined when --endpoint was given instead. */
  readonly resource: string | undefined;
  /** The endpoint as given with --endpoint, after clean-up; undefined when built from the resource. */
  readonly customEndpoint: string | undefined;
  readonly deployment: string;
  /** The model behind the deployment (gpt-4.1, gpt-5-mini, ...); undefined when not known. */
  readonly model: string | undefined;
  /** The Node.js the project will run on: a major version ("24") or a full one ("20.19.0"); picks the pin set. */
  readonly node: string;
  /** The value of AZURE_OPENAI_CHAT_ENDPOINT. */
  readonly endpoint: string;
  /** True when resource or deployment are the guide's placeholders (--yes without them). */
  readonly placeholders: boolean;
  /** The api-version for azure-inference; undefined for openai (versionless v1 API). */
  readonly apiVersion: string | undefined;
  readonly packageManager: PackageManager;
  readonly install: boolean;
  /** true: git init and commit; false: no git; 'auto': only when git exists and the directory is not in a repo. */
  readonly git: boolean | 'auto';
  readonly overwrite: boolean;
  readonly dryRun: boolean;
  /** --verify: check the resource and deployment with the Azure CLI before writing. */
  readonly verify: boolean;
  /** The API key to save in .env (mode 0600, git-ignored). Never printed, never a flag, never in templates. */
  readonly apiKey: string | undefined;
  /** Where the key came from, for the report after the write: --api-key-stdin, AZURE_OPENAI_CHAT_KEY, az, the prompt. */
  readonly apiKeySource: string | undefined;
  /** The custom template, if any: where it came from and its manifest. */
  readonly template: TemplateChoice | undefined;
  /** Values of the custom template's variables, by name. */
  readonly vars: Readonly<Record<string, string>>;
  /** Things to tell the user about how their values were read. */
  readonly notes: readonly string[];
  /** --provision: the resource group, account, deployment and role to create (or reuse) with the user's az. */
  readonly provision?: Provisioning;
}

// --- provisioning ---
/** What --provision creates, or finds and reuses, with the user's own az; settled before anything is created. */
export interface Provisioning {
  readonly resourceGroup: string;
  readonly location: string;
  /** The account's name, also its custom subdomain (<account>.openai.azure.com), which Microsoft Entra ID needs. */
  readonly account: string;
  readonly deployment: string;
  readonly model: string;
  /** The model version: given, or the region's default from `az cognitiveservices model list`; undefined in a dry run. */
  readonly modelVersion: string | undefined;
  /** The deployment SKU: GlobalStandard by default. */
  readonly sku: string;
  /** Thousands of tokens per minute. */
  readonly capacity: number;
  /** Assign "Cognitive Services OpenAI User" to the signed-in user (--auth entra). */
  readonly role: boolean;
  /** What already exists (read with az before anything is created); undefined in a dry run, where az is not run. */
  readonly found: ProvisionFound | undefined;
}

export interface ProvisionFound {
  readonly group: boolean;
  /** The account, when it exists: its ARM id and endpoint. */
  readonly account: { readonly id: string; readonly endpoint: string } | undefined;
  readonly deployment: boolean;
  /** The signed-in user's object id, read for the role. */
  readonly userId: string | undefined;
  readonly role: boolean;
}

export interface FileEntry {
  readonly contents: string | Uint8Array;
  /** File mode; 0o644 when absent. */
  readonly mode?: number;
}
/** Project-relative POSIX path -> contents. */
export type FileMap = ReadonlyMap<string, FileEntry>;

/** A program to run, as data: planned first, so --dry-run and --json can show it and tests can check it. */
export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** One question for the user. */
export interface Question {
  readonly field: string;
  /** The flag that gives the same value without asking. */
  readonly flag?: string;
  readonly message: string;
  readonly validate: Validator;
  readonly initial?: string;
  /** Present for a choice among fixed values. */
  readonly choices?: readonly { readonly value: string; readonly label: string; readonly hint?: string }[];
  /** The rule a given flag value broke, shown when the prompt opens. */
  readonly error?: string;
}

/** How options are asked of a person; absent when there is no terminal. Cancelling throws CancelError. */
export interface Prompter {
  /** A text answer, or one of `question.choices`. */
  ask(question: Question): Promise<string>;
  confirm(question: { readonly field: string; readonly message: string; readonly initial: boolean }): Promise<boolean>;
  /** A masked answer; '' when the person skips it. */
  secret(question: { readonly field: string; readonly message: string; readonly validate: Validator }): Promise<string>;
  /** Shows `message` with a spinner while `work` runs. */
  progress<T>(message: string, work: () => Promise<T>): Promise<T>;
  /** A line of information between questions. */
  note(message: string): void;
}

export interface AzureResource {
  readonly name: string;
  readonly kind: string;
  readonly location: string;
  readonly resourceGroup: string;
  /** The resource's endpoint base, from properties.endpoint (custom domains exist), without a trailing slash. */
  readonly endpoint: string;
  /** properties.customSubDomainName (else the name): the <subdomain> of its <subdomain>.openai.azure.com endpoint. */
  readonly subdomain: string;
}

export interface AzureDeployment {
  readonly name: string;
  readonly model: string;
  readonly version: string;
  readonly state: string;
}

/**
 * What az gave: a value, or why not. `empty` marks a real answer with nothing in it (no resources, no deployments), as
 * against az failing (not installed, signed out, timed out, unreadable output).
 */
export type AzureAnswer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: string; readonly empty?: true };

/** Runs az and returns its stdout; a fake az in tests, the real one for users. */
export type AzRunner = (args: readonly string[]) => Promise<AzureAnswer<string>>;

/** The facts about the machine option resolution reads, passed in so tests can set them. */
export interface Environment {
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  /** npm_config_user_agent: which package manager launched us. */
  readonly userAgent: string | undefined;
  /** The running Node.js (process.versions.node): the default for --node. */
  readonly nodeVersion?: string;
  /** An API key given outside the prompts, and where it came from. */
  readonly apiKey?: { readonly value: string; readonly source: '--api-key-stdin' | 'AZURE_OPENAI_CHAT_KEY' };
  /** Whether `path` is a folder with files in it (.git alone does not count); asked only in a terminal. */
  readonly hasFiles?: (path: string) => Promise<boolean>;
  /** Why the automatic git step would be skipped for a project at `path`; asked only in a terminal. */
  readonly reasonToSkipGit?: (path: string) => Promise<string | undefined>;
  /** A signed-in Azure CLI to offer the user's own resources and deployments; only in a terminal, when az exists. */
  readonly azure?: AzRunner;
}
