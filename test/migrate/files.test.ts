// What `migrate` reads and where it may write: only regular UTF-8 files, never through or over a symbolic link, inside
// the repository of the path; --write only with proof of a clean tree (git found, no GIT_* redirection) unless --force.
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, runMigrate } from '../../src/migrate/index.js';
import { MAX_BYTES } from '../../src/migrate/read.js';
import { CLIENT, options } from './helpers.js';

const git = promisify(execFile);
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-migrate-files-'));
  dirs.push(dir);
  return dir;
}

/** A git repository holding files (text or bytes), committed. */
async function repo(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir();
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await commit(dir);
  return dir;
}

async function commit(dir: string): Promise<void> {
  await git('git', ['init', '-q'], { cwd: dir });
  await git('git', ['add', '-A'], { cwd: dir });
  await git(
    'git',
    ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'x'],
    {
      cwd: dir,
    },
  );
}

async function run(cwd: string, args: string[], env: NodeJS.ProcessEnv = { PATH: process.env.PATH }) {
  let out = '';
  let err = '';
  const code = await runMigrate(args, {
    stdout: {
      write: (text) => {
        out += text;
      },
    },
    stderr: {
      write: (text) => {
        err += text;
      },
    },
    cwd,
    env,
  });
  return { code, out, err, json: () => JSON.parse(out) };
}

const status = async (dir: string) => (await git('git', ['status', '--porcelain'], { cwd: dir })).stdout;

describe('bytes that are not UTF-8', () => {
  it('a Latin-1 file and a file with one invalid byte are listed with a warning and left byte for byte', async () => {
    const latin1 = Buffer.from(CLIENT.replace('question: string', 'question: string /* r\u00e9sum\u00e9 */'), 'latin1');
    // One byte 0xFF inside the model string: it must not become U+FFFD.
    const oneByte = Buffer.from(CLIENT.replace("'gpt-4o'", "'gpt-4o-\u00ff'"), 'latin1');
    const dir = await repo({
      'src/latin1.ts': latin1,
      'src/one-byte.ts': oneByte,
      'src/ok.ts': CLIENT,
    });
    const dry = await run(dir, ['.', '--resource', 'contoso', '--json']);
    expect(dry.code, dry.err).toBe(0);
    const files = dry.json().files as { path: string; changed: boolean; findings: { code: string; level: string }[] }[];
    for (const path of ['src/latin1.ts', 'src/one-byte.ts']) {
      expect(files.find((f) => f.path === path)).toMatchObject({
        changed: false,
        findings: [{ code: 'AZM093', level: 'warning' }],
      });
      expect(dry.out).not.toContain(`+++ b/${path}`);
    }
    expect(files.find((f) => f.path === 'src/ok.ts')?.changed).toBe(true);
    const before = {
      latin1: await readFile(join(dir, 'src/latin1.ts')),
      oneByte: await readFile(join(dir, 'src/one-byte.ts')),
    };
    const written = await run(dir, ['.', '--resource', 'contoso', '--write']);
    expect(written.code, written.err).toBe(0);
    expect(written.err).toMatch(/^src\/latin1\.ts\n.*warning +AZM093 +not valid UTF-8/m);
    expect(await readFile(join(dir, 'src/latin1.ts'))).toEqual(before.latin1);
    expect(await readFile(join(dir, 'src/one-byte.ts'))).toEqual(before.oneByte);
    expect(await readFile(join(dir, 'src/ok.ts'), 'utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
  });

  it('a UTF-8 file with a byte order mark keeps it', async () => {
    const dir = await repo({ 'src/bom.ts': `\ufeff${CLIENT}` });
    const written = await run(dir, ['.', '--resource', 'contoso', '--write']);
    expect(written.code, written.err).toBe(0);
    const bytes = await readFile(join(dir, 'src/bom.ts'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
  });
});

describe('symbolic links', () => {
  it('a path that is a link to a folder outside the repository: exit 2, nothing read or written there', async () => {
    const outside = await tempDir();
    await writeFile(join(outside, 'client.ts'), CLIENT);
    const dir = await repo({ 'src/ok.ts': CLIENT });
    await symlink(outside, join(dir, 'src', 'evildir'));
    for (const args of [['src/evildir', '--write', '--force'], ['src/evildir']]) {
      const result = await run(dir, [...args, '--resource', 'contoso']);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toMatch(/evildir leads to .*, outside the repository/);
    }
    expect(await readFile(join(outside, 'client.ts'), 'utf8')).toBe(CLIENT);
  });

  it('a path that is a link inside the repository is followed there', async () => {
    const dir = await repo({ 'app/src/client.ts': CLIENT });
    await symlink(join(dir, 'app'), join(dir, 'alias'));
    const result = await run(dir, ['alias', '--resource', 'contoso', '--write', '--force']);
    expect(result.code, result.err).toBe(0);
    expect(await readFile(join(dir, 'app/src/client.ts'), 'utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
  });

  it('tracked links (package.json, a source file) are reported, not followed, and stay links', async () => {
    const outside = await tempDir();
    const pkg = `${JSON.stringify({ name: 'x', dependencies: { openai: '^4.0.0' } }, null, 2)}\n`;
    await writeFile(join(outside, 'package.json'), pkg);
    await writeFile(join(outside, 'client.ts'), CLIENT);
    const dir = await tempDir();
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/ok.ts'), CLIENT);
    await symlink(join(outside, 'package.json'), join(dir, 'package.json'));
    await symlink(join(outside, 'client.ts'), join(dir, 'src', 'linked.ts'));
    await commit(dir);
    const result = await run(dir, ['.', '--resource', 'contoso', '--write', '--json']);
    expect(result.code, result.err).toBe(0);
    const files = result.json().files as { path: string; changed: boolean; findings: { code: string }[] }[];
    expect(files.find((f) => f.path === 'package.json')).toMatchObject({
      changed: false,
      findings: [{ code: 'AZM094' }],
    });
    expect(files.find((f) => f.path === 'src/linked.ts')).toMatchObject({
      changed: false,
      findings: [{ code: 'AZM094' }],
    });
    for (const link of ['package.json', 'src/linked.ts']) {
      expect((await lstat(join(dir, link))).isSymbolicLink(), link).toBe(true);
    }
    expect(await readlink(join(dir, 'package.json'))).toBe(join(outside, 'package.json'));
    expect(await readFile(join(outside, 'package.json'), 'utf8')).toBe(pkg);
    expect(await readFile(join(outside, 'client.ts'), 'utf8')).toBe(CLIENT);
    expect(await readFile(join(dir, 'src/ok.ts'), 'utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
  });
});

describe('only regular files, of a bounded size', () => {
  it('a file over the bound is not read, and says so', async () => {
    const big = `${CLIENT}${'// padding padding padding padding padding padding padding padding padding padding\n'.repeat(
      Math.ceil(MAX_BYTES / 80),
    )}`;
    const dir = await repo({ 'src/big.ts': big, 'src/ok.ts': CLIENT });
    const result = await run(dir, ['.', '--resource', 'contoso', '--json']);
    expect(result.code, result.err).toBe(0);
    const files = result.json().files as {
      path: string;
      changed: boolean;
      findings: { code: string; message: string }[];
    }[];
    expect(files.find((f) => f.path === 'src/big.ts')).toMatchObject({
      changed: false,
      findings: [{ code: 'AZM095', message: expect.stringMatching(/larger than 4 MiB/) }],
    });
  });
});

describe('the guard', () => {
  it('without git on PATH, --write refuses (exit 2) unless --force; a dry run still works', async () => {
    const dir = await repo({ 'src/ok.ts': CLIENT });
    const noGit = { PATH: '/nonexistent' };
    const refused = await run(dir, ['.', '--resource', 'contoso', '--write'], noGit);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('git was not found on PATH');
    expect(await readFile(join(dir, 'src/ok.ts'), 'utf8')).toBe(CLIENT);
    expect((await run(dir, ['.', '--resource', 'contoso'], noGit)).code).toBe(0);
    const forced = await run(dir, ['.', '--resource', 'contoso', '--write', '--force'], noGit);
    expect(forced.code, forced.err).toBe(0);
    expect(await readFile(join(dir, 'src/ok.ts'), 'utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
  });

  it('outside any git repository, --write refuses (exit 2) unless --force: nothing would show or undo its changes', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src/ok.ts'), CLIENT);
    const refused = await run(dir, ['.', '--resource', 'contoso', '--write'], { PATH: process.env.PATH });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('is not in a git repository');
    expect(refused.err).toContain('or pass --force');
    expect(await readFile(join(dir, 'src/ok.ts'), 'utf8')).toBe(CLIENT);
    expect((await readdir(dir)).sort()).toEqual(['src']);
    const forced = await run(dir, ['.', '--resource', 'contoso', '--write', '--force'], { PATH: process.env.PATH });
    expect(forced.code, forced.err).toBe(0);
    expect(await readFile(join(dir, 'src/ok.ts'), 'utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
  });

  it('GIT_DIR / GIT_WORK_TREE pointing at another clean repository do not hide uncommitted edits', async () => {
    const other = await repo({ 'README.md': 'clean\n' });
    const dir = await repo({ 'src/ok.ts': CLIENT });
    const edited = `${CLIENT}// work in progress\n`;
    await writeFile(join(dir, 'src/ok.ts'), edited);
    const redirected = [
      { GIT_DIR: join(other, '.git') },
      { GIT_DIR: join(other, '.git'), GIT_WORK_TREE: other },
      { GIT_INDEX_FILE: join(other, '.git', 'index') },
    ];
    for (const variables of redirected) {
      const refused = await run(dir, ['.', '--resource', 'contoso', '--write'], {
        PATH: process.env.PATH,
        ...variables,
      });
      expect(refused.code, JSON.stringify(variables)).toBe(2);
      expect(refused.err).toMatch(/GIT_\w+ (is|are) set, pointing git away from this folder/);
      expect(await readFile(join(dir, 'src/ok.ts'), 'utf8')).toBe(edited);
    }
    // Without the variables the same tree is refused as dirty.
    const dirty = await run(dir, ['.', '--resource', 'contoso', '--write']);
    expect(dirty.code).toBe(2);
    expect(dirty.err).toContain('uncommitted change(s)');
    // With --force, git still works on this repository, not the other one: its files are the ones listed.
    const forced = await run(dir, ['.', '--resource', 'contoso', '--write', '--force', '--json'], {
      PATH: process.env.PATH,
      GIT_DIR: join(other, '.git'),
      GIT_WORK_TREE: other,
    });
    expect(forced.code, forced.err).toBe(0);
    expect(forced.json().files.map((f: { path: string }) => f.path)).toContain('src/ok.ts');
    expect(await status(other)).toBe('');
  });
});

describe('a stop signal while files are read', () => {
  it("cancels before anything is staged: the signal's exit code, every file as it was", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`src/client${i}.ts`] = CLIENT;
    const dir = await repo(files);
    let looks = 0;
    // The engine looks every 100 files: the signal is there from the second look on, still before any write.
    const run = migrate(options(dir, { resource: 'contoso', write: true }), {
      stopped: () => (++looks > 1 ? 'SIGTERM' : undefined),
    });
    await expect(run).rejects.toMatchObject({ name: 'CancelError', exitCode: 143 });
    await expect(run).rejects.toThrow('Stopped by SIGTERM before anything was written.');
    expect(await status(dir)).toBe('');
  });
});
