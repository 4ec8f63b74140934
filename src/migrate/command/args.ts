// Parses the words after `migrate` into MigrateOptions, validating every value before anything is read or written.
import { parseArgs } from 'node:util';
import { parseEndpoint } from '../../azure/endpoint.js';
import { UsageError } from '../../shared/errors.js';
import { show, validateDeployment, validateModel, validateResource } from '../../shared/validate.js';
import type { MigrateOptions } from '../types.js';

export interface MigrateArgs {
  options: MigrateOptions;
  json: boolean;
  help: boolean;
}

/** The options as --help lists them: the flag as typed, and what it does. */
const MIGRATE_OPTIONS: readonly (readonly [string, string])[] = [
  ['--sdk <openai|azure-inference>', 'target (default openai, the Azure v1 API; azure-inference only reports)'],
  ['--auth <key|entra>', 'API key (default) or Microsoft Entra ID'],
  ['--resource <name>', 'Azure resource: https://<name>.openai.azure.com/openai/v1/'],
  ['--endpoint <url>', 'instead of --resource: a full https endpoint'],
  ['--deployment <name>', 'the deployment for every chat model name in the code'],
  ['--deployment <model>=<name>', 'the deployment for one model name (repeatable)'],
  ['--write', 'apply the changes'],
  ['--json', 'one JSON object on stdout; human text on stderr'],
  ['--force', '--write where no clean git tree can be shown (uncommitted changes, no repository, no git, GIT_* set)'],
  ['--strict', 'exit 1 when an error-level finding remains'],
  ['--include-tests', 'rewrite test files and mocks too (by default they are only reported)'],
  ['--upgrade-sdk', 'raise the openai dependency when the rewrite needs a newer one (e.g. 5.18 for Entra ID)'],
  ['-h, --help', ''],
];
const MIGRATE_USAGE = 'create-azure-inference-app migrate [path] [options]';

export const MIGRATE_HELP = `Usage: ${MIGRATE_USAGE}

Moves a codebase's OpenAI chat code to Azure. A dry run by default: prints unified diffs and a report.

${MIGRATE_OPTIONS.map(([flag, help]) => `  ${help ? `${flag.padEnd(32)} ${help}` : flag}`).join('\n')}
`;

/** What `migrate --help --json` prints: the usage and the option table, as the main command's --help --json does. */
export function migrateHelpObject(): {
  usage: string[];
  options: { flag: string; short?: string; value?: string; repeatable?: true; help: string }[];
} {
  return {
    usage: [MIGRATE_USAGE],
    options: MIGRATE_OPTIONS.map(([spelling, help]) => {
      const [, short, flag = '', value] = /^(?:(-\w), )?(--[\w-]+)(?: (.+))?$/.exec(spelling) ?? [];
      return {
        flag,
        ...(short ? { short } : {}),
        ...(value ? { value } : {}),
        ...(help.includes('(repeatable)') ? { repeatable: true as const } : {}),
        help: help || 'show this help',
      };
    }),
  };
}

export function parseMigrateArgs(argv: readonly string[]): MigrateArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one path at most, got: ${positionals.join(' ')}`);
  const sdk = values.sdk ?? 'openai';
  if (sdk !== 'openai' && sdk !== 'azure-inference')
    throw new UsageError(`--sdk must be openai or azure-inference, got ${JSON.stringify(sdk)}`);
  const auth = values.auth ?? 'key';
  if (auth !== 'key' && auth !== 'entra')
    throw new UsageError(`--auth must be key or entra, got ${JSON.stringify(auth)}`);
  if (values.resource !== undefined && values.endpoint !== undefined)
    throw new UsageError('give --resource or --endpoint, not both');
  const resourceRule = values.resource === undefined ? undefined : validateResource(values.resource);
  if (resourceRule) throw new UsageError(`--resource ${show(values.resource ?? '')}: ${resourceRule}`);
  const endpoint = values.endpoint === undefined ? undefined : parseEndpoint(values.endpoint);
  if (typeof endpoint === 'string') throw new UsageError(`--endpoint ${show(values.endpoint ?? '')}: ${endpoint}`);
  const deployments: MigrateOptions['deployments'] = { byModel: {} };
  for (const raw of values.deployment ?? []) {
    const eq = raw.indexOf('=');
    const model = eq === -1 ? undefined : raw.slice(0, eq);
    const name = eq === -1 ? raw : raw.slice(eq + 1);
    const deploymentRule = validateDeployment(name);
    if (deploymentRule) throw new UsageError(`--deployment ${show(raw)}: ${deploymentRule}`);
    if (model === undefined) {
      if (deployments.default !== undefined)
        throw new UsageError('--deployment <name> given twice: use <model>=<name> for more than one');
      deployments.default = name;
    } else {
      const modelRule = validateModel(model);
      if (modelRule) throw new UsageError(`--deployment ${show(raw)}: the model name before = ${modelRule}`);
      deployments.byModel[model] = name;
    }
  }
  for (const [model, name] of Object.entries(deployments.byModel)) {
    const next = deployments.byModel[name];
    if (next !== undefined && next !== name)
      throw new UsageError(`--deployment: "${name}" is both the deployment for ${model} and a model mapped to ${next}`);
  }
  const options: MigrateOptions = {
    path: positionals[0] ?? '.',
    sdk,
    auth,
    deployments,
    write: values.write ?? false,
    force: values.force ?? false,
    strict: values.strict ?? false,
  };
  if (values['include-tests']) options.includeTests = true;
  if (values['upgrade-sdk']) options.upgradeSdk = true;
  if (values.resource !== undefined) options.resource = values.resource;
  if (values.endpoint !== undefined) options.endpoint = values.endpoint;
  return { options, json: values.json ?? false, help: values.help ?? false };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      sdk: { type: 'string' },
      auth: { type: 'string' },
      resource: { type: 'string' },
      endpoint: { type: 'string' },
      deployment: { type: 'string', multiple: true },
      write: { type: 'boolean' },
      json: { type: 'boolean' },
      force: { type: 'boolean' },
      strict: { type: 'boolean' },
      'include-tests': { type: 'boolean' },
      'upgrade-sdk': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
