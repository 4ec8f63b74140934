// Fault injection through the built CLI: a full disk, a read-only parent, a failing git, signals during the install,
// and two runs at once. Each ends with its message and exit code, nothing half-written, and the user's files intact.
// The disk faults mount small tmpfs file systems, which needs root (as in CI).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, describeRun, runCli, tempDir } from '../helpers/cli.js';

const flags = ['--resource', 'contoso', '--deployment', 'd', '--os', 'all', '--no-install', '--no-git'];
const mounts: string[] = [];

afterEach(async () => {
  for (const mount of mounts.splice(0)) await execa('umount', [mount]);
});

/** A tmpfs of `size` at a new folder holding one file of the user's; optionally read-only. */
async function smallDisk(size: string, readOnly = false): Promise<string> {
  const dir = await tempDir('caia-disk-');
  await execa('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  await writeFile(join(dir, 'keep.txt'), 'the user was here\n');
  if (readOnly) await execa('mount', ['-o', 'remount,ro', dir]);
  return dir;
}

async function expectUntouched(dir: string): Promise<void> {
  expect(await readdir(dir)).toEqual(['keep.txt']);
  expect(await readFile(join(dir, 'keep.txt'), 'utf8')).toBe('the user was here\n');
}

describe('the disk', () => {
  it('full part-way through writing: exit 1, says so, leaves nothing', async () => {
    const disk = await smallDisk('24k');
    const run = await runCli([join(disk, 'app'), ...flags], { cwd: disk });
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(run.stderr).toMatch(
      /Could not write the project to .*: ENOSPC: no space left on device.*Nothing was left behind\./,
    );
    await expectUntouched(disk);
  });

  it('read-only parent: exit 1, says so, leaves nothing', async () => {
    const disk = await smallDisk('1m', true);
    const run = await runCli([join(disk, 'app'), ...flags], { cwd: disk });
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(run.stderr).toMatch(/Could not write the project to .*: EROFS: read-only file system/);
    await expectUntouched(disk);
  });
});

describe('git', () => {
  it('a failing commit with --git: exit 1, the project kept, how to finish printed', async () => {
    const cwd = await tempDir();
    const bin = join(cwd, 'bin');
    await mkdir(bin);
    const realGit = (await execa('sh', ['-c', 'command -v git'])).stdout;
    await writeFile(
      join(bin, 'git'),
      `#!/bin/sh\nif [ "$1" = commit ]; then echo "fatal: simulated" >&2; exit 128; fi\nexec ${realGit} "$@"\n`,
      { mode: 0o755 },
    );
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--no-install', '--git'], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(run.stderr).toContain(
      "git commit --quiet --message 'Initial commit from create-azure-inference-app' failed",
    );
    expect(run.stderr).toMatch(/To finish, run:\n {2}cd app && git init --quiet && git add --all && git commit/);
    expect(await readdir(join(cwd, 'app'))).toContain('package.json');
  });
});

describe('signals during the install', () => {
  it.each([
    ['SIGINT', 130, 'Cancelled while installing dependencies.'],
    ['SIGTERM', 143, 'Stopped by SIGTERM while installing dependencies.'],
  ] as const)('%s: exit %i, the project kept, how to finish printed', async (signal, code, message) => {
    const cwd = await tempDir();
    const bin = join(cwd, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'npm'), '#!/bin/sh\necho "fetching packages..."\nexec sleep 30\n', { mode: 0o755 });
    const child = execa(process.execPath, [CLI, 'app', '--resource', 'contoso', '--deployment', 'd', '--no-git'], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}`, CI: undefined },
      reject: false,
      all: true,
    });
    let output = '';
    child.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    for (let i = 0; i < 100 && !output.includes('fetching packages'); i++) await sleep(50);
    child.kill(signal);
    const result = await child;
    expect(result.exitCode, String(result.all)).toBe(code);
    expect(result.all).toContain(message);
    expect(result.all).toContain('To finish, run:\n  cd app && npm install');
    expect(await readdir(join(cwd, 'app'))).toContain('package.json');
  });
});

describe('two runs at once into the same directory', () => {
  it('one writes the project, the other fails cleanly; no staging folder is left', async () => {
    for (let round = 0; round < 5; round++) {
      const cwd = await tempDir();
      const [a, b] = await Promise.all([
        runCli(['app', ...flags], { cwd }),
        runCli(['app', ...flags, '--sdk', 'openai'], { cwd }),
      ]);
      const codes = [a.exitCode, b.exitCode].sort();
      expect(
        [
          [0, 1],
          [0, 2],
        ],
        `${describeRun(a)}\n${describeRun(b)}`,
      ).toContainEqual(codes);
      expect(await readdir(cwd)).toEqual(['app']);
      // Exactly one project: the winner's flavour, whole.
      const files = await readdir(join(cwd, 'app'));
      const winner = a.exitCode === 0 ? 'azure-inference' : 'openai';
      const client = await readFile(join(cwd, 'app', 'client.ts'), 'utf8');
      expect(client.includes('@azure-rest/ai-inference')).toBe(winner === 'azure-inference');
      expect(files).toContain('package.json');
    }
  });
});

describe('git and the key', () => {
  it('a template whose .gitignore leaves out .env: the key is neither staged nor committed', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'tpl', '_shared'), { recursive: true });
    await writeFile(join(cwd, 'tpl', '_shared', '_gitignore'), 'node_modules/\n');
    const run = await runCli(
      ['app', '--template', './tpl', '--resource', 'contoso', '--deployment', 'd', '--no-install', '--git'],
      { cwd, env: { AZURE_OPENAI_CHAT_KEY: 'k3y-not-to-commit' } },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stderr).toContain('No first commit: .gitignore does not ignore .env');
    const status = await execa('git', ['status', '--porcelain'], { cwd: join(cwd, 'app') });
    expect(status.stdout).toContain('?? .env');
    const staged = await execa('git', ['diff', '--cached', '--name-only'], { cwd: join(cwd, 'app') });
    expect(staged.stdout).toBe('');
  });

  it('--overwrite into a folder of the user: no automatic repository over their files', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'mine'));
    await writeFile(join(cwd, 'mine', 'secrets.json'), '{"token":"x"}');
    const run = await runCli(['mine', '--overwrite', '--resource', 'contoso', '--deployment', 'd', '--no-install'], {
      cwd,
    });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stdout).toContain('No git repository: the folder already held files of yours');
    expect(await readdir(join(cwd, 'mine'))).not.toContain('.git');
  });
});
