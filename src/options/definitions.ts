// The options as data: one entry per flag, with its help text and, for the values a person may be asked for, the
// question, the validator and the default. The parser, --help, the README check and the resolver all read this table.
import {
  PLACEHOLDER_DEPLOYMENT,
  PLACEHOLDER_RESOURCE,
  validateEndpoint,
  validateResourceInput,
} from '../azure/endpoint.js';
import { modelKind, REASONING_API_VERSION } from '../azure/models.js';
import { DEFAULT_CAPACITY, DEFAULT_DEPLOYMENT_SKU } from '../azure/provision/commands.js';
import {
  validateCapacity,
  validateLocation,
  validateModelVersion,
  validateResourceGroup,
  validateSku,
} from '../azure/provision/rules.js';
import {
  oneOf,
  validateApiVersion,
  validateDeployment,
  validateDirectory,
  validateModel,
  validateNode,
} from '../shared/validate.js';
import {
  APPS,
  AUTHS,
  type CliArgs,
  OSES,
  PACKAGE_MANAGERS,
  type ProjectOptions,
  SDKS,
  type Validator,
} from '../types.js';

export const DEFAULT_DIRECTORY = 'azure-inference-app';
/** The guide's api-version: the default for classic models. */
export const DEFAULT_API_VERSION = '2024-06-01';

/** The default api-version for a model: the guide's, or for reasoning and unknown models one with max_completion_tokens. */
export function defaultApiVersion(model: string | undefined): string {
  return modelKind(model) === 'classic' ? DEFAULT_API_VERSION : REASONING_API_VERSION;
}

type Group = 'Azure' | 'Project' | 'Run';

/** A flag of the command line. */
export interface FlagDefinition {
  /** Its key in CliArgs. */
  readonly key: keyof CliArgs;
  /** The long name, without dashes. */
  readonly name: string;
  readonly short?: string;
  /** `string` flags take a value, shown in --help as `hint`. */
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** The value's placeholder in --help: `<name>`. */
  readonly hint?: string;
  /** How --help spells a boolean whose useful form is the negation: `--no-install`. */
  readonly shown?: string;
  readonly group: Group;
  readonly help: string;
  /** The words that give `options`' value again on a command line (never a key: keys are not flags). */
  readonly replay?: (options: ProjectOptions) => readonly string[];
}

/** What the generic resolver needs to settle one value: flag > answer > default. */
export interface FieldDefinition {
  readonly flag: string;
  readonly validate: Validator;
  readonly question: {
    readonly field: string;
    readonly message: string;
    readonly choices?: readonly { readonly value: string; readonly label: string; readonly hint?: string }[];
  };
  /** False for values that take their default without asking, even in a terminal. */
  readonly asked?: boolean;
}

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

// --- provisioning (--provision): the flags and questions of creating a resource with the user's az ---
const PROVISION_FLAGS: readonly FlagDefinition[] = [
  {
    key: 'provision',
    name: 'provision',
    type: 'boolean',
    group: 'Azure',
    help: 'create what is missing with your signed-in az: the resource group, the account (--resource), the deployment (--deployment of --model) and, for --auth entra, your data-plane role; every command is shown before it runs, and a second run reuses what exists',
    replay: (o) => (o.provision ? ['--provision'] : []),
  },
  {
    key: 'resourceGroup',
    name: 'resource-group',
    type: 'string',
    hint: '<name>',
    group: 'Azure',
    help: 'with --provision: the resource group (created if missing)',
    replay: (o) => (o.provision ? ['--resource-group', o.provision.resourceGroup] : []),
  },
  {
    key: 'location',
    name: 'location',
    type: 'string',
    hint: '<region>',
    group: 'Azure',
    help: 'with --provision: the Azure region, such as eastus2 or swedencentral',
    replay: (o) => (o.provision ? ['--location', o.provision.location] : []),
  },
  {
    key: 'modelVersion',
    name: 'model-version',
    type: 'string',
    hint: '<version>',
    group: 'Azure',
    help: "with --provision: the model version (default: the region's default for --model)",
    replay: (o) => (o.provision?.modelVersion ? ['--model-version', o.provision.modelVersion] : []),
  },
  {
    key: 'sku',
    name: 'sku',
    type: 'string',
    hint: '<sku>',
    group: 'Azure',
    help: `with --provision: the deployment SKU (default ${DEFAULT_DEPLOYMENT_SKU})`,
    replay: (o) => (o.provision && o.provision.sku !== DEFAULT_DEPLOYMENT_SKU ? ['--sku', o.provision.sku] : []),
  },
  {
    key: 'capacity',
    name: 'capacity',
    type: 'string',
    hint: '<thousands>',
    group: 'Azure',
    help: `with --provision: the deployment's capacity in thousands of tokens per minute (default ${DEFAULT_CAPACITY})`,
    replay: (o) =>
      o.provision && o.provision.capacity !== DEFAULT_CAPACITY ? ['--capacity', String(o.provision.capacity)] : [],
  },
];

/** The values --provision settles, with their questions and rules. */
export const PROVISION_FIELDS = {
  resourceGroup: {
    flag: '--resource-group',
    validate: validateResourceGroup,
    question: { field: 'resourceGroup', message: 'Resource group (created if missing)' },
  },
  location: {
    flag: '--location',
    validate: validateLocation,
    question: { field: 'location', message: 'Azure region' },
  },
  model: {
    flag: '--model',
    validate: validateModel,
    question: { field: 'model', message: 'Which model to deploy?' },
  },
  modelVersion: {
    flag: '--model-version',
    validate: validateModelVersion,
    question: { field: 'modelVersion', message: 'Model version' },
    asked: false,
  },
  sku: {
    flag: '--sku',
    validate: validateSku,
    question: { field: 'sku', message: 'Deployment SKU' },
    asked: false,
  },
  capacity: {
    flag: '--capacity',
    validate: validateCapacity,
    question: { field: 'capacity', message: 'Capacity (thousands of tokens per minute)' },
    asked: false,
  },
} as const satisfies Record<string, FieldDefinition>;
// --- end of provisioning ---

/** Every flag, in --help order. */
export const FLAGS: readonly FlagDefinition[] = [
  {
    key: 'sdk',
    name: 'sdk',
    type: 'string',
    hint: '<flavour>',
    group: 'Azure',
    help: "openai (default: the supported OpenAI SDK on Azure's v1 API) or azure-inference (the guide's SDK, retired by Microsoft on 2026-08-26)",
    replay: (o) => ['--sdk', o.sdk],
  },
  {
    key: 'app',
    name: 'app',
    type: 'string',
    hint: '<app>',
    group: 'Project',
    help: 'console (default: the example scripts) or web (also a chat page and a small server that streams the reply; npm start serves it)',
    replay: (o) => (o.app === 'console' ? [] : ['--app', o.app]),
  },
  {
    key: 'resource',
    name: 'resource',
    type: 'string',
    hint: '<name>',
    group: 'Azure',
    help: 'Azure OpenAI resource name: the <name> in <name>.openai.azure.com',
    replay: (o) =>
      o.customEndpoint === undefined && o.resource !== undefined && o.resource !== PLACEHOLDER_RESOURCE
        ? ['--resource', o.resource]
        : [],
  },
  {
    key: 'endpoint',
    name: 'endpoint',
    type: 'string',
    hint: '<url>',
    group: 'Azure',
    help: "instead of --resource: a full https endpoint (custom domain, gateway, sovereign cloud, or the portal's Target URI; /chat/completions and the query are dropped)",
    replay: (o) => (o.customEndpoint === undefined ? [] : ['--endpoint', o.customEndpoint]),
  },
  {
    key: 'deployment',
    name: 'deployment',
    type: 'string',
    hint: '<name>',
    group: 'Azure',
    help: 'model deployment name (case-sensitive)',
    replay: (o) => (o.deployment === PLACEHOLDER_DEPLOYMENT ? [] : ['--deployment', o.deployment]),
  },
  {
    key: 'model',
    name: 'model',
    type: 'string',
    hint: '<name>',
    group: 'Azure',
    help: "the model behind the deployment (gpt-4.1, gpt-5-mini, o4-mini, ...): reasoning models get max_completion_tokens and no temperature, classic ones the guide's temperature and max_tokens; not given: parameters both accept",
    replay: (o) => (o.model === undefined ? [] : ['--model', o.model]),
  },
  {
    key: 'auth',
    name: 'auth',
    type: 'string',
    hint: '<method>',
    group: 'Azure',
    help: 'key (default: API key, as in the guide) or entra (Microsoft Entra ID, keyless)',
    replay: (o) => ['--auth', o.auth],
  },
  {
    key: 'apiVersion',
    name: 'api-version',
    type: 'string',
    hint: '<version>',
    group: 'Azure',
    help: `azure-inference only; default ${DEFAULT_API_VERSION} (the guide's) for classic models, ${REASONING_API_VERSION} (max_completion_tokens) for reasoning models or when --model is not known`,
    replay: (o) =>
      o.apiVersion === undefined || o.apiVersion === defaultApiVersion(o.model) ? [] : ['--api-version', o.apiVersion],
  },
  {
    key: 'verify',
    name: 'verify',
    type: 'boolean',
    group: 'Azure',
    help: 'with a signed-in Azure CLI (az), check that the resource and deployment exist before writing anything (in a terminal, az offers your resources to pick from)',
  },
  {
    key: 'apiKeyStdin',
    name: 'api-key-stdin',
    type: 'boolean',
    group: 'Azure',
    help: 'read the API key from standard input and save it to .env (git-ignored, mode 0600); AZURE_OPENAI_CHAT_KEY in the environment is used the same way. No flag takes the key itself: it would show in the process list and shell history',
  },
  ...PROVISION_FLAGS,
  {
    key: 'os',
    name: 'os',
    type: 'string',
    hint: '<os>',
    group: 'Project',
    help: 'which env setup scripts to write: windows, linux, macos or all (default: the OS this runs on)',
    replay: (o) => ['--os', o.os],
  },
  {
    key: 'node',
    name: 'node',
    type: 'string',
    hint: '<major>',
    group: 'Project',
    help: 'the Node.js major version the project will run on (default: the one running this): picks the pinned versions',
    replay: (o) => (o.node.includes('.') ? [] : ['--node', o.node]),
  },
  {
    key: 'packageManager',
    name: 'package-manager',
    type: 'string',
    hint: '<pm>',
    group: 'Project',
    help: 'npm, pnpm, yarn or bun (default: the one that started this, else npm)',
  },
  {
    key: 'template',
    name: 'template',
    type: 'string',
    hint: '<source>',
    group: 'Project',
    help: 'your own template over the built-in one: a folder, github:org/repo/path#ref, gitlab:..., or an https tarball URL (see README: Custom templates)',
    replay: (o) => (o.template ? ['--template', o.template.source] : []),
  },
  {
    key: 'vars',
    name: 'var',
    type: 'string',
    multiple: true,
    hint: '<name=value>',
    group: 'Project',
    help: 'a value for a variable the custom template declares (repeatable)',
    // Secret variables are left for the command to ask or refuse: they never go on a command line.
    replay: (o) =>
      (o.template?.manifest.variables ?? []).flatMap((variable) => {
        const value = o.vars[variable.name];
        return variable.secret || value === undefined ? [] : ['--var', `${variable.name}=${value}`];
      }),
  },
  {
    key: 'install',
    name: 'install',
    type: 'boolean',
    shown: '--no-install',
    group: 'Project',
    help: 'do not install dependencies',
    replay: (o) => (o.install ? [] : ['--no-install']),
  },
  {
    key: 'git',
    name: 'git',
    type: 'boolean',
    shown: '--no-git',
    group: 'Project',
    help: 'do not make a git repository (default: git init and a first commit when git is installed and the folder is not inside a repository; --git to force)',
    replay: (o) => (o.git === 'auto' ? [] : [o.git ? '--git' : '--no-git']),
  },
  {
    key: 'overwrite',
    name: 'overwrite',
    type: 'boolean',
    group: 'Project',
    help: 'allow a non-empty directory: replaces files of the same name, deletes nothing',
    replay: (o) => (o.overwrite ? ['--overwrite'] : []),
  },
  {
    key: 'yes',
    name: 'yes',
    short: 'y',
    type: 'boolean',
    group: 'Run',
    help: 'no questions: defaults for everything not given, placeholders for the resource and deployment',
  },
  {
    key: 'dryRun',
    name: 'dry-run',
    type: 'boolean',
    group: 'Run',
    help: 'print what would be written and run; write and run nothing',
  },
  {
    key: 'json',
    name: 'json',
    type: 'boolean',
    group: 'Run',
    help: 'print one JSON result object on stdout; human text goes to stderr',
  },
  { key: 'help', name: 'help', short: 'h', type: 'boolean', group: 'Run', help: 'show this help' },
  { key: 'version', name: 'version', short: 'v', type: 'boolean', group: 'Run', help: 'show the version' },
];

/** The values the generic resolver settles, with their questions, rules and defaults. */
export const FIELDS = {
  directory: {
    flag: '[directory]',
    validate: validateDirectory,
    question: { field: 'directory', message: 'Where should the project go?' },
  },
  sdk: {
    flag: '--sdk',
    validate: oneOf(SDKS),
    question: {
      field: 'sdk',
      message: 'Which SDK?',
      choices: [
        { value: 'openai', label: 'OpenAI SDK on Azure (recommended)', hint: "Microsoft's supported path, the v1 API" },
        {
          value: 'azure-inference',
          label: 'Azure AI Inference',
          hint: "the migration guide's SDK; retired 2026-08-26",
        },
      ],
    },
  },
  app: {
    flag: '--app',
    validate: oneOf(APPS),
    question: {
      field: 'app',
      message: 'What should the project be?',
      choices: [
        { value: 'console', label: 'Console scripts', hint: 'an example, streaming, tool calling' },
        { value: 'web', label: 'Web chat', hint: 'the same, plus a chat page and a server that streams the reply' },
      ],
    },
  },
  os: {
    flag: '--os',
    validate: oneOf(OSES),
    question: { field: 'os', message: 'Write environment setup scripts for which OS?', choices: choices(OSES) },
  },
  endpoint: {
    flag: '--endpoint',
    validate: validateEndpoint,
    question: { field: 'endpoint', message: 'Endpoint URL' },
  },
  resource: {
    flag: '--resource',
    // A pasted endpoint URL is taken too: options/target.ts reads the name (or the endpoint) from it.
    validate: validateResourceInput,
    question: {
      field: 'resource',
      message: 'Azure OpenAI resource name (the <name> in <name>.openai.azure.com), or its endpoint URL',
    },
  },
  deployment: {
    flag: '--deployment',
    validate: validateDeployment,
    question: { field: 'deployment', message: 'Model deployment name' },
  },
  model: {
    flag: '--model',
    validate: (value) => (value === '' ? undefined : validateModel(value)),
    question: {
      field: 'model',
      message: 'Which model is deployed there? (gpt-4.1, gpt-5-mini, o4-mini, ...; Enter if unsure)',
    },
  },
  auth: {
    flag: '--auth',
    validate: oneOf(AUTHS),
    question: {
      field: 'auth',
      message: 'How should the app authenticate?',
      choices: [
        { value: 'key', label: 'API key', hint: 'as in the guide' },
        { value: 'entra', label: 'Microsoft Entra ID', hint: 'keyless, with az login or a managed identity' },
      ],
    },
  },
  apiVersion: {
    flag: '--api-version',
    validate: validateApiVersion,
    question: { field: 'apiVersion', message: 'API version' },
    asked: false,
  },
  node: {
    flag: '--node',
    validate: validateNode,
    question: { field: 'node', message: 'Node.js major version the project will run on' },
    asked: false,
  },
  packageManager: {
    flag: '--package-manager',
    validate: oneOf(PACKAGE_MANAGERS),
    question: { field: 'packageManager', message: 'Which package manager?', choices: choices(PACKAGE_MANAGERS) },
    asked: false,
  },
} as const satisfies Record<string, FieldDefinition>;
