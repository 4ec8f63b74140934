// The optional template.json of a custom template: what it is, whether it extends a built-in flavour, and the extra
// variables it asks for. Every field is checked, and every problem names the field.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { firstControlCharacter } from '../shared/validate.js';
import type { Manifest, TemplateVariable } from '../types.js';
import { MANIFEST_FILE } from './layout.js';
import { matchesWithin } from './pattern.js';

export { MANIFEST_FILE };
/** template.json is small: a few variables. */
export const MAX_MANIFEST_BYTES = 64 * 1024;
/** How long a variable's pattern may take to match one value. */
export const PATTERN_TIME_LIMIT_MS = 1000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const TOP_FIELDS = new Set(['$schema', 'name', 'description', 'extends', 'variables']);
const VARIABLE_FIELDS = new Set(['name', 'prompt', 'default', 'pattern', 'secret', 'required']);

/**
 * Reads and checks `template.json` in `dir`; a template without one extends the built-in flavour, with no variables.
 * Read as the template's other files are: a regular file, not a link, at most MAX_MANIFEST_BYTES. Errors never quote
 * its text (it could be anything).
 */
export async function readManifest(dir: string, fallbackName: string): Promise<Manifest> {
  const path = join(dir, MANIFEST_FILE);
  const refuse = (rule: string): never => {
    throw new UsageError(`--template: ${MANIFEST_FILE} ${rule}`);
  };
  const failed = (error: unknown): never =>
    refuse(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  let stats: Stats | undefined;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed(error);
  }
  if (!stats) return { name: fallbackName, description: '', extends: true, variables: [] };
  if (stats.isSymbolicLink()) refuse('is a symbolic link; a template may hold only files and folders');
  if (!stats.isFile()) refuse('must be a regular file');
  if (stats.size > MAX_MANIFEST_BYTES) refuse(`is larger than ${MAX_MANIFEST_BYTES / 1024} KiB`);
  // No following a link swapped in since the lstat, and no waiting on a FIFO: checked again on the open file.
  let fd: number | undefined;
  let text: string;
  try {
    try {
      fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      failed(error);
    }
    if (!fstatSync(fd as number).isFile()) refuse('must be a regular file');
    const buffer = Buffer.alloc(MAX_MANIFEST_BYTES + 1);
    const bytesRead = readSync(fd as number, buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_MANIFEST_BYTES) refuse(`is larger than ${MAX_MANIFEST_BYTES / 1024} KiB`);
    text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\ufeff/, '');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${MANIFEST_FILE}: not valid JSON${jsonErrorPlace(text, error)}`);
  }
  return parseManifest(data, fallbackName);
}

/** Where JSON.parse stopped, as " (line L, column C)", without any of the text (V8's messages quote it). */
function jsonErrorPlace(text: string, error: unknown): string {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position)).split('\n');
  return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}

/** A field name for an error message: shown only when it is plainly a name. */
function fieldName(key: string): string {
  return /^[\w$-]{1,40}$/.test(key) ? key : 'a field with an unusual name';
}

export function parseManifest(data: unknown, fallbackName: string): Manifest {
  const problems: string[] = [];
  const problem = (field: string, rule: string) => problems.push(`${MANIFEST_FILE}: ${field}: ${rule}`);
  if (!isObject(data)) throw new UsageError(`${MANIFEST_FILE}: must be a JSON object`);
  for (const key of Object.keys(data)) if (!TOP_FIELDS.has(key)) problem(fieldName(key), 'is not a known field');
  const name = optionalString(data, 'name', problem) ?? fallbackName;
  const description = optionalString(data, 'description', problem) ?? '';
  const extendsBuiltIn = data.extends ?? true;
  if (typeof extendsBuiltIn !== 'boolean') problem('extends', 'must be true or false');
  const variables: TemplateVariable[] = [];
  const rawVariables = data.variables ?? [];
  if (!Array.isArray(rawVariables)) problem('variables', 'must be an array');
  else {
    rawVariables.forEach((raw: unknown, i) => {
      const variable = parseVariable(raw, `variables[${i}]`, problem, variables);
      if (variable) variables.push(variable);
    });
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { name, description, extends: extendsBuiltIn as boolean, variables };
}

/** One entry of `variables`, or undefined after recording its problem. */
function parseVariable(
  raw: unknown,
  at: string,
  problem: (field: string, rule: string) => void,
  earlier: readonly TemplateVariable[],
): TemplateVariable | undefined {
  if (!isObject(raw)) return void problem(at, 'must be an object');
  for (const key of Object.keys(raw)) {
    if (!VARIABLE_FIELDS.has(key)) problem(`${at}.${fieldName(key)}`, 'is not a known field');
  }
  const varName = raw.name;
  if (typeof varName !== 'string' || !VARIABLE_NAME.test(varName)) {
    return void problem(`${at}.name`, 'must be a letter then letters, digits or _ (at most 64)');
  }
  if (earlier.some((v) => v.name === varName)) return void problem(`${at}.name`, `"${varName}" is declared twice`);
  const prompt = raw.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '')
    return void problem(`${at}.prompt`, 'must be a non-empty string');
  const pattern = optionalString(raw, 'pattern', (f, r) => problem(`${at}.${f}`, r));
  if (pattern !== undefined) {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      return void problem(`${at}.pattern`, `not a valid regular expression: ${(error as Error).message}`);
    }
  }
  const secret = raw.secret ?? false;
  const required = raw.required ?? true;
  if (typeof secret !== 'boolean') return void problem(`${at}.secret`, 'must be true or false');
  if (typeof required !== 'boolean') return void problem(`${at}.required`, 'must be true or false');
  const variable: TemplateVariable = {
    name: varName,
    prompt,
    secret,
    required,
    ...(pattern === undefined ? {} : { pattern }),
  };
  const fallback = optionalString(raw, 'default', (f, r) => problem(`${at}.${f}`, r));
  if (fallback !== undefined) {
    const broken = checkVariable(variable, fallback);
    if (broken) return void problem(`${at}.default`, broken);
    if (secret) return void problem(`${at}.default`, 'a secret cannot have a default');
  }
  return { ...variable, ...(fallback === undefined ? {} : { default: fallback }) };
}

/** The rule a value breaks for a variable, or undefined. */
export function checkVariable(variable: Pick<TemplateVariable, 'pattern'>, value: string): string | undefined {
  if (value.length > 1000) return 'must be at most 1000 characters';
  // One line of plain text: a control character would reach the files as it is wherever a template writes the value
  // without a quoting helper (ESC drives the terminal that shows the file, \r hides what comes before it, a line break
  // starts a line the template did not write), and a prompt cannot take a tab or a line break anyway.
  const control = firstControlCharacter(value);
  if (control) return `must not contain control characters, tabs or line breaks (it has ${control})`;
  // A lone surrogate cannot be written as UTF-8: the file would hold U+FFFD instead.
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it has a lone surrogate)';
  if (variable.pattern !== undefined) {
    // Run apart, with a time limit: a pattern such as (a|a)*b backtracks for ever on some values.
    const matched = matchesWithin(`^(?:${variable.pattern})$`, value, PATTERN_TIME_LIMIT_MS);
    if (matched === 'timeout') {
      return `took longer than ${PATTERN_TIME_LIMIT_MS / 1000} s to check against the template's pattern ${variable.pattern}: the pattern backtracks too much; the template should simplify it`;
    }
    if (!matched) return `must match ${variable.pattern}`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(
  data: Record<string, unknown>,
  field: string,
  problem: (field: string, rule: string) => void,
): string | undefined {
  const value = data[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    problem(field, 'must be a string');
    return undefined;
  }
  return value;
}
