// The built CLI's code cache (dist/.cache/), on a copy of dist/: written by the first run, left as it is by the
// next, replaced when damaged (V8 would abort on the damage used here), never written where the package is read-only
// or when NODE_DISABLE_COMPILE_CACHE is set, and the project the same every time. The read-only case mounts a tmpfs, which needs root (as in CI).
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import { describeRun, ROOT, runCli, tempDir } from '../helpers/cli.js';

const mounts: string[] = [];
afterEach(async () => {
  for (const mount of mounts.splice(0)) await execa('umount', [mount]);
});

/** dist/ as built, without the clone's own cache, in `parent` (a new folder when not given). */
async function copyOfDist(parent?: string): Promise<string> {
  const dist = join(parent ?? (await tempDir('caia-dist-')), 'dist');
  await cp(join(ROOT, 'dist'), dist, { recursive: true, filter: (source) => !source.includes('.cache') });
  return dist;
}

/** Scaffolds into a fresh folder with the CLI in `dist`; returns the generated files' contents. */
async function scaffold(dist: string, env: Record<string, string> = {}) {
  const cwd = await tempDir('caia-cache-run-');
  const args = ['app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini', '--no-install', '--no-git'];
  const run = await runCli(args, { cwd, env: { CI: 'true', ...env }, cli: join(dist, 'cli.cjs') });
  expect(run.exitCode, describeRun(run)).toBe(0);
  expect(run.stderr).not.toMatch(/ExperimentalWarning|Error/);
  const files: Record<string, string> = {};
  for (const name of (await readdir(join(cwd, 'app'))).sort())
    files[name] = await readFile(join(cwd, 'app', name), 'utf8');
  return files;
}

const cacheFiles = async (dist: string) => (await readdir(join(dist, '.cache')).catch(() => [])).sort();

it('is written by the first run, taken as it is by the next, and replaced when damaged', async () => {
  const dist = await copyOfDist();
  const first = await scaffold(dist);
  const [cache, ...others] = await cacheFiles(dist);
  expect(others).toEqual([]);
  expect(cache).toMatch(new RegExp(`^main-[0-9a-f]+-${process.versions.v8}-${process.arch}-[0-9a-f]+\\.bin$`));
  const path = join(dist, '.cache', cache ?? '');
  const written = await stat(path);

  // Taken: the CLI writes the cache only when V8 refused it or there was none.
  expect(await scaffold(dist)).toEqual(first);
  const taken = await stat(path);
  expect([taken.ino, taken.mtimeMs]).toEqual([written.ino, written.mtimeMs]);

  // Damage in the middle of V8's data, which V8 does not check itself: given to V8, it aborts the process.
  const damaged = await readFile(path);
  const middle = damaged.length >> 1;
  for (let i = middle; i < middle + 200; i++) damaged[i] = (damaged[i] ?? 0) ^ 0x5a;
  await writeFile(path, damaged);
  expect(await scaffold(dist)).toEqual(first);
  expect((await readFile(path)).equals(damaged)).toBe(false);
  expect(await cacheFiles(dist)).toEqual([cache]);
  // The new one is taken: the next run leaves it as it is.
  const replaced = await stat(path);
  expect(await scaffold(dist)).toEqual(first);
  const retaken = await stat(path);
  expect([retaken.ino, retaken.mtimeMs]).toEqual([replaced.ino, replaced.mtimeMs]);
});

it('is not written after --version, --help or a usage error, and is after the next scaffold', async () => {
  const dist = await copyOfDist();
  const cwd = await tempDir('caia-cache-quick-');
  for (const args of [['--version'], ['--help'], ['app', '--resource', 'not a name']]) {
    const run = await runCli(args, { cwd, env: { CI: 'true' }, cli: join(dist, 'cli.cjs') });
    expect(run.exitCode, describeRun(run)).toBe(args.length > 1 ? 2 : 0);
  }
  expect(await cacheFiles(dist)).toEqual([]);
  await scaffold(dist);
  expect(await cacheFiles(dist)).toHaveLength(1);
});

it('is not used without WebAssembly (node --jitless), and the run works', async () => {
  const dist = await copyOfDist();
  const cwd = await tempDir('caia-cache-jitless-');
  const args = ['app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini', '--no-install', '--no-git'];
  const run = await execa(process.execPath, ['--jitless', join(dist, 'cli.cjs'), ...args], {
    cwd,
    env: { CI: 'true' },
    reject: false,
  });
  expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(await readdir(join(cwd, 'app'))).toContain('example.ts');
  expect(await readdir(dist)).not.toContain('.cache');
});

it('is not written with NODE_DISABLE_COMPILE_CACHE=1', async () => {
  const dist = await copyOfDist();
  await scaffold(dist, { NODE_DISABLE_COMPILE_CACHE: '1' });
  expect(await readdir(dist)).not.toContain('.cache');
});

it('is not needed where the package is read-only: the run works and writes nothing there', async () => {
  const mount = await tempDir('caia-ro-package-');
  await execa('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount]);
  mounts.push(mount);
  const dist = await copyOfDist(mount);
  await execa('mount', ['-o', 'remount,ro', mount]);
  const files = await scaffold(dist);
  expect(Object.keys(files)).toContain('example.ts');
  expect(await readdir(dist)).not.toContain('.cache');
});
