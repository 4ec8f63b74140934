// Reads the repository's own docs (README.md, SECURITY.md, docs/*.md) into what they claim: the flags, file paths and
// exit codes they name, and the fields of the `--json` table, so test/e2e/docs.test.ts can hold each against the code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './cli.js';

export interface Doc {
  /** The path from the repository root, as a failure names it. */
  readonly name: string;
  readonly text: string;
}

/** README.md, SECURITY.md and every docs/*.md. */
export function repositoryDocs(): Doc[] {
  const names = ['README.md', 'SECURITY.md', ...readdirSync(join(ROOT, 'docs')).map((file) => `docs/${file}`)];
  return names
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({ name, text: readFileSync(join(ROOT, name), 'utf8') }));
}

/**
 * The stretches of text a flag may sit in: each line of a fenced block (a command continued with `\` joined to its
 * next line), each inline code span, and the prose around them.
 */
export function segments(text: string): string[] {
  const out: string[] = [];
  const blocks = text.split(/^```.*$/m);
  blocks.forEach((block, i) => {
    if (i % 2 === 1) out.push(...block.replace(/\\\n/g, ' ').split('\n'));
    else {
      const spans = block.match(/`[^`\n]+`/g) ?? [];
      out.push(...spans.map((span) => span.slice(1, -1)), block.replace(/`[^`\n]+`/g, ' '));
    }
  });
  return out;
}

/** A segment that is another program's command line: its flags are that program's. */
const OTHER_PROGRAM =
  /^\s*(?:\$\s*)?(?:az|git|node|npx vitest|vitest|tsc|shellcheck|apt-get|bash|zsh|npm (?:install|ci|run|test))\s/;
const OURS = /create-azure-inference-app|create azure-inference-app|^\s*npm start --/;

/** Flags of other programs that the docs name outside such a command line, with the program they belong to. */
export const OTHER_PROGRAMS_FLAGS: Readonly<Record<string, string>> = {
  '--sku-name': 'az cognitiveservices account deployment create',
  '--sku-capacity': 'az cognitiveservices account deployment create',
};

/** Every long flag the doc names as this tool's, once each. */
export function flagsIn(text: string): string[] {
  const flags = new Set<string>();
  for (const segment of segments(text)) {
    if (OTHER_PROGRAM.test(segment) && !OURS.test(segment)) continue;
    for (const match of segment.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)) {
      if (!(match[0] in OTHER_PROGRAMS_FLAGS)) flags.add(match[0]);
    }
  }
  return [...flags];
}

/** Relative link targets (`[x](path#anchor)`), resolved from the doc's folder. */
export function linksIn(doc: Doc): { path: string; anchor?: string }[] {
  return [...doc.text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [path = '', anchor] = target.split('#');
      return { path: path === '' ? doc.name : join(dirname(doc.name), path), ...(anchor ? { anchor } : {}) };
    });
}

/**
 * Code spans that name a path in the repository or a generated project: a file with an extension or a folder with a
 * trailing slash, at least two levels deep (`src/run/write.ts`, `test/unit/`; not `chat/completions`).
 */
export function pathsIn(text: string): string[] {
  const spans = (text.match(/`[^`\n]+`/g) ?? []).map((span) => span.slice(1, -1));
  return spans.filter((span) => /^\.?[\w-]+(?:\/[\w.-]+)+(?:\/|\.\w+)$/.test(span));
}

/** Where a path the docs name is: in the repository, or (a generated project's file) in a built-in template folder. */
export function pathExists(path: string): boolean {
  if (existsSync(join(ROOT, path))) return true;
  const template = path.replace(/(^|\/)\.gitignore$/, '$1_gitignore');
  return ['_shared', 'openai', 'azure-inference', 'web'].some(
    (layer) =>
      existsSync(join(ROOT, 'templates', layer, template)) ||
      existsSync(join(ROOT, 'templates', layer, `${template}.hbs`)),
  );
}

/** GitHub's anchor for a heading. */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
}

export function anchorsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? '')));
}

/**
 * The exit codes a doc names: `exit 2`, `exits 1`, the numbers of an `Exit codes:` list, and the numbers in code spans
 * in a sentence (or table row) that speaks of exiting.
 */
export function exitCodesIn(text: string): number[] {
  const codes = new Set<number>();
  for (const sentence of text.split(/\.\s|\n\s*\n|\n(?=\|)/)) {
    for (const m of sentence.matchAll(/\bexits? (?:code )?`?(\d+)`?/gi)) codes.add(Number(m[1]));
    // "Exit codes: 0 done, 1 failed, ...": every number in the list.
    for (const m of (/\bexit codes?: (.*)/is.exec(sentence)?.[1] ?? '').matchAll(
      /(?<![\w.-])`?(\d{1,3})`?(?=[\s/`,])/g,
    ))
      codes.add(Number(m[1]));
    if (!/\bexit/i.test(sentence)) continue;
    for (const m of sentence.matchAll(/`(\d+)`/g)) codes.add(Number(m[1]));
  }
  return [...codes];
}

export interface JsonField {
  readonly name: string;
  /** `always`, `success`, `failure`, or the condition under which it appears. */
  readonly when: string;
  /** The keys of its objects, where the doc spells them `{ "a", "b" }`. */
  readonly keys: string[];
  /** Values the doc lists in code spans (for a field whose values are words). */
  readonly words: string[];
}

/** The rows of the table under a heading that starts with `heading`: `| \`name\` | when | value |`. */
export function jsonFieldTable(text: string, heading: string): JsonField[] {
  const start = text.indexOf(heading);
  if (start === -1) throw new Error(`no heading ${heading}`);
  const end = text.indexOf('\n## ', start + heading.length);
  const section = text.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^\| `(\w+)` \| ([^|]+) \| (.+) \|$/gm)].map((m) => {
    const value = m[3] ?? '';
    return {
      name: m[1] ?? '',
      when: (m[2] ?? '').trim(),
      keys: [...(value.match(/\{ ("\w+"(?:, "\w+")*) \}/)?.[1]?.matchAll(/"(\w+)"/g) ?? [])].map((k) => k[1] ?? ''),
      words: [...value.matchAll(/`(\w[\w ]*)`/g)].map((w) => w[1] ?? ''),
    };
  });
}
