// resolveOptions: raw CliArgs into complete, validated ProjectOptions (flag > prompt answer > default).
import { basename, resolve } from 'node:path';
import type { AzRunner, AzureResource } from '../azure/az.js';
import {
  endpointUrl,
  PLACEHOLDER_DEPLOYMENT,
  PLACEHOLDER_RESOURCE,
  parseEndpoint,
  resourceBase,
  validateEndpoint,
} from '../azure/endpoint.js';
import type { CliArgs } from '../cli/args.js';
import { CancelError, UsageError } from '../shared/errors.js';
import {
  oneOf,
  show,
  toPackageName,
  type Validator,
  validateApiKey,
  validateApiVersion,
  validateDeployment,
  validateDirectory,
  validateResource,
} from '../shared/validate.js';
import { checkVariable, type Manifest } from '../template/manifest.js';
import { detectPackageManager } from './package-manager.js';

export const SDKS = ['azure-inference', 'openai'] as const;
export const AUTHS = ['key', 'entra'] as const;
export const OSES = ['windows', 'linux', 'macos', 'all'] as const;
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export type Sdk = (typeof SDKS)[number];
export type Auth = (typeof AUTHS)[number];
export type OsChoice = (typeof OSES)[number];
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export const DEFAULT_DIRECTORY = 'azure-inference-app';
export const DEFAULT_API_VERSION = '2024-06-01';

/** Everything a run needs, complete and validated. */
export interface ProjectOptions {
  /** Absolute path of the project folder. */
  readonly directory: string;
  /** The directory as the user gave it, for next steps and the replay command. */
  readonly directoryArg: string;
  readonly packageName: string;
  readonly sdk: Sdk;
  readonly auth: Auth;
  readonly os: OsChoice;
  /** The Azure resource name; undefined when --endpoint was given instead. */
  readonly resource: string | undefined;
  /** The endpoint as given with --endpoint, after clean-up; undefined when built from the resource. */
  readonly customEndpoint: string | undefined;
  readonly deployment: string;
  /** The value of AZURE_OPENAI_CHAT_ENDPOINT. */
  readonly endpoint: string;
  /** True when resource or deployment are the guide's placeholders (--yes without them). */
  readonly placeholders: boolean;
  /** The api-version for azure-inference; undefined for openai (versionless v1 API). */
  readonly apiVersion: string | undefined;
  readonly packageManager: PackageManager;
  readonly install: boolean;
  /** true: git init and commit; false: no git; 'auto': only when git exists and the target is not in a repo. */
  readonly git: boolean | 'auto';
  readonly overwrite: boolean;
  readonly dryRun: boolean;
  /** The API key to save in .env (mode 0600, git-ignored). Never printed, never a flag, never in templates. */
  readonly apiKey: string | undefined;
  /** The custom template, if any: where it came from and its manifest. */
  readonly template: TemplateChoice | undefined;
  /** Values of the custom template's variables, by name. */
  readonly vars: Readonly<Record<string, string>>;
  /** Things to tell the user about how their values were read. */
  readonly notes: readonly string[];
}

/** A loaded custom template: where it came from, the folder it is in now, and its manifest. */
export interface TemplateChoice {
  readonly source: string;
  readonly dir: string;
  readonly manifest: Manifest;
}

/** The facts about the machine resolveOptions reads, passed in so tests can set them. */
export interface Environment {
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  /** npm_config_user_agent: which package manager launched us. */
  readonly userAgent: string | undefined;
  /** An API key given outside the prompts, and where it came from. */
  readonly apiKey?: { readonly value: string; readonly source: '--api-key-stdin' | 'AZURE_OPENAI_CHAT_KEY' };
  /** Whether `path` is a folder with files in it (.git alone does not count); asked only in a terminal. */
  readonly hasFiles?: (path: string) => Promise<boolean>;
  /** Why the automatic git step would be skipped for a project at `path`; asked only in a terminal. */
  readonly reasonToSkipGit?: (path: string) => Promise<string | undefined>;
  /** A signed-in Azure CLI to offer the user's own resources and deployments; only in a terminal, when az exists. */
  readonly azure?: AzRunner;
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

/** How resolveOptions talks to a person; absent when there is no terminal. Cancelling throws CancelError. */
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

interface Field {
  readonly flag: string;
  readonly value: string | undefined;
  readonly validate: Validator;
  readonly question: Omit<Question, 'validate' | 'error' | 'initial'>;
  /** Used when the value is missing in a non-interactive run; undefined means the value is required. */
  readonly fallback: string | undefined;
  /** False for values that take their default without asking, even in a terminal. */
  readonly asked?: boolean;
  /** The answer a prompt offers when there is no flag and no fallback. */
  readonly suggested?: string;
}

export async function resolveOptions(
  args: CliArgs,
  env: Environment,
  prompter?: Prompter,
  template?: TemplateChoice,
): Promise<ProjectOptions> {
  const problems: string[] = [];
  const missing: string[] = [];
  const notes: string[] = [];

  async function resolveField(field: Field): Promise<string> {
    const error = field.value === undefined ? undefined : field.validate(field.value);
    if (field.value !== undefined && error === undefined) return field.value;
    if (prompter && (field.asked !== false || error !== undefined)) {
      const initial = field.value ?? field.fallback ?? field.suggested;
      return prompter.ask({
        ...field.question,
        flag: field.flag,
        validate: field.validate,
        ...(error === undefined ? {} : { error }),
        ...(initial === undefined ? {} : { initial }),
      });
    }
    if (error !== undefined) problems.push(`${field.flag} ${show(field.value ?? '')}: ${error}`);
    else if (field.fallback === undefined) missing.push(field.flag);
    return field.fallback ?? '';
  }

  if (args.resource !== undefined && args.endpoint !== undefined) {
    problems.push('--resource and --endpoint both name the endpoint: give one');
  }

  const directoryArg = await resolveField({
    flag: '[directory]',
    value: args.directory,
    validate: validateDirectory,
    question: { field: 'directory', message: 'Where should the project go?' },
    fallback: args.yes ? DEFAULT_DIRECTORY : undefined,
    suggested: DEFAULT_DIRECTORY,
  });
  let overwrite = args.overwrite;
  if (prompter && !overwrite && (await env.hasFiles?.(resolve(env.cwd, directoryArg)))) {
    const choice = await prompter.ask({
      field: 'overwrite',
      flag: '--overwrite',
      message: `${directoryArg} is not empty. What now?`,
      validate: oneOf(['cancel', 'continue']),
      choices: [
        { value: 'cancel', label: 'Cancel' },
        {
          value: 'continue',
          label: 'Continue',
          hint: "write only the template's files; same names are replaced, nothing is deleted",
        },
      ],
    });
    if (choice !== 'continue') throw new CancelError();
    overwrite = true;
  }

  const sdk = (await resolveField({
    flag: '--sdk',
    value: args.sdk,
    validate: oneOf(SDKS),
    question: {
      field: 'sdk',
      message: 'Which SDK?',
      choices: [
        {
          value: 'azure-inference',
          label: 'Azure AI Inference',
          hint: "the migration guide's SDK; retired 2026-08-26",
        },
        { value: 'openai', label: 'OpenAI SDK with Azure', hint: "Microsoft's supported path" },
      ],
    },
    fallback: 'azure-inference',
  })) as Sdk;
  const os = (await resolveField({
    flag: '--os',
    value: args.os,
    validate: oneOf(OSES),
    question: {
      field: 'os',
      message: 'Write environment setup scripts for which OS?',
      choices: OSES.map((value) => ({ value, label: value })),
    },
    fallback: currentOs(env.platform),
  })) as OsChoice;

  let base = '';
  let resource: string | undefined;
  let picked: AzureResource | undefined;
  let fromUrl: string | undefined;
  let customEndpoint: string | undefined;
  if (args.endpoint !== undefined) {
    const endpoint = await resolveField({
      flag: '--endpoint',
      value: args.endpoint,
      validate: validateEndpoint,
      question: { field: 'endpoint', message: 'Endpoint URL' },
      fallback: undefined,
    });
    const parsed = parseEndpoint(endpoint);
    base = typeof parsed === 'string' ? '' : parsed.base;
    if (typeof parsed !== 'string') {
      fromUrl = parsed.deployment;
      notes.push(...parsed.notes.map((note) => `--endpoint: ${note}`));
      customEndpoint = parsed.base;
    }
  } else {
    picked =
      args.resource === undefined && prompter && env.azure
        ? await (await import('../azure/pick.js')).pickResource(prompter, env.azure)
        : undefined;
  }
  if (picked && new URL(picked.endpoint).hostname !== `${picked.name.toLowerCase()}.openai.azure.com`) {
    // A custom domain (cognitiveservices.azure.com or the company's own): the endpoint is taken as given.
    base = picked.endpoint;
    customEndpoint = picked.endpoint;
  } else if (picked) {
    resource = picked.name;
    base = resourceBase(resource);
  } else if (args.endpoint === undefined) {
    resource = await resolveField({
      flag: '--resource',
      value: args.resource,
      validate: validateResource,
      question: { field: 'resource', message: 'Azure OpenAI resource name (the <name> in <name>.openai.azure.com)' },
      fallback: args.yes ? PLACEHOLDER_RESOURCE : undefined,
    });
    base = resourceBase(resource);
  }

  if (fromUrl !== undefined && args.deployment !== undefined && args.deployment !== fromUrl) {
    problems.push(`--deployment ${show(args.deployment)} differs from the deployment ${show(fromUrl)} in --endpoint`);
  }
  const pickedDeployment =
    picked && args.deployment === undefined && prompter && env.azure
      ? await (await import('../azure/pick.js')).pickDeployment(prompter, env.azure, picked)
      : undefined;
  const deployment =
    pickedDeployment?.name ??
    (await resolveField({
      flag: '--deployment',
      value: args.deployment ?? fromUrl,
      validate: validateDeployment,
      question: { field: 'deployment', message: 'Model deployment name' },
      fallback: args.yes ? PLACEHOLDER_DEPLOYMENT : undefined,
    }));
  const auth = (await resolveField({
    flag: '--auth',
    value: args.auth,
    validate: oneOf(AUTHS),
    question: {
      field: 'auth',
      message: 'How should the app authenticate?',
      choices: [
        { value: 'key', label: 'API key', hint: 'as in the guide' },
        { value: 'entra', label: 'Microsoft Entra ID', hint: 'keyless, with az login or a managed identity' },
      ],
    },
    fallback: 'key',
  })) as Auth;

  let apiKey: string | undefined;
  if (env.apiKey && auth === 'key') {
    const broken = validateApiKey(env.apiKey.value);
    // The key itself is never shown, not even in an error.
    if (broken) problems.push(`The API key from ${env.apiKey.source}: ${broken}`);
    else {
      apiKey = env.apiKey.value;
      notes.push(`The API key from ${env.apiKey.source} is saved in .env (readable only by you; git ignores it).`);
    }
  } else if (env.apiKey?.source === '--api-key-stdin') {
    problems.push('--api-key-stdin goes with --auth key: Microsoft Entra ID needs no key');
  } else if (prompter && auth === 'key') {
    const fromAz =
      picked && env.azure ? await (await import('../azure/pick.js')).pickKey(prompter, env.azure, picked) : undefined;
    if (fromAz !== undefined) {
      apiKey = fromAz;
      notes.push('The API key from az is saved in .env (readable only by you; git ignores it).');
    } else {
      const answer = await prompter.secret({
        field: 'apiKey',
        message: 'API key (Key 1 from Keys and Endpoint; saved only to .env, which git ignores; Enter to skip)',
        validate: (value) => (value === '' ? undefined : validateApiKey(value)),
      });
      apiKey = answer === '' ? undefined : answer;
    }
  }

  let apiVersion: string | undefined;
  if (sdk === 'openai') {
    if (args.apiVersion !== undefined) {
      problems.push(
        '--api-version applies to --sdk azure-inference only: the openai flavour uses the versionless v1 API',
      );
    }
  } else {
    apiVersion = await resolveField({
      flag: '--api-version',
      value: args.apiVersion,
      validate: validateApiVersion,
      question: { field: 'apiVersion', message: 'API version' },
      fallback: DEFAULT_API_VERSION,
      asked: false,
    });
  }

  const packageManager = (await resolveField({
    flag: '--package-manager',
    value: args.packageManager,
    validate: oneOf(PACKAGE_MANAGERS),
    question: {
      field: 'packageManager',
      message: 'Which package manager?',
      choices: PACKAGE_MANAGERS.map((value) => ({ value, label: value })),
    },
    fallback: detectPackageManager(env.userAgent),
    asked: false,
  })) as PackageManager;

  const vars = await resolveVariables(args, template?.manifest, prompter, problems, missing);

  if (missing.length > 0) {
    // --yes fills the directory, resource and deployment; a template variable without a default must be given.
    const yesHelps = !args.yes && missing.some((flag) => !flag.startsWith('--var '));
    problems.unshift(
      `Missing ${missing.join(', ')}. There is no terminal to ask in: pass ${missing.length > 1 ? 'them' : 'it'}${yesHelps ? ", or --yes to use defaults and the guide's placeholders" : ''}.`,
    );
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const directory = resolve(env.cwd, directoryArg);
  const placeholders = resource === PLACEHOLDER_RESOURCE || deployment === PLACEHOLDER_DEPLOYMENT;
  const install =
    args.install ??
    (prompter
      ? await prompter.confirm({
          field: 'install',
          message: `Install dependencies with ${packageManager}?`,
          initial: true,
        })
      : true);
  let git: boolean | 'auto' = args.git ?? 'auto';
  if (
    args.git === undefined &&
    prompter &&
    env.reasonToSkipGit &&
    (await env.reasonToSkipGit(directory)) === undefined
  ) {
    git = await prompter.confirm({
      field: 'git',
      message: 'Make a git repository with a first commit?',
      initial: true,
    });
  }
  return {
    directory,
    directoryArg,
    packageName: toPackageName(basename(directory)),
    sdk,
    auth,
    os,
    resource,
    customEndpoint,
    deployment,
    endpoint: endpointUrl(sdk, base, deployment),
    placeholders,
    apiVersion,
    packageManager,
    install,
    git,
    overwrite,
    dryRun: args.dryRun,
    apiKey,
    template,
    vars,
    notes,
  };
}

/** The custom template's variables: --var name=value, else a question, else the default; checked against each rule. */
async function resolveVariables(
  args: CliArgs,
  manifest: Manifest | undefined,
  prompter: Prompter | undefined,
  problems: string[],
  missing: string[],
): Promise<Record<string, string>> {
  const given = new Map<string, string>();
  for (const raw of args.vars) {
    const match = /^([^=]+)=(.*)$/s.exec(raw);
    if (!match?.[1]) {
      problems.push(`--var ${show(raw)}: write it as name=value`);
      continue;
    }
    const [, name, value = ''] = match;
    if (!manifest?.variables.some((variable) => variable.name === name)) {
      const declared = manifest?.variables.map((variable) => variable.name).join(', ');
      problems.push(
        `--var ${name}: ${manifest ? `the template declares no such variable${declared ? ` (it has: ${declared})` : ''}` : 'goes with --template'}`,
      );
      continue;
    }
    given.set(name, value);
  }
  const vars: Record<string, string> = {};
  for (const variable of manifest?.variables ?? []) {
    const value = given.get(variable.name);
    const broken =
      value === undefined
        ? undefined
        : value === '' && variable.required
          ? 'is required'
          : checkVariable(variable, value);
    if (value !== undefined && broken === undefined) {
      vars[variable.name] = value;
      continue;
    }
    if (prompter) {
      const validate = (answer: string) =>
        answer === '' && !variable.required
          ? undefined
          : answer === ''
            ? 'is required'
            : checkVariable(variable, answer);
      vars[variable.name] = variable.secret
        ? await prompter.secret({ field: `var.${variable.name}`, message: variable.prompt, validate })
        : await prompter.ask({
            field: `var.${variable.name}`,
            flag: `--var ${variable.name}`,
            message: variable.prompt,
            validate,
            ...(broken === undefined ? {} : { error: broken }),
            ...((value ?? variable.default) === undefined ? {} : { initial: value ?? variable.default }),
          });
      continue;
    }
    // The value is not shown: the variable may be a secret.
    if (broken !== undefined) problems.push(`--var ${variable.name}: ${broken}`);
    else if (variable.default !== undefined) vars[variable.name] = variable.default;
    else if (variable.required) missing.push(`--var ${variable.name}=...`);
    else vars[variable.name] = '';
  }
  return vars;
}

export function currentOs(platform: NodeJS.Platform): Exclude<OsChoice, 'all'> {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'linux';
}

/** Which kinds of setup script an OS choice gets. */
export function shells(os: OsChoice): { bash: boolean; powershell: boolean } {
  return { bash: os !== 'windows', powershell: os === 'windows' || os === 'all' };
}
