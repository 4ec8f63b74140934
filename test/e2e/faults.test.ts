// Fault injection through the built CLI: a full disk, a read-only parent, a failing git, signals during the install,
// and two runs at once. Each ends with its message and exit code, nothing half-written, and the user's files intact.
// The disk faults mount small tmpfs file systems, which needs root (as in CI).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, describeRun, runCli, tempDir } from '../helpers/cli.js';
import { cliForAnotherUser, needs, secondUser } from '../helpers/system-tools.js';

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
    // Nothing is left to finish: the command to run again is the whole command.
    expect(run.stderr).toContain(
      `Nothing was written. To try again, run:\n  npm create azure-inference-app@latest ${join(disk, 'app')} -- --yes`,
    );
    await expectUntouched(disk);
  });

  it('read-only parent: exit 1, says so, leaves nothing', async () => {
    const disk = await smallDisk('1m', true);
    const run = await runCli([join(disk, 'app'), ...flags], { cwd: disk });
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(run.stderr).toMatch(/Could not write the project to .*: EROFS: read-only file system/);
    expect(run.stderr).toMatch(
      /Nothing was written\. To try again, run:\n {2}npm create azure-inference-app@latest \S+ -- --yes /,
    );
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
        runCli(['app', ...flags, '--sdk', 'azure-inference'], { cwd }),
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
      const client = await readFile(join(cwd, 'app', 'src', 'client.ts'), 'utf8');
      expect(client.includes('@azure-rest/ai-inference')).toBe(winner === 'azure-inference');
      expect(files).toContain('package.json');
    }
  });
});

describe('git and the key', () => {
  it('a template whose .gitignore leaves out .env: .env is added to it, and the key is not committed', async () => {
    const cwd = await tempDir();
    const env = await gitIdentity(cwd);
    await mkdir(join(cwd, 'tpl', '_shared'), { recursive: true });
    await writeFile(join(cwd, 'tpl', '_shared', '_gitignore'), 'node_modules/\n');
    const run = await runCli(
      ['app', '--template', './tpl', '--resource', 'contoso', '--deployment', 'd', '--no-install', '--git'],
      { cwd, env: { ...env, AZURE_OPENAI_CHAT_KEY: 'k3y-not-to-commit' } },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stderr).toContain("Added .env to .gitignore: the template's .gitignore did not ignore it");
    const app = join(cwd, 'app');
    expect(await readFile(join(app, '.gitignore'), 'utf8')).toBe('node_modules/\n.env\n');
    expect((await execa('git', ['status', '--porcelain', '--ignored'], { cwd: app, env })).stdout).toBe('!! .env');
    expect((await execa('git', ['ls-files'], { cwd: app, env })).stdout.split('\n')).not.toContain('.env');
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

/** A git config of its own (an identity, nothing else), so that a commit can happen wherever a test runs. */
async function gitIdentity(dir: string): Promise<Record<string, string>> {
  const config = join(dir, 'gitconfig');
  await writeFile(config, '[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n');
  return { GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1' };
}

/** A template whose .gitignore leaves .env out. */
async function leakyTemplate(dir: string): Promise<string> {
  await mkdir(join(dir, 'tpl', '_shared'), { recursive: true });
  await writeFile(join(dir, 'tpl', '_shared', '_gitignore'), 'node_modules/\n');
  return join(dir, 'tpl');
}

describe('the key where git does not ignore it', () => {
  it.each([
    [
      'whose .gitignore leaves .env out',
      '_gitignore',
      'node_modules/\n',
      'node_modules/\n.env\n',
      "Added .env to .gitignore: the template's .gitignore did not ignore it",
    ],
    [
      'whose .gitignore un-ignores .env',
      '_gitignore',
      '.env\n!.env\n',
      '.env\n!.env\n.env\n',
      'Added .env to .gitignore',
    ],
    [
      'with no .gitignore',
      '_gitignore.hbs',
      '',
      '.env\n',
      'Added a .gitignore that ignores .env: the template has none',
    ],
  ])(
    'a template %s, in a parent repository that does not ignore .env: the rule is added',
    async (_, name, given, written, said) => {
      for (const extra of [[], ['--no-git']]) {
        const cwd = await tempDir();
        const env = await gitIdentity(cwd);
        await execa('git', ['init', '--quiet'], { cwd, env });
        await mkdir(join(cwd, 'tpl', '_shared'), { recursive: true });
        await writeFile(join(cwd, 'tpl', '_shared', name), given);
        const run = await runCli(
          [
            'svc',
            '--template',
            join(cwd, 'tpl'),
            '--resource',
            'contoso',
            '--deployment',
            'd',
            '--no-install',
            ...extra,
          ],
          { cwd, env: { ...env, AZURE_OPENAI_CHAT_KEY: 'k3y-not-to-commit' } },
        );
        expect(run.exitCode, describeRun(run)).toBe(0);
        expect(run.stderr).toContain(said);
        expect(await readFile(join(cwd, 'svc', '.gitignore'), 'utf8')).toBe(written);
        // What git sees in the parent: the project, but not its .env.
        const status = await execa('git', ['status', '--porcelain', '--untracked-files=all'], { cwd, env });
        expect(status.stdout).toContain('?? svc/.gitignore');
        expect(status.stdout).not.toMatch(/\.env$/m);
        expect(run.stderr).not.toContain('does not ignore it');
        expect(run.stdout).toContain('git ignores it');
      }
    },
  );

  it('--overwrite into a folder of the user whose .gitignore leaves .env out: the rule is added, their copy kept', async () => {
    const cwd = await tempDir();
    const env = await gitIdentity(cwd);
    await execa('git', ['init', '--quiet'], { cwd, env });
    await mkdir(join(cwd, 'tpl', '_shared'), { recursive: true });
    await writeFile(join(cwd, 'tpl', '_shared', '_gitignore.hbs'), '');
    await mkdir(join(cwd, 'mine'));
    await writeFile(join(cwd, 'mine', '.gitignore'), 'dist/');
    const run = await runCli(['mine', '--template', join(cwd, 'tpl'), '--overwrite', ...flags, '--json'], {
      cwd,
      env: { ...env, AZURE_OPENAI_CHAT_KEY: 'k3y-not-to-commit' },
    });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(await readFile(join(cwd, 'mine', '.gitignore'), 'utf8')).toBe('dist/\n.env\n');
    const result = JSON.parse(run.stdout) as { backup: { folder: string; files: string[] }; warnings: string[] };
    expect(result.warnings).toContain(
      'Added .env to your .gitignore (.env holds your API key); --overwrite keeps a copy of the file it had.',
    );
    expect(await readFile(join(result.backup.folder, '.gitignore'), 'utf8')).toBe('dist/');
    const status = await execa('git', ['status', '--porcelain', '--untracked-files=all'], { cwd, env });
    expect(status.stdout).not.toMatch(/\.env$/m);
  });

  it('--overwrite --git into a folder with its own .env: that .env is never committed', async () => {
    const cwd = await tempDir();
    const env = await gitIdentity(cwd);
    const tpl = await leakyTemplate(cwd);
    await mkdir(join(cwd, 'mine'));
    await writeFile(join(cwd, 'mine', '.env'), 'DB_PASSWORD=s3cret\n');
    await writeFile(join(cwd, 'mine', 'notes.txt'), 'mine\n');
    const run = await runCli(
      ['mine', '--template', tpl, '--overwrite', '--git', '--resource', 'contoso', '--deployment', 'd', '--no-install'],
      { cwd, env },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(run.stderr).toContain('No first commit: .gitignore does not ignore .env');
    const repo = join(cwd, 'mine');
    expect((await execa('git', ['ls-files', '--cached'], { cwd: repo, env })).stdout).not.toContain('.env');
    expect((await execa('git', ['show', 'HEAD:.env'], { cwd: repo, env, reject: false })).exitCode).not.toBe(0);
  });
});

describe('git variables that point at another repository', () => {
  /** A repository of the user's, elsewhere, with one commit; returns its folder and HEAD. */
  async function otherRepository(cwd: string, env: Record<string, string>) {
    const other = join(cwd, 'other');
    await mkdir(other);
    await writeFile(join(other, 'theirs.txt'), 'theirs\n');
    await execa('git', ['init', '--quiet'], { cwd: other, env });
    await execa('git', ['add', 'theirs.txt'], { cwd: other, env });
    await execa('git', ['commit', '--quiet', '-m', 'theirs'], { cwd: other, env });
    const head = (await execa('git', ['rev-parse', 'HEAD'], { cwd: other, env })).stdout;
    return { other, head };
  }

  it.each([
    ['GIT_DIR and GIT_WORK_TREE', true],
    ['GIT_DIR alone', false],
  ])('%s: the commit is the project’s, the other repository untouched', async (_, withWorkTree) => {
    const cwd = await tempDir();
    const env = await gitIdentity(cwd);
    const { other, head } = await otherRepository(cwd, env);
    const redirect = {
      GIT_DIR: join(other, '.git'),
      ...(withWorkTree ? { GIT_WORK_TREE: other } : {}),
      GIT_INDEX_FILE: join(other, '.git', 'index'),
    };
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--no-install', '--git'], {
      cwd,
      env: { ...env, ...redirect },
    });
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect((await execa('git', ['rev-parse', 'HEAD'], { cwd: other, env })).stdout).toBe(head);
    expect((await execa('git', ['ls-tree', '--name-only', 'HEAD'], { cwd: other, env })).stdout).toBe('theirs.txt');
    expect((await execa('git', ['status', '--porcelain'], { cwd: other, env })).stdout).toBe('');
    const app = join(cwd, 'app');
    expect((await execa('git', ['log', '--format=%s'], { cwd: app, env })).stdout).toBe(
      'Initial commit from create-azure-inference-app',
    );
    expect((await execa('git', ['ls-files'], { cwd: app, env })).stdout).toContain('package.json');
  });
});

describe('a target on another file system, or in a read-only parent', () => {
  it.each([
    ['by its name', (disk: string) => ({ cwd: join(disk, '..'), target: disk })],
    ['as . from inside it', (disk: string) => ({ cwd: disk, target: '.' })],
  ])('an empty mount point given %s: written, nothing left beside or inside', async (_, where) => {
    // In a folder of its own, so that "nothing beside it" is not disturbed by other tests' folders in the temp root.
    const disk = join(await tempDir('caia-mount-'), 'disk');
    await mkdir(disk);
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]);
    mounts.push(disk);
    const { cwd, target } = where(disk);
    const before = await readdir(join(disk, '..'));
    const run = await runCli([target, ...flags], { cwd });
    expect(run.exitCode, describeRun(run)).toBe(0);
    const files = await readdir(disk);
    expect(files).toContain('package.json');
    expect(files.filter((name) => name.startsWith('.create-azure-inference-app'))).toEqual([]);
    expect(await readdir(join(disk, '..'))).toEqual(before);
  });

  it('an empty writable folder in a read-only parent, as a user root is not', async (ctx) => {
    needs(ctx, 'setpriv', secondUser());
    // The checkout may be in a folder only its owner can read: nobody runs a copy of the CLI (and of Node if need be).
    const { node, cli } = cliForAnotherUser(dirname(CLI));
    const root = await tempDir('caia-ro-');
    const parent = join(root, 'parent');
    const target = join(parent, 'app');
    await mkdir(target, { recursive: true });
    await execa('chown', ['nobody', target]);
    await execa('chmod', ['0555', parent]);
    await execa('chmod', ['0755', root]);
    const home = join(root, 'home');
    await mkdir(home);
    await execa('chown', ['nobody', home]);
    const run = await execa(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', node, cli, 'app', ...flags],
      { cwd: parent, env: { HOME: home, CI: undefined, npm_config_user_agent: undefined }, reject: false },
    );
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(await readdir(target)).toContain('package.json');
    expect((await readdir(target)).filter((name) => name.startsWith('.create-azure-inference-app'))).toEqual([]);
    expect(await readdir(parent)).toEqual(['app']);
  });
});

describe('what a run says it did', () => {
  it('the key is not said to be saved after a refusal (exit 2)', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', 'mine.txt'), 'mine\n');
    const run = await runCli(['app', ...flags], { cwd, env: { AZURE_OPENAI_CHAT_KEY: 'k3y-never-saved' } });
    expect(run.exitCode, describeRun(run)).toBe(2);
    expect(`${run.stdout}${run.stderr}`).not.toContain('saved in');
  });

  it('the key is not said to be saved after a failed write (exit 1)', async () => {
    const disk = await smallDisk('1m', true);
    const run = await runCli([join(disk, 'app'), ...flags], {
      cwd: disk,
      env: { AZURE_OPENAI_CHAT_KEY: 'k3y-never-saved' },
    });
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toContain('saved in');
  });

  it('--overwrite keeps the user’s other .env lines and a copy of every file it replaces, and says where', async () => {
    const cwd = await tempDir();
    const mine = join(cwd, 'mine');
    await mkdir(mine);
    const theirEnv = '# mine\nDB_PASSWORD=s3cret\nAZURE_OPENAI_CHAT_KEY=old\n';
    await writeFile(join(mine, '.env'), theirEnv);
    await writeFile(join(mine, 'package.json'), '{"name":"mine","private":true}\n');
    const run = await runCli(['mine', '--overwrite', ...flags, '--json'], {
      cwd,
      env: { AZURE_OPENAI_CHAT_KEY: 'k3y-new' },
    });
    expect(run.exitCode, describeRun(run)).toBe(0);
    const env = await readFile(join(mine, '.env'), 'utf8');
    expect(env).toMatch(/^# mine\nDB_PASSWORD=s3cret\nAZURE_OPENAI_CHAT_KEY='k3y-new'\n/);
    const result = JSON.parse(run.stdout) as { backup: { folder: string; files: string[] } };
    expect(result.backup.files.sort()).toEqual(['.env', 'package.json']);
    expect(result.backup.folder.startsWith(join(mine, '.create-azure-inference-app-backup'))).toBe(true);
    expect(await readFile(join(result.backup.folder, '.env'), 'utf8')).toBe(theirEnv);
    expect(await readFile(join(result.backup.folder, 'package.json'), 'utf8')).toBe('{"name":"mine","private":true}\n');
    const human = await runCli(['mine', '--overwrite', ...flags], { cwd, env: { AZURE_OPENAI_CHAT_KEY: 'k3y-new' } });
    expect(human.stdout).toMatch(
      /--overwrite replaced .*package\.json.*; your copies are in .*\.create-azure-inference-app-backup/,
    );
  });
});
