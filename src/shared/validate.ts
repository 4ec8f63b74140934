// Validators shared by flags and prompts: each takes the raw value and returns the rule it breaks, or undefined.
import { lstatSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Validator } from '../types.js';
import { checkCreatedNames } from './names.js';

const RESOURCE = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}[A-Za-z0-9]$/;
const DEPLOYMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const API_VERSION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(-preview)?$/;
// Characters Windows forbids in file names, and ASCII control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const NON_PORTABLE = /[<>:"|?*\\/\u0000-\u001f\u007f]/;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// Control characters, C1 and the bidi overrides and isolates (a name that shows differently from what it is).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const PACKAGE_NAME = /^[a-z0-9~-][a-z0-9._~-]*$/;

export const validateResource: Validator = (value) =>
  RESOURCE.test(value)
    ? undefined
    : 'use 2-64 letters, digits and hyphens, starting and ending with a letter or digit (it becomes <name>.openai.azure.com)';

export const validateDeployment: Validator = (value) =>
  DEPLOYMENT.test(value)
    ? undefined
    : 'use 1-64 letters, digits, dots, underscores and hyphens, starting with a letter or digit (as named in the Azure portal)';

export const validateApiVersion: Validator = (value) =>
  API_VERSION.test(value)
    ? undefined
    : 'use a date as YYYY-MM-DD, optionally followed by -preview (for example 2024-06-01)';

/** A model name as Azure lists it (gpt-4.1, gpt-5-mini, o4-mini, Phi-4); versions are not part of it. */
export const validateModel: Validator = (value) =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value)
    ? undefined
    : 'use 1-64 letters, digits, dots, underscores and hyphens, starting with a letter or digit (for example gpt-4.1)';

/**
 * The Node.js the generated project will run on: a major (--node 24) or a full version (22.18.0, the running Node's,
 * which is the default and what a program may pass to create()).
 */
export const validateNode: Validator = (value) => {
  if (!/^[1-9]\d{0,2}(\.(0|[1-9]\d{0,3})){0,2}$/.test(value))
    return 'use a major version number such as 24, or a full version such as 22.18.0';
  return Number.parseInt(value, 10) < 20
    ? 'must be 20 or later: Node.js 18 and older cannot run the Azure SDKs'
    : undefined;
};

/**
 * An Azure OpenAI key as pasted from the portal. It lands only in .env, between single quotes, which have no escape:
 * a ' would end the value. Every other printable ASCII character (" and ` included) is read back as it is by
 * Node's loadEnvFile, which the project uses; the setup scripts ask for the key at a prompt and never hold it.
 */
export const validateApiKey: Validator = (value) =>
  /^[\x21-\x26\x28-\x7e]{1,512}$/.test(value)
    ? undefined
    : "must be 1-512 printable ASCII characters without spaces or single quotes (' would end the value in .env); copy Key 1 from Keys and Endpoint";

/**
 * The project directory: any path, but every folder the run would create for it must be portable to Windows, macOS
 * and Linux: the project folder itself, and each folder on the way to it that does not exist yet (a run makes them
 * all). With `cwd`, the path is resolved there and folders that exist are left alone; without it, every folder named
 * in the path is checked as written.
 */
export function validateDirectory(value: string, cwd?: string): string | undefined {
  if (value.trim() === '') return 'must not be empty';
  if (CONTROL.test(value)) return 'must not contain control characters';
  const name = basename(value.replace(/[\\/]+$/, ''));
  const named = name !== '' && name !== '.' && name !== '..';
  if (named) {
    const broken = checkPortableName(name) ?? checkCreatedNames(name);
    if (broken) return `the folder name ${broken}`;
  }
  const folders = foldersToCreate(value, cwd);
  // The project folder was checked above (also when it exists); the others only when the run would make them.
  if (named && folders.at(-1) === name) folders.pop();
  for (const folder of folders) {
    const broken = checkPortableName(folder);
    if (broken) return `the folder ${show(folder)} that the run would create on the way ${broken}`;
  }
  return undefined;
}

/**
 * The folders a run would create for `value`, outermost first, the project folder last: with `cwd`, those of the
 * resolved path that do not exist yet; without it, every name in the path as written (but . and ..).
 */
function foldersToCreate(value: string, cwd: string | undefined): string[] {
  if (cwd === undefined) return value.split('/').filter((part) => part !== '' && part !== '.' && part !== '..');
  const missing: string[] = [];
  for (let path = resolve(cwd, value); dirname(path) !== path; path = dirname(path)) {
    let exists: boolean;
    try {
      exists = lstatSync(path, { throwIfNoEntry: false }) !== undefined;
    } catch {
      // Not a folder we can look into (a file on the way, no permission): the write will say so; nothing to check.
      exists = true;
    }
    if (exists) break;
    missing.unshift(basename(path));
  }
  return missing;
}

/** The rule a file or folder name breaks on Windows, macOS or Linux, or undefined. */
export function checkPortableName(name: string): string | undefined {
  if (name === '.' || name === '..') return 'must not be . or ..';
  if (NON_PORTABLE.test(name)) return 'must not contain < > : " | ? * \\ / or control characters';
  if (WINDOWS_RESERVED.test(name)) return `must not be "${name}", a reserved file name on Windows`;
  if (/[. ]$/.test(name)) return 'must not end with a dot or a space';
  if (Buffer.byteLength(name) > 255) return 'must be at most 255 bytes';
  return undefined;
}

const CONTROL_NAMES: Record<string, string> = {
  '\u0000': 'NUL',
  '\t': 'tab',
  '\n': 'line feed',
  '\r': 'carriage return',
  '\u001b': 'ESC',
  '\u007f': 'DEL',
};

/**
 * The first control character in a value (C0 with tab and line breaks, DEL, C1, the bidi overrides and isolates,
 * U+2028/9), as `U+001B (ESC)`; undefined when there is none.
 */
export function firstControlCharacter(value: string): string | undefined {
  const found = CONTROL.exec(value)?.[0];
  if (found === undefined) return undefined;
  const name = CONTROL_NAMES[found];
  return `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}${name ? ` (${name})` : ''}`;
}

/** An npm package name for a private project (no scope needed): lower case, URL-safe, at most 214 characters. */
export const validatePackageName: Validator = (value) => {
  if (value.length === 0 || value.length > 214) return 'must be 1-214 characters';
  if (!PACKAGE_NAME.test(value)) return 'use lower-case letters, digits and - . _ ~, not starting with . or _';
  if (value === 'node_modules' || value === 'favicon.ico') return `"${value}" is reserved by npm`;
  return undefined;
};

/** The package name a folder name suggests: "My App!" -> "my-app". */
export function toPackageName(folder: string): string {
  // NFKD splits accents off letters ("Café" -> "cafe"); ASCII needs none, and skipping it spares loading ICU's tables.
  const name = (/^[\x20-\x7e]*$/.test(folder) ? folder : folder.normalize('NFKD'))
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214);
  return validatePackageName(name) === undefined ? name : 'azure-inference-app';
}

/** A validator for one of a fixed set of values. */
export function oneOf<T extends string>(choices: readonly T[]): (value: string) => string | undefined {
  return (value) => (choices.includes(value as T) ? undefined : `use one of: ${choices.join(', ')}`);
}

/** A user value shown in a message: quoted, escaped, and cut when long. */
export function show(value: string): string {
  const quoted = JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  return quoted.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** The usage error of a flag that takes one value and was given several: the scaffolder's and migrate's parsers say it alike. */
export function givenTimes(name: string, values: readonly string[]): string {
  return `--${name} given ${values.length} times (${values.map((v) => show(v)).join(', ')}): give it once`;
}
