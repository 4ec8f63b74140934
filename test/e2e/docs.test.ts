// README.md, SECURITY.md and docs/ say only what is true of this CLI: the flags they name exist, the exit codes they
// name are the ones the code uses, the files they name are there, and `--json` prints the fields they promise.
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateHelpObject } from '../../src/migrate/command/help.js';
import { FLAGS } from '../../src/options/definitions.js';
import { CancelError, StepError, UsageError } from '../../src/shared/errors.js';
import { describeRun, ROOT, runCli, tempDir } from '../helpers/cli.js';
import {
  anchorsOf,
  exitCodesIn,
  flagsIn,
  type JsonField,
  jsonFieldTable,
  linksIn,
  OTHER_PROGRAMS_FLAGS,
  pathExists,
  pathsIn,
  repositoryDocs,
} from '../helpers/docs.js';

const docs = repositoryDocs();

/** Every spelling the two parsers accept: the options table (booleans also as --no-x) and migrate's flags. */
const accepted = new Set([
  ...FLAGS.flatMap((flag) => [`--${flag.name}`, ...(flag.type === 'boolean' ? [`--no-${flag.name}`] : [])]),
  ...migrateHelpObject().options.map((option) => option.flag),
]);

/** The exit codes the code gives: success, and each error kind (a cancel by each signal). */
const exitCodes = new Set([
  0,
  new UsageError('x').exitCode,
  new StepError('x', undefined).exitCode,
  ...(['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => new CancelError('x', undefined, signal).exitCode),
]);

describe('what the docs name exists', () => {
  it('reads README.md, SECURITY.md and docs/', () => {
    expect(docs.map((doc) => doc.name)).toEqual(expect.arrayContaining(['README.md', 'docs/options.md']));
  });

  it.each(docs.map((doc) => [doc.name, doc] as const))('%s names only flags the CLI accepts', (_, doc) => {
    expect(flagsIn(doc.text).filter((flag) => !accepted.has(flag))).toEqual([]);
  });

  it("docs/migrate.md's options table names exactly migrate's flags", () => {
    const text = docs.find((doc) => doc.name === 'docs/migrate.md')?.text ?? '';
    const start = text.indexOf('| Option | Meaning |');
    const table = text.slice(start, text.indexOf('\n\n', start));
    const firstCells = table.split('\n').map((row) => row.split(' | ')[0] ?? '');
    const named = firstCells.flatMap((cell) => [...cell.matchAll(/`(--[\w-]+)/g)].map((m) => m[1]));
    const migrateFlags = migrateHelpObject()
      .options.map((option) => option.flag)
      .filter((flag) => flag !== '--help');
    expect([...new Set(named)].sort()).toEqual([...new Set(migrateFlags)].sort());
  });

  it('docs/architecture.md has every section it offers code to point at', () => {
    const text = docs.find((doc) => doc.name === 'docs/architecture.md')?.text ?? '';
    const offered = [...text.matchAll(/`#([\w-]+)`/g)].map((m) => m[1] ?? '');
    expect(offered).toContain('writing-safely');
    expect(offered.filter((section) => !anchorsOf(text).has(section))).toEqual([]);
  });

  it('the flags named as other programs are not ours', () => {
    expect(Object.keys(OTHER_PROGRAMS_FLAGS).filter((flag) => accepted.has(flag))).toEqual([]);
  });

  it.each(docs.map((doc) => [doc.name, doc] as const))('%s names only exit codes the CLI uses', (_, doc) => {
    expect(exitCodesIn(doc.text).filter((code) => !exitCodes.has(code))).toEqual([]);
  });

  it("docs/options.md's exit code table lists every exit code, once", () => {
    const text = docs.find((doc) => doc.name === 'docs/options.md')?.text ?? '';
    const section = text.slice(text.indexOf('## Exit codes'), text.indexOf('\n## ', text.indexOf('## Exit codes') + 1));
    const rows = [...section.matchAll(/^\| `(\d+)` \|/gm)].map((m) => Number(m[1]));
    expect(rows.sort()).toEqual([...exitCodes].sort());
  });

  it.each(docs.map((doc) => [doc.name, doc] as const))('%s names only files that exist', (_, doc) => {
    expect(pathsIn(doc.text).filter((path) => !pathExists(path))).toEqual([]);
  });

  it('SECURITY.md names tests that exist: each quoted name is in the test file it gives', async () => {
    const text = docs.find((doc) => doc.name === 'SECURITY.md')?.text ?? '';
    const missing: string[] = [];
    for (const m of text.matchAll(/`(test\/[^`]+\.test\.ts)` \(([^)]*)\)/g)) {
      const file = await readFile(join(ROOT, m[1] ?? ''), 'utf8');
      for (const quoted of (m[2] ?? '').matchAll(/"([^"]+?)(?: \.\.\.)?"/g))
        if (!file.includes(quoted[1] ?? '')) missing.push(`${m[1]}: "${quoted[1]}"`);
    }
    expect(missing).toEqual([]);
  });

  it.each(docs.map((doc) => [doc.name, doc] as const))(
    '%s links only to files and headings that exist',
    async (_, doc) => {
      const broken: string[] = [];
      for (const link of linksIn(doc)) {
        if (!pathExists(link.path)) broken.push(link.path);
        else if (link.anchor && !anchorsOf(await readFile(join(ROOT, link.path), 'utf8')).has(link.anchor))
          broken.push(`${link.path}#${link.anchor}`);
      }
      expect(broken).toEqual([]);
    },
  );
});

/** Every source file under src/ and scripts/, for the pointers its comments and messages make into the docs. */
async function sources(): Promise<{ name: string; text: string }[]> {
  const names = [
    ...(await readdir(join(ROOT, 'src'), { recursive: true })).map((name) => `src/${name}`),
    ...(await readdir(join(ROOT, 'scripts'))).map((name) => `scripts/${name}`),
  ].filter((name) => /\.(?:ts|js|cjs|mjs)$/.test(name));
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(ROOT, name), 'utf8') })));
}

describe('what the code says of the docs exists', () => {
  it('every docs/<file>.md#<section> the code points at, and every "README: <section>"', async () => {
    const broken: string[] = [];
    for (const source of await sources()) {
      for (const m of source.text.matchAll(/\b(docs\/[\w.-]+\.md)(?:#([\w-]+))?/g)) {
        const [, path = '', anchor] = m;
        if (!pathExists(path)) broken.push(`${source.name}: ${path}`);
        else if (anchor && !anchorsOf(await readFile(join(ROOT, path), 'utf8')).has(anchor))
          broken.push(`${source.name}: ${path}#${anchor}`);
      }
      const readme = docs.find((doc) => doc.name === 'README.md')?.text ?? '';
      for (const m of source.text.matchAll(/\bREADME: ([A-Z][\w ]*\w)/g))
        if (!new RegExp(`^#+ ${m[1]}$`, 'm').test(readme)) broken.push(`${source.name}: README: ${m[1]}`);
    }
    expect(broken).toEqual([]);
  });
});

/** Runs the CLI with --json and returns the parsed stdout, checking the exit code. */
async function jsonRun(args: string[], cwd: string, exitCode: number, env?: Record<string, string>, input?: string) {
  const run = await runCli(args, { cwd, ...(env ? { env } : {}), ...(input ? { input } : {}) });
  expect(run.exitCode, describeRun(run)).toBe(exitCode);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const keysOf = (values: unknown): string[] =>
  [...new Set((Array.isArray(values) ? values : [values]).flatMap((v) => Object.keys(v as object)))].sort();

describe('--json prints what docs/options.md promises', () => {
  const options = docs.find((doc) => doc.name === 'docs/options.md')?.text ?? '';
  const table = jsonFieldTable(options, '## `--json` output');
  const field = (name: string): JsonField => {
    const row = table.find((f) => f.name === name);
    if (!row) throw new Error(`docs/options.md documents no --json field ${name}`);
    return row;
  };
  const flags = ['--resource', 'contoso', '--deployment', 'chat', '--os', 'linux', '--no-git', '--json'];

  it('in real runs: a success, a dry run, a usage error, a failed install, a saved key, an overwrite', async () => {
    const cwd = await tempDir('caia-docs-');
    const runs: { kind: 'success' | 'failure'; json: Record<string, unknown> }[] = [];
    const success = await jsonRun(['app', ...flags, '--no-install'], cwd, 0);
    runs.push({ kind: 'success', json: success });
    const dry = await jsonRun(['dry', ...flags, '--dry-run'], cwd, 0);
    runs.push({ kind: 'success', json: dry });
    const usage = await jsonRun(['bad', ...flags.slice(2), '--resource', 'not a name'], cwd, 2);
    runs.push({ kind: 'failure', json: usage });
    // An install that fails: an npm on PATH that exits 1.
    const bin = join(cwd, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'npm'), '#!/bin/sh\necho "npm failed on purpose" >&2\nexit 1\n');
    await chmod(join(bin, 'npm'), 0o755);
    const failed = await jsonRun(['failed', ...flags], cwd, 1, { PATH: `${bin}:${process.env.PATH}` });
    runs.push({ kind: 'failure', json: failed });
    const key = await jsonRun(
      ['keyed', ...flags, '--no-install', '--api-key-stdin'],
      cwd,
      0,
      undefined,
      'k'.repeat(32),
    );
    runs.push({ kind: 'success', json: key });
    await mkdir(join(cwd, 'over'));
    await writeFile(join(cwd, 'over', 'README.md'), 'mine\n');
    const over = await jsonRun(['over', ...flags, '--no-install', '--overwrite'], cwd, 0);
    runs.push({ kind: 'success', json: over });

    // Each run prints every field documented for its kind, and no field the table does not document.
    const documented = new Set(table.map((f) => f.name));
    for (const { kind, json } of runs) {
      const always = table.filter((f) => f.when === 'always' || f.when === kind).map((f) => f.name);
      expect(Object.keys(json), JSON.stringify(json)).toEqual(expect.arrayContaining(always));
      expect(Object.keys(json).filter((k) => !documented.has(k))).toEqual([]);
      expect(json.ok).toBe(kind === 'success');
      if (kind === 'failure') expect(json.exitCode).toBeGreaterThan(0);
    }
    // The fields that come only sometimes come in the runs that the table says bring them.
    expect(usage.retry, 'a usage error has no retry').toBeUndefined();
    expect(String(usage.error)).toContain('--resource');
    expect(failed.retry).toBe('cd failed && npm install');
    expect(dry.dryRun).toBe(true);
    expect(keysOf(success.files)).toEqual([...field('files').keys].sort());
    expect(keysOf(success.commands)).toEqual([...field('commands').keys].sort());
    const statuses = [
      ...new Set(
        [...(success.commands as { status: string }[]), ...(dry.commands as { status: string }[])].map((c) => c.status),
      ),
    ];
    expect(field('commands').words).toEqual(expect.arrayContaining(statuses));
    expect(keysOf(key.keyFile)).toEqual([...field('keyFile').keys].sort());
    expect(field('keyFile').words).toContain((key.keyFile as { git: string }).git);
    expect(keysOf(over.backup)).toEqual([...field('backup').keys].sort());
    expect((over.backup as { files: string[] }).files).toEqual(['README.md']);
  });

  it('README names only fields the table documents', () => {
    const readme = docs.find((doc) => doc.name === 'README.md')?.text ?? '';
    const sentence = readme.slice(readme.indexOf('`--json` prints'), readme.indexOf('Exit codes:'));
    const named = [...sentence.matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !table.some((f) => f.name === name))).toEqual([]);
  });

  it('--help, --version and migrate print the shapes the docs give', async () => {
    const help = await jsonRun(['--help', '--json'], ROOT, 0);
    expect(Object.keys(help).sort()).toEqual(['options', 'usage']);
    const shape = /`\{ "usage": \[\.\.\.\], "options": \[\{ ("\w+"(?:, "\w+")*) \}\] \}`/.exec(options)?.[1] ?? '';
    expect(keysOf(help.options)).toEqual([...shape.matchAll(/"(\w+)"/g)].map((m) => m[1]).sort());
    expect(await jsonRun(['--version', '--json'], ROOT, 0)).toEqual({ version: expect.any(String) });

    const migrateDoc = docs.find((doc) => doc.name === 'docs/migrate.md')?.text ?? '';
    const row = /^\| `--json` \| (.+) \|$/m.exec(migrateDoc)?.[1] ?? '';
    const promised = [...(/\(([^)]+)\)/.exec(row)?.[1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]).sort();
    const project = await tempDir('caia-docs-migrate-');
    await writeFile(join(project, 'chat.ts'), 'import OpenAI from "openai";\nexport const client = new OpenAI();\n');
    const migrated = await jsonRun(['migrate', '.', '--json'], project, 0);
    expect(Object.keys(migrated).sort()).toEqual(promised);
    expect(keysOf(migrated.files)).toContain('findings');
  });
});
