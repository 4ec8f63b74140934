// The options as data: one entry per flag, with its help text and how it replays; the values a person may be asked
// for have a question and a rule too (questions.ts, provision-definitions.ts). The parser, --help, the docs check
// and the resolver all read this table.
import { PLACEHOLDER_DEPLOYMENT, PLACEHOLDER_RESOURCE } from '../azure/endpoint.js';
import { modelKind, REASONING_API_VERSION } from '../azure/models.js';
import { PROVISION_FLAGS } from './provision-definitions.js';
import type { FlagDefinition } from './shapes.js';

export { PROVISION_FIELDS } from './provision-definitions.js';
export { FIELDS } from './questions.js';
export type { FieldDefinition, FlagDefinition } from './shapes.js';

export const DEFAULT_DIRECTORY = 'azure-inference-app';
/** The guide's api-version: the default for classic models. */
export const DEFAULT_API_VERSION = '2024-06-01';

/** The default api-version for a model: the guide's, or for reasoning and unknown models one with max_completion_tokens. */
export function defaultApiVersion(model: string | undefined): string {
  return modelKind(model) === 'classic' ? DEFAULT_API_VERSION : REASONING_API_VERSION;
}

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
    hint: '<version>',
    group: 'Project',
    help: 'the Node.js the project will run on, a major (24) or a full version (22.18.0); default: the one running this. Picks the pinned versions',
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
