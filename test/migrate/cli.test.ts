// The built CLI (dist/cli.cjs, as `npm run build` makes it) run as a user would, on a fixture project in a temporary
// git repository: dry run, --json, --write and a second run, a dirty tree, --strict and bad input.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { fixtures, readTree } from './helpers.js';

const git = promisify(execFile);
let dir = '';

async function commitAll(message: string): Promise<void> {
  await git('git', ['add', '-A'], { cwd: dir });
  await git('git', ['commit', '-q', '-m', message], { cwd: dir });
}

async function status(): Promise<string> {
  return (await git('git', ['status', '--porcelain'], { cwd: dir })).stdout;
}

const migrate = (...args: string[]) => runCli(['migrate', ...args], { cwd: dir });

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  dir = await mkdtemp(join(tmpdir(), 'azure-migrate-cli-'));
  await cp(join(fixtures, 'no-equivalent', 'input'), dir, { recursive: true });
  await git('git', ['init', '-q'], { cwd: dir });
  await git('git', ['config', 'user.email', 'test@example.com'], { cwd: dir });
  await git('git', ['config', 'user.name', 'Test'], { cwd: dir });
  await git('git', ['config', 'commit.gpgsign', 'false'], { cwd: dir });
  await commitAll('fixture');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('migrate, the built CLI', () => {
  it('dry run: exit 0, diffs on stdout, the report on stderr, nothing written', async () => {
    const before = await readTree(dir);
    const result = await migrate('.', '--resource', 'contoso');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/\.env\.example$/m);
    expect(result.stdout).toContain('+++ b/src/mixed.ts');
    expect(result.stdout).toContain('+++ b/setup-env.sh');
    // The report goes to stderr only: no report line, no summary on stdout.
    expect(result.stdout).not.toMatch(/^ {2}\d+:\d+ +(?:error|warning|info) /m);
    expect(result.stdout).not.toContain('Dry run:');
    expect(result.stderr).toContain('error   AZM022');
    expect(result.stderr).toContain('Dry run: nothing written.');
    expect(await readTree(dir)).toEqual(before);
    expect(await status()).toBe('');
  });

  it('--json: one parseable object of the documented shape on stdout', async () => {
    const result = await migrate('.', '--resource', 'contoso', '--json');
    expect(result.exitCode).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ ok: true, files: expect.any(Array), summary: expect.any(Object) });
    expect(parsed.files.length).toBeGreaterThan(0);
    for (const file of parsed.files) {
      expect(file).toMatchObject({ path: expect.any(String), changed: expect.any(Boolean) });
      expect(file.path).not.toMatch(/^\/|\\/);
      for (const finding of file.findings) {
        expect(Object.keys(finding).sort()).toEqual(['code', 'column', 'level', 'line', 'message']);
        expect(finding.line).toBeGreaterThanOrEqual(1);
        expect(finding.column).toBeGreaterThanOrEqual(1);
        expect(['error', 'warning', 'info']).toContain(finding.level);
        expect(finding.code).toMatch(/^AZM\d{3}$/);
        expect(finding.message).toEqual(expect.any(String));
      }
    }
    const moderate = parsed.files.find((f: { path: string }) => f.path === 'src/moderate.ts');
    expect(moderate).toMatchObject({ changed: false });
    expect(parsed.summary).toMatchObject({ dryRun: true, errors: 2, filesChanged: expect.any(Number) });
    expect(result.stderr).toContain('AZM022');
    expect(await status()).toBe('');
  });

  it('--strict with an error finding: exit 1, nothing written', async () => {
    const result = await migrate('.', '--resource', 'contoso', '--strict');
    expect(result.exitCode).toBe(1);
    expect(await status()).toBe('');
  });

  it('--help --json: the usage and the option table as one JSON object', async () => {
    const text = await migrate('--help');
    const run = await migrate('--help', '--json');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const help = JSON.parse(run.stdout) as { usage: string[]; options: { flag: string; value?: string }[] };
    expect(help.usage).toEqual(['create-azure-inference-app migrate [path] [options]']);
    for (const option of help.options) {
      expect(text.stdout).toContain(`${option.flag}${option.value ? ` ${option.value}` : ''}`);
    }
    expect(help.options).toContainEqual({
      flag: '--deployment',
      value: '<model>=<name>',
      repeatable: true,
      help: 'the deployment for one model name (repeatable)',
    });
    expect(help.options.at(-1)).toEqual({ flag: '--help', short: '-h', help: 'show this help' });
  });

  it('a bad --resource: exit 2, nothing written', async () => {
    const result = await migrate('.', '--resource', '-not_a_name-', '--write');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/resource/i);
    expect(await status()).toBe('');
  });

  it('a refused flag or value with --json: exit 2 and still one JSON object on stdout', async () => {
    for (const args of [['--bogus'], ['--auth', 'foo'], ['--sdk'], ['--resource', 'x_y']]) {
      const result = await migrate('.', ...args, '--json');
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(JSON.parse(result.stdout), args.join(' ')).toMatchObject({ ok: false, exitCode: 2 });
    }
    expect(await status()).toBe('');
  });

  it('a password in a refused --endpoint is never shown', async () => {
    const result = await migrate('.', '--endpoint', 'https://user:TOPSECRETPW@con.openai.azure.com/', '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout + result.stderr).not.toContain('TOPSECRETPW');
    expect(result.stderr).toContain('REDACTED');
  });

  it('a dirty work tree without --force: exit 2, nothing written', async () => {
    const file = join(dir, 'src', 'mixed.ts');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}// work in progress\n`);
    try {
      const result = await migrate('.', '--resource', 'contoso', '--write');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('--force');
      expect(await status()).toBe(' M src/mixed.ts\n');
      expect(await readFile(file, 'utf8')).toBe(`${original}// work in progress\n`);
    } finally {
      await writeFile(file, original);
    }
    expect(await status()).toBe('');
  });

  it('--write applies the dry run; a second run changes nothing', async () => {
    const dry = JSON.parse((await migrate('.', '--resource', 'contoso', '--json')).stdout);
    const written = await migrate('.', '--resource', 'contoso', '--write');
    expect(written.exitCode).toBe(0);
    const changed = dry.files.filter((f: { changed: boolean }) => f.changed).map((f: { path: string }) => f.path);
    const lines = (await status()).split('\n').filter(Boolean);
    expect(lines.map((l) => l.slice(3)).sort()).toEqual([...changed].sort());
    expect(await readFile(join(dir, 'src', 'mixed.ts'), 'utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
    await commitAll('migrated');

    const again = await migrate('.', '--resource', 'contoso', '--write', '--json');
    expect(again.exitCode).toBe(0);
    const second = JSON.parse(again.stdout);
    expect(second.files.filter((f: { changed: boolean }) => f.changed)).toEqual([]);
    expect(second.summary.filesChanged).toBe(0);
    expect(await status()).toBe('');
  });
});
