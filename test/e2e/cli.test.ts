// The built CLI end to end, without installs: help, version, flags-only generation, every exit code, dry run, JSON.
import { lstat, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help.js';
import { type CliRun, describeRun, ROOT, runCli, tempDir } from '../helpers/cli.js';

const flags = ['--resource', 'contoso', '--deployment', 'gpt-4o-mini', '--no-install', '--no-git'];

function expectExit(run: CliRun, code: number): void {
  expect(run.exitCode, describeRun(run)).toBe(code);
}

/** Every file and folder below `dir`, sorted, for "nothing was written" checks. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.sort();
}

describe('help and version', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const run = await runCli(['--help'], { cwd: ROOT });
    expectExit(run, 0);
    expect(run.stdout).toBe(HELP);
    expect(run.stderr).toBe('');
  });

  it('-v prints the package version', async () => {
    const run = await runCli(['-v'], { cwd: ROOT });
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expectExit(run, 0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });

  it.each([
    ['--json', '--version'],
    ['-v', '--json'],
  ])('%s %s prints {"version": ...} and nothing else', async (...args) => {
    const run = await runCli(args, { cwd: ROOT });
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expectExit(run, 0);
    expect(JSON.parse(run.stdout)).toEqual({ version: pkg.version });
    expect(run.stderr).toBe('');
  });

  it.each([
    ['--json', '--help'],
    ['-h', '--json'],
  ])('%s %s prints the usage and the option table as JSON', async (...args) => {
    const run = await runCli(args, { cwd: ROOT });
    expectExit(run, 0);
    expect(run.stderr).toBe('');
    const help = JSON.parse(run.stdout) as {
      usage: string[];
      options: { flag: string; short?: string; value?: string; repeatable?: boolean; help: string }[];
    };
    expect(help.usage).toContain('create-azure-inference-app [directory] [options]');
    // The same flags as --help, each spelt as there, with its value and text.
    const spelt = help.options.map((o) => `${o.short ? `${o.short}, ` : ''}${o.flag}${o.value ? ` ${o.value}` : ''}`);
    const flat = HELP.replace(/\s+/g, ' ');
    for (const [i, spelling] of spelt.entries()) {
      expect(HELP).toContain(`\n  ${spelling} `);
      expect(flat).toContain(`${spelling} ${help.options[i]?.help}`);
    }
    expect(spelt).toHaveLength(HELP.match(/^ {2}-/gm)?.length ?? 0);
    expect(help.options.find((o) => o.flag === '--var')).toMatchObject({ value: '<name=value>', repeatable: true });
    expect(help.options.find((o) => o.flag === '--yes')).toMatchObject({ short: '-y' });
    expect(help.options.find((o) => o.flag === '--no-install')).not.toHaveProperty('value');
  });
});

describe('generation from flags', () => {
  it('writes the project, warns about the retired SDK and prints next steps', async () => {
    const cwd = await tempDir();
    const run = await runCli(['my-app', ...flags, '--sdk', 'azure-inference', '--os', 'all'], { cwd });
    expectExit(run, 0);
    expect((await tree(join(cwd, 'my-app'))).filter((p) => p !== '.git' && !p.startsWith('.git/'))).toEqual([
      '.env.example',
      '.gitattributes',
      '.gitignore',
      'README.md',
      'example.ts',
      'package.json',
      'setup-env.ps1',
      'setup-env.sh',
      'src',
      'src/chat.ts',
      'src/client.ts',
      'src/explain.ts',
      'src/functions.ts',
      'src/settings.ts',
      'stream.ts',
      'test',
      'test/chat.test.ts',
      'test/explain.test.ts',
      'test/fake-azure.ts',
      'tools.ts',
      'tsconfig.json',
    ]);
    expect(run.stderr).toMatch(/retired by Microsoft on 2026-08-26.*--sdk openai gives the supported path/);
    expect(run.stdout).toContain('Next steps:\n  cd my-app\n  npm install\n  source ./setup-env.sh');
    expect(run.stdout).toMatch(/npm start\n$/);
    // Piped output carries no escape codes.
    expect(run.stdout + run.stderr).not.toContain('\u001b[');
    const setup = await stat(join(cwd, 'my-app', 'setup-env.sh'));
    expect(setup.mode & 0o777).toBe(0o755);
  });

  it('does not warn about retirement for the openai flavour', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--sdk', 'openai'], { cwd });
    expectExit(run, 0);
    expect(run.stderr).not.toMatch(/retired/);
  });

  it('quotes a directory with spaces in the next steps', async () => {
    const cwd = await tempDir();
    const run = await runCli(["it's my app", ...flags], { cwd });
    expectExit(run, 0);
    expect(run.stdout).toContain(`cd 'it'\\''s my app'`);
    expect(JSON.parse(await readFile(join(cwd, "it's my app", 'package.json'), 'utf8')).name).toBe('it-s-my-app');
  });

  it('says what it dropped from a pasted Target URI', async () => {
    const cwd = await tempDir();
    const run = await runCli(
      [
        'app',
        '--endpoint',
        'https://contoso.openai.azure.com/openai/deployments/gpt-4.1/chat/completions?api-version=2025-01-01-preview',
        '--no-install',
        '--no-git',
      ],
      { cwd },
    );
    expectExit(run, 0);
    expect(run.stderr).toContain('--endpoint: dropped the /chat/completions suffix');
    // The openai flavour (the default) takes the v1 base of the same resource, and the deployment from the URL.
    const script = await readFile(join(cwd, 'app', 'setup-env.sh'), 'utf8');
    expect(script).toContain("export AZURE_OPENAI_CHAT_ENDPOINT='https://contoso.openai.azure.com/openai/v1/'");
    expect(script).toContain("export AZURE_OPENAI_CHAT_DEPLOYMENT='gpt-4.1'");
  });

  it('uses placeholders with --yes and says so', async () => {
    const cwd = await tempDir();
    const run = await runCli(['--yes', '--no-install', '--no-git'], { cwd });
    expectExit(run, 0);
    expect(run.stderr).toContain(
      "No --resource (<your-resource-name>) or --deployment (<your-deployment-name>): the project uses the guide's placeholder.",
    );
    expect(run.stdout).toContain('# replace <your-resource-name> and <your-deployment-name> in setup-env.sh');
    expect(await readFile(join(cwd, 'azure-inference-app', '.env.example'), 'utf8')).toContain(
      "AZURE_OPENAI_CHAT_ENDPOINT='https://<your-resource-name>.openai.azure.com/openai/v1/'",
    );
  });

  it('makes a git repository with a first commit by default', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--no-install'], { cwd });
    expectExit(run, 0);
    const { execa } = await import('execa');
    const log = await execa('git', ['log', '--format=%s'], { cwd: join(cwd, 'app') });
    expect(log.stdout).toBe('Initial commit from create-azure-inference-app');
    const status = await execa('git', ['status', '--porcelain'], { cwd: join(cwd, 'app') });
    expect(status.stdout).toBe('');
  });

  it('does not make a repository inside an existing one', async () => {
    const cwd = await tempDir();
    const { execa } = await import('execa');
    await execa('git', ['init', '--quiet'], { cwd });
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--no-install'], { cwd });
    expectExit(run, 0);
    await expect(lstat(join(cwd, 'app', '.git'))).rejects.toThrow(/ENOENT/);
  });
});

describe('a directory whose path runs through a file', () => {
  it('is exit 2 with the reason, and nothing is written', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'afile'), 'mine\n');
    const run = await runCli(['afile/sub', '--yes', '--no-install', '--no-git', '--json'], { cwd });
    expectExit(run, 2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, exitCode: 2 });
    expect(run.stderr).toContain('a folder on the way there is a file');
    expect(await tree(cwd)).toEqual(['afile']);
  });
});

describe('usage errors: exit 2, nothing written', () => {
  it.each([
    [['app', '--resource', 'bad_name', '--deployment', 'd'], '--resource "bad_name": use 2-64 letters'],
    [['app', '--resource', 'c', '--deployment', 'd'], '--resource "c": use 2-64 letters'],
    [['app', '--resource', 'contoso', '--deployment', 'gpt 4'], '--deployment "gpt 4": use 1-64 letters'],
    [['app', '--yes', '--sdk', 'python'], '--sdk "python": use one of: azure-inference, openai'],
    [['app', '--yes', '--auth', 'password'], '--auth "password": use one of: key, entra'],
    [['app', '--yes', '--os', 'beos'], '--os "beos": use one of: windows, linux, macos, all'],
    [['app', '--yes', '--package-manager', 'cargo'], '--package-manager "cargo": use one of: npm, pnpm, yarn, bun'],
    [
      ['app', '--yes', '--sdk', 'azure-inference', '--api-version', 'latest'],
      '--api-version "latest": use a date as YYYY-MM-DD',
    ],
    [
      ['app', '--yes', '--endpoint', 'http://x.openai.azure.com'],
      '--endpoint "http://x.openai.azure.com": must start with https://',
    ],
    [['con', '--yes'], '[directory] "con": the folder name must not be "con", a reserved file name on Windows'],
    [['app', '--yes', '--resrouce', 'x'], 'Unknown option --resrouce. Did you mean --resource?'],
    [[], 'Missing [directory], --resource, --deployment. There is no terminal to ask in'],
    [['app'], 'Missing --resource, --deployment.'],
  ])('%j', async (args, message) => {
    const cwd = await tempDir();
    const run = await runCli(args, { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('--help');
    expect(run.stderr).toMatch(/\nRun create-azure-inference-app --help for the options\.\n$/);
    expect(run.stdout).toBe('');
    expect(await tree(cwd)).toEqual([]);
  });

  it('refuses a non-empty directory without --overwrite and leaves it as it was', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', 'README.md'), 'mine');
    const run = await runCli(['app', ...flags], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toMatch(/is not empty\. Choose another directory, or pass --overwrite/);
    expect(await tree(cwd)).toEqual(['app', 'app/README.md']);
    expect(await readFile(join(cwd, 'app', 'README.md'), 'utf8')).toBe('mine');
  });

  it('with --overwrite replaces only the files it writes', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', 'README.md'), 'mine');
    await writeFile(join(cwd, 'app', 'notes.txt'), 'keep me');
    const run = await runCli(['app', ...flags, '--overwrite'], { cwd });
    expectExit(run, 0);
    expect(await readFile(join(cwd, 'app', 'notes.txt'), 'utf8')).toBe('keep me');
    expect(await readFile(join(cwd, 'app', 'README.md'), 'utf8')).toMatch(/^# app\n/);
    expect((await readdir(cwd)).sort()).toEqual(['app']);
  });
});

describe('--dry-run and --json', () => {
  it('--dry-run writes and runs nothing and lists the plan', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--dry-run'], { cwd });
    expectExit(run, 0);
    expect(run.stdout).toContain('Dry run: nothing was written or run.');
    expect(run.stdout).toMatch(/ {2}example\.ts \(\d+ bytes\)/);
    expect(run.stdout).toContain('  npm install\n');
    expect(run.stdout).toContain('  git init --quiet   (git is installed and the folder is not in a repository)');
    expect(await tree(cwd)).toEqual([]);
  });

  it('--json prints one result object on stdout and human text on stderr', async () => {
    const cwd = await tempDir();
    // --node 24: the current pins, so no warning about the pin set; only, on a Node.js without type stripping, that
    // the project cannot run on the Node.js running the tests.
    const run = await runCli(['app', ...flags, '--sdk', 'openai', '--node', '24', '--json', '--os', 'windows'], {
      cwd,
    });
    expectExit(run, 0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      ok: true,
      directory: join(cwd, 'app'),
      dryRun: false,
      commands: [
        { command: 'npm install', status: 'skipped', note: '--no-install' },
        { command: 'git init --quiet', status: 'skipped', note: 'not asked for' },
        { command: 'git add --all', status: 'skipped' },
        { command: "git commit --quiet --message 'Initial commit from create-azure-inference-app'", status: 'skipped' },
      ],
      nextSteps: ['cd app', 'npm install', '.\\setup-env.ps1   # asks for the API key', 'npm start'],
    });
    const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
    const stripsTypes = major > 22 || (major === 22 && minor >= 18);
    expect(result.warnings).toEqual(
      stripsTypes ? [] : [expect.stringContaining('--node 24: the project is made for Node.js 24')],
    );
    expect(result.files.map((f: { path: string }) => f.path)).toContain('setup-env.ps1');
    expect(run.stderr).toContain('Created 21 files');
  });

  it('--json reports a usage error as an object too, with exit 2', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', '--json', '--resource', 'x_'], { cwd });
    expectExit(run, 2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      exitCode: 2,
      error: expect.stringContaining('--resource'),
    });
  });
});

describe('run-time failures: exit 1, project kept, retry printed', () => {
  it('a failing install keeps the project and prints how to finish', async () => {
    const cwd = await tempDir();
    const bin = join(cwd, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'npm'), '#!/bin/sh\necho "npm ERR! simulated failure" >&2\nexit 7\n', { mode: 0o755 });
    const run = await runCli(['my app', '--resource', 'contoso', '--deployment', 'd', '--no-git'], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}` },
    });
    expectExit(run, 1);
    expect(run.stderr).toContain('npm ERR! simulated failure');
    expect(run.stderr).toContain('Installing dependencies failed: npm exited with code 7.');
    expect(run.stderr).toContain("To finish, run:\n  cd 'my app' && npm install");
    expect(await tree(join(cwd, 'my app'))).toContain('example.ts');
  });

  it('a template that cannot be downloaded: exit 1, nothing written, the command to run again', async () => {
    const cwd = await tempDir();
    const source = 'https://127.0.0.1:9/team.tar.gz?token=SECRET-6';
    const argv = ['my app', '--resource', 'contoso', '--deployment', 'd', '--no-git', '--template', source];
    const again = `npm create azure-inference-app@latest -- 'my app' --resource contoso --deployment d --no-git --template 'https://127.0.0.1:9/team.tar.gz?token=REDACTED'`;
    const run = await runCli(argv, { cwd });
    expectExit(run, 1);
    expect(run.stderr).toContain('Could not download the template https://127.0.0.1:9/team.tar.gz?token=REDACTED:');
    expect(run.stderr).toContain(`Nothing was written. To try again, run:\n  ${again}\n`);
    expect(run.stderr).not.toContain('--help');
    const json = await runCli([...argv, '--json'], { cwd });
    expectExit(json, 1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 1, retry: again });
    expect(run.stdout + run.stderr + json.stdout + json.stderr).not.toContain('SECRET-6');
    expect(await tree(cwd)).toEqual([]);
  });

  it('with a --var, a failed download prints no command: the variable may be a secret, never printed', async () => {
    const cwd = await tempDir();
    const argv = ['app', '--yes', '--template', 'https://127.0.0.1:9/team.tar.gz', '--var', 'token=tk-SECRET-7'];
    const run = await runCli([...argv, '--json'], { cwd });
    expectExit(run, 1);
    expect(JSON.parse(run.stdout)).not.toHaveProperty('retry');
    expect(run.stdout + run.stderr).not.toContain('tk-SECRET-7');
    expect(await tree(cwd)).toEqual([]);
  });

  it('a missing package manager is exit 1 with the retry command', async () => {
    const cwd = await tempDir();
    const run = await runCli(
      ['app', '--resource', 'contoso', '--deployment', 'd', '--no-git', '--package-manager', 'bun'],
      {
        cwd,
        env: { PATH: '/nonexistent' },
      },
    );
    expectExit(run, 1);
    expect(run.stderr).toContain('bun was not found on PATH');
    expect(run.stderr).toContain('cd app && bun install');
  });

  it('--git without git is exit 1 and keeps the project', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags.filter((f) => f !== '--no-git'), '--git'], {
      cwd,
      env: { PATH: '/nonexistent' },
    });
    expectExit(run, 1);
    expect(run.stderr).toContain('git was not found on PATH');
    expect(await tree(join(cwd, 'app'))).toContain('package.json');
  });

  it('automatic git without git is skipped quietly', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--no-install', '--json'], {
      cwd,
      env: { PATH: '/nonexistent' },
    });
    expectExit(run, 0);
    expect(JSON.parse(run.stdout).commands[1]).toMatchObject({
      command: 'git init --quiet',
      status: 'skipped',
      note: 'git is not installed',
    });
  });
});

describe('the API key', () => {
  const key = 'k3y-From-Portal-0123456789';

  it('--api-key-stdin saves it to .env (0600, git-ignored) and nowhere else, and never prints it', async () => {
    const cwd = await tempDir();
    const run = await runCli(
      ['app', '--resource', 'contoso', '--deployment', 'd', '--no-install', '--api-key-stdin', '--json'],
      {
        cwd,
        input: `${key}\n`,
      },
    );
    expectExit(run, 0);
    expect(run.stdout + run.stderr).not.toContain(key);
    const dir = join(cwd, 'app');
    expect(await readFile(join(dir, '.env'), 'utf8')).toContain(`AZURE_OPENAI_CHAT_KEY='${key}'`);
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    const { execa } = await import('execa');
    await expect(execa('git', ['check-ignore', '.env'], { cwd: dir })).resolves.toMatchObject({ stdout: '.env' });
    const tracked = await execa('git', ['grep', '-l', key], { cwd: dir, reject: false });
    expect(tracked.stdout).toBe('');
    // With the key and endpoint in .env there is nothing to set up before running.
    expect(JSON.parse(run.stdout).nextSteps).toEqual(['cd app', 'npm install', 'npm start']);
  });

  it('AZURE_OPENAI_CHAT_KEY in the environment is saved the same way, with a note', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--no-install', '--no-git'], {
      cwd,
      env: { AZURE_OPENAI_CHAT_KEY: key },
    });
    expectExit(run, 0);
    expect(run.stdout + run.stderr).toContain('The API key from AZURE_OPENAI_CHAT_KEY is saved in .env');
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(await readFile(join(cwd, 'app', '.env'), 'utf8')).toContain(key);
  });

  it('a key .env cannot hold is exit 2, without showing it, and nothing is written', async () => {
    const cwd = await tempDir();
    const bad = "k3y'with-quote";
    const run = await runCli(['app', '--yes', '--api-key-stdin'], { cwd, input: bad });
    expectExit(run, 2);
    expect(run.stderr).toContain(
      "The API key from --api-key-stdin: must be 1-512 printable ASCII characters without spaces or single quotes (' would end the value in .env)",
    );
    expect(run.stdout + run.stderr).not.toContain(bad);
    expect(await tree(cwd)).toEqual([]);
  });

  it('a key with double quotes and backticks is taken: the project reads it back exactly from .env', async () => {
    // Only the single quote is refused: .env holds the key between single quotes, where " and ` are plain characters.
    const cwd = await tempDir();
    const odd = 'k3y"with`quotes"#$HOME\\';
    const run = await runCli(['app', '--yes', '--no-install', '--no-git', '--api-key-stdin'], { cwd, input: odd });
    expectExit(run, 0);
    expect(run.stdout + run.stderr).not.toContain(odd);
    // As the generated src/settings.ts loads it: process.loadEnvFile().
    const { execa } = await import('execa');
    const read = await execa(
      process.execPath,
      ['-e', 'process.loadEnvFile(); process.stdout.write(process.env.AZURE_OPENAI_CHAT_KEY)'],
      { cwd: join(cwd, 'app'), env: { AZURE_OPENAI_CHAT_KEY: undefined }, extendEnv: true },
    );
    expect(read.stdout).toBe(odd);
  });

  it('--api-key-stdin with Entra ID is exit 2', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', '--yes', '--auth', 'entra', '--api-key-stdin'], { cwd, input: key });
    expectExit(run, 2);
    expect(run.stderr).toContain('--api-key-stdin goes with --auth key');
  });

  it('is kept out of the install environment and command line', async () => {
    const cwd = await tempDir();
    const bin = join(cwd, 'bin');
    await mkdir(bin);
    await writeFile(
      join(bin, 'npm'),
      `#!/bin/sh\nenv > "${join(cwd, 'install-env.txt')}"\necho "$0 $*" >> "${join(cwd, 'install-env.txt')}"\n`,
      {
        mode: 0o755,
      },
    );
    const run = await runCli(['app', '--resource', 'contoso', '--deployment', 'd', '--no-git'], {
      cwd,
      env: { PATH: `${bin}:${process.env.PATH}`, AZURE_OPENAI_CHAT_KEY: key, SOME_OTHER_SECRET: 'x-secret' },
    });
    expectExit(run, 0);
    const seen = await readFile(join(cwd, 'install-env.txt'), 'utf8');
    expect(seen).toContain('PATH=');
    expect(seen).not.toContain(key);
    expect(seen).not.toContain('x-secret');
  });
});

describe('colour', () => {
  it('FORCE_COLOR colours piped output; NO_COLOR wins over it', async () => {
    const forced = await runCli(['app', ...flags, '--dry-run'], { cwd: await tempDir(), env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[');
    const plain = await runCli(['app', ...flags, '--dry-run'], {
      cwd: await tempDir(),
      env: { FORCE_COLOR: '1', NO_COLOR: '1' },
    });
    expect(plain.stdout + plain.stderr).not.toContain('\u001b[');
  });
});
