// The optional template.json of a custom template: what it is, whether it extends a built-in flavour, and the extra
// variables it asks for. Every field is checked, and every problem names the field.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { Manifest, TemplateVariable } from '../types.js';

export const MANIFEST_FILE = 'template.json';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const TOP_FIELDS = new Set(['$schema', 'name', 'description', 'extends', 'variables']);
const VARIABLE_FIELDS = new Set(['name', 'prompt', 'default', 'pattern', 'secret', 'required']);

/** Reads and checks `template.json` in `dir`; a template without one extends the built-in flavour, with no variables. */
export async function readManifest(dir: string, fallbackName: string): Promise<Manifest> {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { name: fallbackName, description: '', extends: true, variables: [] };
    }
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${MANIFEST_FILE}: not valid JSON: ${(error as Error).message}`);
  }
  return parseManifest(data, fallbackName);
}

export function parseManifest(data: unknown, fallbackName: string): Manifest {
  const problems: string[] = [];
  const problem = (field: string, rule: string) => problems.push(`${MANIFEST_FILE}: ${field}: ${rule}`);
  if (!isObject(data)) throw new UsageError(`${MANIFEST_FILE}: must be a JSON object`);
  for (const key of Object.keys(data)) if (!TOP_FIELDS.has(key)) problem(key, 'is not a known field');
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
  for (const key of Object.keys(raw)) if (!VARIABLE_FIELDS.has(key)) problem(`${at}.${key}`, 'is not a known field');
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
  if (value.includes('\0')) return 'must not contain NUL characters';
  // A lone surrogate cannot be written as UTF-8: the file would hold U+FFFD instead.
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it has a lone surrogate)';
  if (variable.pattern !== undefined && !new RegExp(`^(?:${variable.pattern})$`, 'u').test(value)) {
    return `must match ${variable.pattern}`;
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
