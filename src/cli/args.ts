// parseArgs: the command line into raw, unvalidated CliArgs. The only place that knows flag spellings.
import { parseArgs as parseNodeArgs } from 'node:util';
import { UsageError } from '../shared/errors.js';

/** What the user typed, unvalidated. `undefined` means "not given". */
export interface CliArgs {
  readonly directory?: string;
  readonly sdk?: string;
  readonly resource?: string;
  readonly deployment?: string;
  readonly endpoint?: string;
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
}

const flags = {
  sdk: { type: 'string' },
  resource: { type: 'string' },
  deployment: { type: 'string' },
  endpoint: { type: 'string' },
  auth: { type: 'string' },
  'api-version': { type: 'string' },
  os: { type: 'string' },
  'package-manager': { type: 'string' },
  template: { type: 'string' },
  var: { type: 'string', multiple: true },
  install: { type: 'boolean' },
  git: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  'api-key-stdin': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  verify: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(explain(error));
  }
  const { values: v, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(`Expected one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  return {
    directory: positionals[0],
    sdk: v.sdk,
    resource: v.resource,
    deployment: v.deployment,
    endpoint: v.endpoint,
    auth: v.auth,
    apiVersion: v['api-version'],
    os: v.os,
    packageManager: v['package-manager'],
    template: v.template,
    vars: v.var ?? [],
    install: v.install,
    git: v.git,
    overwrite: v.overwrite ?? false,
    apiKeyStdin: v['api-key-stdin'] ?? false,
    yes: v.yes ?? false,
    dryRun: v['dry-run'] ?? false,
    verify: v.verify ?? false,
    json: v.json ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}

function parse(argv: readonly string[]) {
  const result = parseNodeArgs({
    args: [...argv],
    options: flags,
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    tokens: true,
  });
  // allowNegative lets the last of --x and --no-x win silently; both at once is a mistake worth reporting.
  const spellings = new Map<string, Set<string>>();
  for (const token of result.tokens) {
    if (token.kind !== 'option') continue;
    const seen = spellings.get(token.name) ?? new Set<string>();
    spellings.set(token.name, seen.add(token.rawName.startsWith('--no-') ? 'no' : 'yes'));
    if (seen.size > 1) throw new UsageError(`--${token.name} and --no-${token.name} contradict each other: give one`);
  }
  return result;
}

/** Node's parse errors, reworded with a suggestion for a mistyped flag. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown?.[1]) {
    const typed = unknown[1];
    const guess = closest(typed.replace(/^-+(no-)?/, ''), Object.keys(flags));
    return `Unknown option ${typed}.${guess ? ` Did you mean --${guess}?` : ''}`;
  }
  const flag = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument (missing|is ambiguous)/.exec(message);
  if (flag?.[1]) return `${flag[1]} needs a value (to pass one that starts with -, write ${flag[1]}=<value>)`;
  return message;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
