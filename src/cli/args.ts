// parseArgs: the command line into raw, unvalidated CliArgs. The only place that knows flag spellings.
import { parseArgs as parseNodeArgs } from 'node:util';
import { FLAGS } from '../options/definitions.js';
import { UsageError } from '../shared/errors.js';
import { givenTimes } from '../shared/validate.js';
import type { CliArgs } from '../types.js';

/** node:util's parser configuration, from the options table. */
const flags = Object.fromEntries(
  FLAGS.map((flag) => [
    flag.name,
    { type: flag.type, ...(flag.short ? { short: flag.short } : {}), ...(flag.multiple ? { multiple: true } : {}) },
  ]),
) as Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export function parseArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(explain(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(`Expected one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const given = Object.fromEntries(FLAGS.map((flag) => [flag.key, values[flag.name]]));
  return {
    ...given,
    directory: positionals[0],
    vars: (values.var as string[] | undefined) ?? [],
    overwrite: values.overwrite === true,
    apiKeyStdin: values['api-key-stdin'] === true,
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    verify: values.verify === true,
    json: values.json === true,
    help: values.help === true,
    version: values.version === true,
  } as CliArgs;
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
  const problems = valueProblems(result.tokens);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return result;
}

type Token = ReturnType<typeof parseNodeArgs>['tokens'] extends (infer T)[] | undefined ? T : never;

/**
 * node:util keeps the last of a flag given twice and takes an empty value as given: both are mistakes of a script
 * (a default list with an override appended, an unset variable) that would otherwise pass silently.
 */
function valueProblems(tokens: readonly Token[]): string[] {
  const problems: string[] = [];
  const values = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.value === '') problems.push(`--${token.name} "": must not be empty (leave the flag out instead)`);
    values.set(token.name, [...(values.get(token.name) ?? []), token.value]);
  }
  for (const [name, given] of values) {
    if (given.length > 1 && !flags[name]?.multiple) {
      problems.push(givenTimes(name, given));
    }
  }
  return problems;
}

/** Node's parse errors, reworded with a suggestion for a mistyped flag. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown?.[1]) {
    const typed = unknown[1];
    // A one-letter flag (-Y) is close to every short name: no guess is worth offering.
    const word = typed.replace(/^-+(no-)?/, '');
    const guess = word.length > 2 ? closest(word, Object.keys(flags)) : undefined;
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
