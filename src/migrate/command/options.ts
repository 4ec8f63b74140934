// migrate's options as data, in the form of the scaffolder's option table (src/options/definitions.ts): one entry per
// flag with its help text and the rule its value must meet. The parser, --help and --help --json all read this table.
import { parseEndpoint } from '../../azure/endpoint.js';
import type { FlagDefinition } from '../../options/definitions.js';
import { oneOf, validateDeployment, validateModel, validateResource } from '../../shared/validate.js';
import { AUTHS, SDKS, type Validator } from '../../types.js';

/** A flag of `migrate`: the scaffolder's flag fields, and the rule a given value must meet. */
export interface MigrateFlag extends Pick<FlagDefinition, 'name' | 'short' | 'type' | 'multiple' | 'hint' | 'help'> {
  readonly validate?: Validator;
}

export const MIGRATE_USAGE = 'create-azure-inference-app migrate [path] [options]';

/** `--deployment name` or `--deployment model=name`: the deployment name's rule, or the model name's. */
function validateDeploymentArg(value: string): string | undefined {
  const eq = value.indexOf('=');
  const deploymentRule = validateDeployment(eq === -1 ? value : value.slice(eq + 1));
  if (deploymentRule || eq === -1) return deploymentRule;
  const modelRule = validateModel(value.slice(0, eq));
  return modelRule && `the model name before = ${modelRule}`;
}

function validateEndpointArg(value: string): string | undefined {
  const endpoint = parseEndpoint(value);
  return typeof endpoint === 'string' ? endpoint : undefined;
}

/** Every flag, in --help order. --deployment has two rows: one deployment for all, or one per model (repeatable). */
export const MIGRATE_FLAGS: readonly MigrateFlag[] = [
  {
    name: 'sdk',
    type: 'string',
    hint: '<openai|azure-inference>',
    help: 'the SDK the code moves to (default openai, the Azure v1 API; azure-inference only reports)',
    validate: oneOf(SDKS),
  },
  {
    name: 'auth',
    type: 'string',
    hint: '<key|entra>',
    help: 'API key (default) or Microsoft Entra ID',
    validate: oneOf(AUTHS),
  },
  {
    name: 'resource',
    type: 'string',
    hint: '<name>',
    help: 'Azure resource: https://<name>.openai.azure.com/openai/v1/',
    validate: validateResource,
  },
  {
    name: 'endpoint',
    type: 'string',
    hint: '<url>',
    help: 'instead of --resource: a full https endpoint',
    validate: validateEndpointArg,
  },
  {
    name: 'deployment',
    type: 'string',
    hint: '<name>',
    help: 'the deployment for every chat model name in the code',
    validate: validateDeploymentArg,
  },
  {
    name: 'deployment',
    type: 'string',
    multiple: true,
    hint: '<model>=<name>',
    help: 'the deployment for one model name (repeatable)',
    validate: validateDeploymentArg,
  },
  { name: 'write', type: 'boolean', help: 'apply the changes' },
  { name: 'json', type: 'boolean', help: 'one JSON object on stdout; human text on stderr' },
  {
    name: 'force',
    type: 'boolean',
    help: '--write where no clean git tree can be shown (uncommitted changes, no repository, no git, GIT_* set)',
  },
  { name: 'strict', type: 'boolean', help: 'exit 1 when an error-level finding remains' },
  {
    name: 'include-tests',
    type: 'boolean',
    help: 'rewrite test files and mocks too (by default they are only reported)',
  },
  {
    name: 'upgrade-sdk',
    type: 'boolean',
    help: 'raise the openai dependency when the rewrite needs a newer one (e.g. 5.18 for Entra ID)',
  },
  { name: 'help', short: 'h', type: 'boolean', help: 'show this help' },
];
