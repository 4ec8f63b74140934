// The built CLI's `migrate --write` under a signal and a failing disk, and its output into a closed pipe, a full
// device and a terminal: what the report and --json call changed is what is on disk, all or nothing, no temporary file
// left, and no byte from a file name or a file reaches the terminal as a control sequence.
import { execFile } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, describeRun, runCli } from '../helpers/cli.js';
import { cliForAnotherUser, needs, secondUser } from '../helpers/system-tools.js';
import { CLIENT } from './helpers.js';

const git = promisify(execFile);
const dirs: string[] = [];
const mounts: string[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
});

afterEach(async () => {
  for (const mount of mounts.splice(0).reverse()) await execa('umount', [mount]);
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A committed git repository in dir (made when absent) with `count` client files in src/. */
async function repo(count: number, dir?: string): Promise<string> {
  const root = dir ?? (await mkdtemp(join(tmpdir(), 'azure-migrate-io-')));
  if (!dir) dirs.push(root);
  await mkdir(join(root, 'src'), { recursive: true });
  for (let i = 0; i < count; i++) await writeFile(join(root, 'src', `client${i}.ts`), CLIENT);
  await git('git', ['init', '-q'], { cwd: root });
  await git('git', ['add', '-A'], { cwd: root });
  const who = ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'commit.gpgsign=false'];
  await git('git', [...who, 'commit', '-qm', 'x'], { cwd: root });
  return root;
}

/** Paths git sees as modified or new. */
async function modified(dir: string): Promise<string[]> {
  const { stdout } = await git(
    'git',
    // The EACCES test hands the repository to another user.
    ['-c', 'safe.directory=*', 'status', '--porcelain', '-z', '--untracked-files=all'],
    { cwd: dir },
  );
  return stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => line.slice(3))
    .sort();
}

async function temporaries(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((name) => name.endsWith('.tmp'));
}

interface Report {
  ok: boolean;
  exitCode: number;
  files: { path: string; changed: boolean }[];
  incomplete?: { reason: string; written: string[]; left: string[] };
}

/** The all-or-nothing promise, whatever happened: disk, --json and the exit code agree. */
async function expectAllOrNothing(dir: string, report: Report, planned: string[]): Promise<void> {
  const changed = report.files
    .filter((f) => f.changed)
    .map((f) => f.path)
    .sort();
  const onDisk = await modified(dir);
  expect(onDisk).toEqual(changed);
  expect([[], planned]).toContainEqual(onDisk);
  expect(await temporaries(dir)).toEqual([]);
}

const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;

describe('a signal during --write', () => {
  const files = 1500;
  let planned: string[] = [];

  beforeAll(async () => {
    const dir = await repo(files);
    const dry = await runCli(['migrate', '.', '--resource', 'contoso', '--json'], { cwd: dir });
    planned = (JSON.parse(dry.stdout) as Report).files
      .filter((f) => f.changed)
      .map((f) => f.path)
      .sort();
    expect(planned.length).toBeGreaterThan(files);
  }, 300_000);

  // The moments are events on disk, not times: the first file staged, the last third of the staging, the first
  // rename. Whichever way the run ends, what it reports is what is on disk, and it is all or nothing.
  const moments = [
    ['as staging begins', (_name: string, staged: number) => staged === 1],
    ['late in the staging', (_name: string, staged: number) => staged === 1000],
    ['as the renames begin', (name: string) => /^client\d+\.ts$/.test(name)],
  ] as const;

  // Three signals by three moments would be nine runs of 1,500 files: each signal gets one moment.
  for (const [index, [signal, code]] of SIGNALS.entries()) {
    const [moment, trigger] = moments[index] as (typeof moments)[number];
    it(`${signal} ${moment}: exit ${code}, the report is what is on disk, all or nothing, no temporary file`, async () => {
      const dir = await repo(files);
      const src = join(dir, 'src');
      let seen = 0;
      let sent = false;
      const child = execa(process.execPath, [CLI, 'migrate', '.', '--resource', 'contoso', '--write', '--json'], {
        cwd: dir,
        reject: false,
      });
      const watcher = watch(src, (event, name) => {
        if (sent || !name) return;
        if (event === 'rename' && name.endsWith('.tmp')) seen++;
        if (trigger(name, seen)) {
          sent = true;
          child.kill(signal);
        }
      });
      const result = await child;
      watcher.close();
      const run = `${signal} ${moment}, sent: ${sent}\n${String(result.stderr)}`;
      expect(sent, run).toBe(true);
      expect(result.exitCode, run).toBe(code);
      const report = JSON.parse(String(result.stdout)) as Report;
      expect(report).toMatchObject({ ok: false, exitCode: code });
      await expectAllOrNothing(dir, report, planned);
      expect(String(result.stderr)).not.toMatch(/^\s+at /m);
      if ((await modified(dir)).length === 0) {
        expect(String(result.stderr).slice(-500)).toContain(
          `Nothing was written (stopped by ${signal}): every file is as it was.`,
        );
      } else {
        expect(String(result.stderr).slice(-500)).toContain(
          `were written before the run stopped (stopped by ${signal}).`,
        );
      }
    }, 300_000);
  }
});

describe('a failing disk during --write', () => {
  it('full (ENOSPC) part way through: exit 1, nothing written, --json and the report say so', async (ctx) => {
    needs(ctx, ['mount', 'umount'], { ok: process.getuid?.() === 0, what: 'root (to mount a tmpfs)' });
    const disk = await mkdtemp(join(tmpdir(), 'azure-migrate-disk-'));
    dirs.push(disk);
    // Enough room for the repository, not for a second copy of every file: staging runs out part way.
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]);
    mounts.push(disk);
    const dir = await repo(120, disk);
    await writeFile(join(dir, 'src', 'padding.bin'), Buffer.alloc(0));
    // Fill what is left but about 100 kB.
    const { stdout } = await execa('df', ['--output=avail', '-B1', disk]);
    const free = Number(stdout.trim().split('\n').at(-1));
    await writeFile(join(dir, 'filler.bin'), Buffer.alloc(Math.max(0, free - 100_000)));
    await git('git', ['add', '-A'], { cwd: dir });
    await git('git', ['-c', 'user.email=t@e', '-c', 'user.name=T', 'commit', '-qm', 'fill'], { cwd: dir });
    const before = await readFile(join(dir, 'src', 'client0.ts'), 'utf8');
    const run = await runCli(['migrate', '.', '--resource', 'contoso', '--write', '--json'], { cwd: dir });
    expect(run.exitCode, describeRun(run)).toBe(1);
    const report = JSON.parse(run.stdout) as Report & {
      summary: { filesChanged: number; clientsRewritten: number; clientsLeft: number };
    };
    expect(report.ok).toBe(false);
    expect(report.summary.filesChanged).toBe(0);
    // No client moved: each is still where it was, and the summary line says so.
    expect(report.summary).toMatchObject({ clientsRewritten: 0, clientsLeft: 120 });
    expect(run.stderr).toContain('0 changed; 0 client(s) moved, 120 left as they were;');
    expect(report.files.every((f) => !f.changed)).toBe(true);
    expect(report.incomplete?.reason).toMatch(/ENOSPC/);
    expect(run.stderr).toMatch(
      /Nothing was written \(src\/client\d+\.ts: ENOSPC: no space left on device.*\): every file is as it was\./,
    );
    expect(run.stderr).toMatch(/error +AZM092 +the file could not be written/);
    expect(await modified(dir)).toEqual([]);
    expect(await temporaries(dir)).toEqual([]);
    expect(await readFile(join(dir, 'src', 'client0.ts'), 'utf8')).toBe(before);
  }, 120_000);

  it('one read-only folder among writable ones: exit 1, no file written anywhere', async (ctx) => {
    needs(ctx, ['mount', 'umount'], { ok: process.getuid?.() === 0, what: 'root (to bind-mount a folder read-only)' });
    const dir = await repo(3);
    await mkdir(join(dir, 'zz'));
    await writeFile(join(dir, 'zz', 'late.ts'), CLIENT);
    await git('git', ['add', '-A'], { cwd: dir });
    await git('git', ['-c', 'user.email=t@e', '-c', 'user.name=T', 'commit', '-qm', 'zz'], { cwd: dir });
    // zz/ sorts after src/ and package files: the files before it are staged when its write fails.
    await execa('mount', ['--bind', join(dir, 'zz'), join(dir, 'zz')]);
    mounts.push(join(dir, 'zz'));
    await execa('mount', ['-o', 'remount,bind,ro', join(dir, 'zz')]);
    const run = await runCli(['migrate', '.', '--resource', 'contoso', '--write'], { cwd: dir });
    expect(run.exitCode, describeRun(run)).toBe(1);
    expect(run.stderr).toMatch(/Nothing was written \(zz\/late\.ts: EROFS: read-only file system/);
    expect(run.stderr).not.toMatch(/\(changed\)/);
    expect(run.stderr).toContain('0 changed');
    expect(await modified(dir)).toEqual([]);
    expect(await temporaries(dir)).toEqual([]);
  }, 120_000);

  it('a folder this user may not write to (EACCES): exit 1, no file written anywhere', async (ctx) => {
    needs(ctx, ['setpriv', 'chown'], secondUser());
    // The checkout may sit where only its owner can read (a fresh clone in a 0700 folder): nobody runs a copy.
    const { node, cli } = cliForAnotherUser(dirname(CLI));
    const dir = await repo(3);
    await mkdir(join(dir, 'zz'));
    await writeFile(join(dir, 'zz', 'late.ts'), CLIENT);
    await git('git', ['add', '-A'], { cwd: dir });
    await git('git', ['-c', 'user.email=t@e', '-c', 'user.name=T', 'commit', '-qm', 'zz'], { cwd: dir });
    // Everything belongs to nobody, who then runs the CLI; zz/ (sorted last) is read-only to its owner.
    await execa('chown', ['-R', '65534:65534', dir]);
    await execa('chmod', ['555', join(dir, 'zz')]);
    const run = await execa(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        node,
        cli,
        'migrate',
        '.',
        '--resource',
        'contoso',
        '--write',
      ],
      { cwd: dir, reject: false, env: { HOME: dir, PATH: process.env.PATH } },
    );
    const stderr = String(run.stderr);
    expect(run.exitCode, stderr).toBe(1);
    expect(stderr).toMatch(/Nothing was written \(zz\/late\.ts: EACCES: permission denied/);
    expect(stderr).toContain('0 changed');
    expect(await modified(dir)).toEqual([]);
    expect(await temporaries(dir)).toEqual([]);
  }, 120_000);
});

describe('what is read', () => {
  it('a FIFO named package.json or like a source file does not hang a dry run: listed as not a regular file', async (ctx) => {
    needs(ctx, 'mkfifo');
    // In a repository (git does not list a FIFO it does not track) and in a plain folder (walked). A child process
    // with a time limit: a regression that opens the FIFO blocks, and must fail rather than hang the test run.
    const inRepo = await repo(1);
    const plain = await mkdtemp(join(tmpdir(), 'azure-migrate-io-'));
    dirs.push(plain);
    await mkdir(join(plain, 'src'));
    await writeFile(join(plain, 'src', 'ok.ts'), CLIENT);
    for (const dir of [inRepo, plain]) {
      await execa('mkfifo', [join(dir, 'package.json'), join(dir, 'src', 'pipe.ts')]);
      const run = await execa(process.execPath, [CLI, 'migrate', '.', '--resource', 'contoso', '--json'], {
        cwd: dir,
        reject: false,
        timeout: 60_000,
      });
      expect(run.exitCode, String(run.stderr)).toBe(0);
      const files = (JSON.parse(String(run.stdout)) as { files: { path: string; findings: { code: string }[] }[] })
        .files;
      expect(files.find((f) => f.path === 'package.json')?.findings).toMatchObject([{ code: 'AZM096' }]);
      const pipe = files.find((f) => f.path === 'src/pipe.ts');
      if (dir === plain) expect(pipe?.findings).toMatchObject([{ code: 'AZM096' }]);
      else expect(pipe).toBeUndefined();
    }
  }, 150_000);
});

describe('output', () => {
  it('| head -c1 and >/dev/full: no stack trace; a lost result is exit 1 and says so', async () => {
    const dir = await repo(3);
    const piped = await execa(
      'sh',
      ['-c', `"$0" "$1" migrate . --resource contoso | head -c1`, process.execPath, CLI],
      {
        cwd: dir,
        reject: false,
      },
    );
    expect(String(piped.stdout)).toBe('-');
    expect(String(piped.stderr)).not.toMatch(/^\s+at |Error:|EPIPE/m);
    expect(String(piped.stderr)).toContain('Dry run: nothing written.');
    for (const args of [[], ['--json']]) {
      const full = await execa(
        'sh',
        ['-c', `exec "$0" "$@" >/dev/full`, process.execPath, CLI, 'migrate', '.', '--resource', 'contoso', ...args],
        {
          cwd: dir,
          reject: false,
        },
      );
      expect(full.exitCode, String(full.stderr)).toBe(1);
      expect(String(full.stderr)).not.toMatch(/^\s+at |Unexpected error/m);
      expect(String(full.stderr)).toContain('the output could not be written to stdout (ENOSPC)');
    }
  });

  it('file names and contents never reach the terminal raw; --json escapes them; a newline in a name stays in the header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'azure-migrate-io-'));
    dirs.push(dir);
    await mkdir(join(dir, 'src'));
    const osc52 = '\u001b]52;c;SGVsbG8=\u0007';
    const osc2 = '\u001b]2;owned\u0007';
    // A name with OSC 2 and a line break; contents with OSC 52 raw on a changed line, an escaped ESC in a model
    // string (a finding quotes its value), a C1 CSI and a bidi override.
    await writeFile(
      join(dir, 'src', `evil${osc2}\nname.ts`),
      CLIENT.replace('process.env.OPENAI_API_KEY', `process.env.OPENAI_API_KEY /* ${osc52} */`),
    );
    await writeFile(
      join(dir, 'src', 'model.ts'),
      CLIENT.replace("'gpt-4o'", "'gpt-4o\\u001b]52;c;SGVsbG8=\\u0007\u009b31m\u202e'"),
    );
    await repo(0, dir);
    for (const args of [[], ['--json']]) {
      const run = await runCli(['migrate', '.', '--resource', 'contoso', ...args], { cwd: dir });
      expect(run.exitCode, describeRun(run)).toBe(0);
      const out = run.stdout + run.stderr;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be printed
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      if (args.length) {
        const report = JSON.parse(run.stdout) as Report & { files: { path: string; diff?: string }[] };
        expect(report.files.map((f) => f.path)).toContain(`src/evil${osc2}\nname.ts`);
        expect(run.stdout).toContain('\\u001b]2;owned\\u0007\\nname.ts');
      } else {
        expect(run.stdout).toContain('+++ "b/src/evil\\x1b]2;owned\\x07\\nname.ts"\n');
        expect(run.stdout).toContain('\\x1b]52;c;SGVsbG8=\\x07');
        expect(run.stderr).toContain('"src/evil\\x1b]2;owned\\x07\\nname.ts"');
      }
    }
  });
});
