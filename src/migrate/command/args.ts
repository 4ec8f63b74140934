// Parses the words after `migrate` into MigrateOptions with the flags of its option table (./options.ts), validating
// every value before anything is read or written: one usage error names every bad value.
import { parseArgs } from 'node:util';
import { UsageError } from '../../shared/errors.js';
import { givenTimes, show } from '../../shared/validate.js';
import type { Auth, Sdk } from '../../types.js';
import type { MigrateOptions } from '../types.js';
import { MIGRATE_FLAGS } from './options.js';

export interface MigrateArgs {
  options: MigrateOptions;
  json: boolean;
  help: boolean;
}

/** node:util's parser configuration, from the option table (a name given in two rows is one flag). */
const config = Object.fromEntries(
  MIGRATE_FLAGS.map((flag) => [
    flag.name,
    {
      type: flag.type,
      ...(flag.short ? { short: flag.short } : {}),
      // Every value is collected, so that a flag given twice is refused instead of its last value winning.
      ...(flag.type === 'string' ? { multiple: true } : {}),
    },
  ]),
) as Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** A flag that one of its rows says may be given more than once. */
function repeatable(name: string): boolean {
  return MIGRATE_FLAGS.some((f) => f.name === name && f.multiple);
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export function parseMigrateArgs(argv: readonly string[]): MigrateArgs {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: config });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one path at most, got: ${positionals.join(' ')}`);
  if (positionals[0] === '') throw new UsageError('[path] "": must not be empty (leave it out for this folder)');
  const strings = (name: string): string[] => [values[name] ?? []].flat().filter((v) => typeof v === 'string');
  const repeated = MIGRATE_FLAGS.filter(
    (f) => f.type === 'string' && !repeatable(f.name) && strings(f.name).length > 1,
  ).map((f) => givenTimes(f.name, strings(f.name)));
  if (repeated.length > 0) throw new UsageError(repeated.join('\n'));
  const [resource] = strings('resource');
  const [endpoint] = strings('endpoint');
  if (resource !== undefined && endpoint !== undefined) throw new UsageError('give --resource or --endpoint, not both');
  const problems = MIGRATE_FLAGS.flatMap((flag) => {
    // A name in two rows (--deployment) is checked once, by its first.
    const given = MIGRATE_FLAGS.find((f) => f.name === flag.name) === flag ? strings(flag.name) : [];
    return given.flatMap((value) => {
      const rule = flag.validate?.(value);
      return rule ? [`--${flag.name} ${show(value)}: ${rule}`] : [];
    });
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const flag = (name: string) => values[name] === true;
  const options: MigrateOptions = {
    path: positionals[0] ?? '.',
    sdk: (strings('sdk')[0] ?? 'openai') as Sdk,
    auth: (strings('auth')[0] ?? 'key') as Auth,
    deployments: deploymentsOf(strings('deployment')),
    write: flag('write'),
    force: flag('force'),
    strict: flag('strict'),
  };
  if (flag('include-tests')) options.includeTests = true;
  if (flag('upgrade-sdk')) options.upgradeSdk = true;
  if (resource !== undefined) options.resource = resource;
  if (endpoint !== undefined) options.endpoint = endpoint;
  return { options, json: flag('json'), help: flag('help') };
}

/** The --deployment values (each already valid): one default, and at most one deployment per model name. */
function deploymentsOf(given: readonly string[]): MigrateOptions['deployments'] {
  const deployments: MigrateOptions['deployments'] = { byModel: {} };
  for (const raw of given) {
    const eq = raw.indexOf('=');
    if (eq !== -1) deployments.byModel[raw.slice(0, eq)] = raw.slice(eq + 1);
    else if (deployments.default === undefined) deployments.default = raw;
    else throw new UsageError('--deployment <name> given twice: use <model>=<name> for more than one');
  }
  for (const [model, name] of Object.entries(deployments.byModel)) {
    const next = deployments.byModel[name];
    if (next !== undefined && next !== name)
      throw new UsageError(`--deployment: "${name}" is both the deployment for ${model} and a model mapped to ${next}`);
  }
  return deployments;
}
