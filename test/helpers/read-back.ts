// Reading user values back out of generated files, the way each file's own reader does: a real bash, PowerShell's
// quoting rule (through readPowerShell), a JavaScript engine for TypeScript string literals, Node's .env parser, and
// CommonMark's code-span rule. Each reader throws or returns a value; the property tests compare it with the input.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createContext, runInContext } from 'node:vm';
import ts from 'typescript';

const run = promisify(execFile);

/**
 * Sources `script` in a real `bash --norc --noprofile` (stdin from /dev/null, so it never prompts) and returns the
 * variables `names`, printed back NUL-terminated. `env` is the whole environment besides PATH and HOME.
 */
// One context for all evaluations: a new V8 context per case is slow enough to time tests out on a busy machine.
const CONTEXT = createContext(Object.create(null));

export async function bashReadBack(
  dir: string,
  script: string,
  names: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<string[]> {
  const print = names.map((name) => `"\${${name}-<unset ${name}>}"`).join(' ');
  const { stdout } = await run(
    'bash',
    ['--norc', '--noprofile', '-c', `source ./${script} </dev/null; printf '%s\\0' ${print}`],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env },
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const fields = stdout.toString('utf8').split('\0');
  if (fields.length !== names.length + 1 || fields.at(-1) !== '') {
    throw new Error(`bash printed ${fields.length - 1} fields for ${names.length} names: ${JSON.stringify(fields)}`);
  }
  return fields.slice(0, -1);
}

/** The value of `export const <name> = <literal>;` in TypeScript source, evaluated by a JavaScript engine. */
export function readTsConst(source: string, name: string): string {
  // `.` stops at every line terminator JavaScript knows (\n \r U+2028 U+2029): a literal must fit on its line.
  const match = new RegExp(`^export const ${name} = (.*);$`, 'm').exec(source);
  if (!match?.[1]) throw new Error(`no one-line \`export const ${name} = ...;\` in:\n${source}`);
  const value: unknown = runInContext(match[1], CONTEXT);
  if (typeof value !== 'string') throw new Error(`${name} is a ${typeof value}, not a string`);
  return value;
}

/** TypeScript's syntax errors in `source` (the compiler's parser; no type checking). */
export function tsSyntaxErrors(source: string, fileName = 'file.ts'): string[] {
  const { diagnostics = [] } = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/**
 * The text of a Markdown string that must be exactly one inline code span, by CommonMark 0.31 section 6.1, or
 * undefined when it is not one (a backtick string with no closing string of the same length is literal text).
 * Checked against commonmark.js 0.31.2 (the reference implementation) on 150,000 random backtick, space, tab, VT,
 * NBSP and letter strings: no difference.
 */
export function readCodeSpan(markdown: string): string | undefined {
  const open = /^`+/.exec(markdown)?.[0];
  if (!open) return undefined;
  // The first backtick string of exactly the opening length closes the span.
  const runs = /`+/g;
  runs.lastIndex = open.length;
  for (let run = runs.exec(markdown); run; run = runs.exec(markdown)) {
    if (run[0].length !== open.length) continue;
    if (run.index + run[0].length !== markdown.length) return undefined;
    let content = markdown.slice(open.length, run.index).replace(/\r\n|\r|\n/g, ' ');
    // One space comes off each side when both are spaces, unless the content is spaces only (U+0020, not "\s").
    if (content.startsWith(' ') && content.endsWith(' ') && !/^ *$/.test(content)) content = content.slice(1, -1);
    return content;
  }
  return undefined;
}

/** The cells of one GitHub Flavored Markdown table row: split at unescaped pipes (code spans do not protect them). */
export function tableCells(row: string): string[] {
  const inner = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('\\|', '|'));
}

/**
 * The rules npm's validate-npm-package-name (7.0.2, bundled with npm 11) applies to an unscoped name, errors and
 * warnings both, except two warnings `npm init -y` itself writes names against: core module names and `~`.
 */
export function npmNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) problems.push('is empty');
  if (name.length > 214) problems.push('is longer than 214 characters');
  if (/^[._-]/.test(name)) problems.push('starts with . _ or -');
  if (name.trim() !== name) problems.push('has spaces at its ends');
  if (['node_modules', 'favicon.ico'].includes(name.toLowerCase())) problems.push('is excluded');
  if (name.toLowerCase() !== name) problems.push('has capital letters');
  if (/[!'()*]/.test(name)) problems.push("has one of !'()*");
  if (encodeURIComponent(name) !== name) problems.push('is not URL-friendly');
  if (name.includes('/')) problems.push('has a scope or a slash');
  return problems;
}
