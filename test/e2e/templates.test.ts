// Custom templates through the built CLI: the with-logging example over the built-in flavour, a standalone template,
// template variables (--var), everything a template may not do (exit 2, nothing written, the template untouched), and
// remote templates fetched with giget from a local HTTPS server (and leaving nothing behind).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliRun, describeRun, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { needs } from '../helpers/system-tools.js';
import {
  makeTarball,
  startTarballServer,
  type TarballServer,
  type TarEntry,
  tarGz,
} from '../helpers/tarball-server.js';

const execFileAsync = promisify(execFile);

const EXAMPLE = join(ROOT, 'examples', 'templates', 'with-logging');
// The built-in flavour these tests lay templates over: the guide's (its README also carries the replay command).
const flags = [
  '--sdk',
  'azure-inference',
  '--resource',
  'contoso',
  '--deployment',
  'd',
  '--model',
  'gpt-4.1',
  '--os',
  'linux',
  '--no-install',
  '--no-git',
];
const USAGE_HINT = /\nRun create-azure-inference-app --help for the options\.\n$/;

/** What the built-in azure-inference flavour writes for Linux. */
const BUILT_IN = [
  '.env.example',
  '.gitattributes',
  '.gitignore',
  'README.md',
  'example.ts',
  'package.json',
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
];
/** The with-logging example over it. */
const WITH_LOGGING = [...BUILT_IN, 'docs', 'docs/logging.md', 'logger.ts'].sort();

function expectExit(run: CliRun, code: number): void {
  expect(run.exitCode, describeRun(run)).toBe(code);
}

/** Every file and folder below `dir`, sorted. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

/** Writes `files` (relative path -> contents) below a fresh folder and returns it. */
async function makeTemplate(files: Record<string, string | Buffer>, root?: string): Promise<string> {
  const dir = root ?? join(await tempDir('caia-tpl-'), 'template');
  await mkdir(dir, { recursive: true });
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
  return dir;
}

/** Everything about a folder a run could change: each entry's kind, mode, size, mtime and (for files) contents. */
async function snapshot(dir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const path of await tree(dir)) {
    const stats = await lstat(join(dir, path));
    const kind = stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'link' : 'other';
    // Only regular files are read: reading a FIFO would block.
    const contents = kind === 'file' ? (await readFile(join(dir, path))).toString('base64') : '';
    lines.push(`${path} ${kind} ${stats.mode.toString(8)} ${stats.size} ${stats.mtimeMs} ${contents}`);
  }
  return lines;
}

describe('the with-logging example over the built-in flavour', () => {
  it('adds logger.ts and docs with the --var values, replaces .env.example and keeps every built-in file', async () => {
    const cwd = await tempDir();
    const run = await runCli(
      ['app', ...flags, '--template', EXAMPLE, '--var', 'serviceName=billing-bot', '--var', 'team=Payments'],
      { cwd },
    );
    expectExit(run, 0);
    expect(run.stdout).toContain('Created 20 files');
    const app = join(cwd, 'app');
    expect(await tree(app)).toEqual(WITH_LOGGING);

    const logger = await readFile(join(app, 'logger.ts'), 'utf8');
    expect(logger).toContain('// Structured logs for app: one JSON object a line on stderr');
    expect(logger).toContain('const service = "billing-bot";');
    expect(logger).not.toContain('{{');

    expect(await readFile(join(app, 'docs', 'logging.md'), 'utf8')).toBe(
      [
        '# Logging in app',
        '',
        '`logger.ts` writes one JSON object a line to stderr, tagged with the service name `billing-bot`.',
        'Set `LOG_LEVEL` (debug, info, warn, error) in `.env` or the environment.',
        '',
        'Owned by Payments.',
        '',
      ].join('\n'),
    );

    // The template's .env.example replaced the built-in one: same endpoint line, plus LOG_LEVEL.
    const envExample = await readFile(join(app, '.env.example'), 'utf8');
    expect(envExample).toContain("AZURE_OPENAI_CHAT_ENDPOINT='https://contoso.openai.azure.com/openai/deployments/d'");
    expect(envExample).toContain('AZURE_OPENAI_CHAT_KEY=\n');
    expect(envExample).toMatch(/# debug, info, warn or error \(see logger\.ts\)\.\nLOG_LEVEL=info\n$/);

    // The built-in files the template does not replace are exactly what a run without it writes.
    const plainCwd = await tempDir();
    expectExit(await runCli(['app', ...flags], { cwd: plainCwd }), 0);
    expect(await readFile(join(plainCwd, 'app', '.env.example'), 'utf8')).not.toContain('LOG_LEVEL');
    for (const file of BUILT_IN.filter((f) => !['.env.example', 'README.md', 'src', 'test'].includes(f))) {
      expect(await readFile(join(app, file), 'utf8'), file).toBe(await readFile(join(plainCwd, 'app', file), 'utf8'));
    }
    // The README's command for the openai flavour carries the template and its variables.
    expect(await readFile(join(app, 'README.md'), 'utf8')).toContain(
      `--template ${EXAMPLE} --var serviceName=billing-bot --var team=Payments`,
    );

    // logger.ts type-checks on its own, strictly, with Node's types.
    const tsc = await execFileAsync(
      join(ROOT, 'node_modules', '.bin', 'tsc'),
      [
        'logger.ts',
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        join(ROOT, 'node_modules', '@types'),
      ],
      { cwd: app },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => ({
      stdout: `tsc failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
      stderr: '',
    }));
    expect(tsc.stdout + tsc.stderr).toBe('');
  });

  it('uses the default service name without --var serviceName, and leaves out the optional team', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', EXAMPLE], { cwd });
    expectExit(run, 0);
    const app = join(cwd, 'app');
    expect(await tree(app)).toEqual(WITH_LOGGING);
    expect(await readFile(join(app, 'logger.ts'), 'utf8')).toContain('const service = "chat-app";');
    const docs = await readFile(join(app, 'docs', 'logging.md'), 'utf8');
    expect(docs).toContain('tagged with the service name `chat-app`.');
    expect(docs).not.toContain('Owned by');
  });
});

describe('a standalone template ("extends": false)', () => {
  const files = {
    'template.json': JSON.stringify({ name: 'hello', extends: false, variables: [{ name: 'x', prompt: 'X?' }] }),
    '_shared/hello.ts.hbs': 'export const hello = {{ts vars.x}};\n',
    'openai/only-openai.txt': 'for the openai flavour only\n',
  };

  it('writes only its own files and the package.json', async () => {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template, '--var', "x=it's $HOME"], { cwd });
    expectExit(run, 0);
    expect(await tree(join(cwd, 'app'))).toEqual(['hello.ts', 'package.json']);
    expect(await readFile(join(cwd, 'app', 'hello.ts'), 'utf8')).toBe(`export const hello = "it's $HOME";\n`);
    expect(JSON.parse(await readFile(join(cwd, 'app', 'package.json'), 'utf8'))).toMatchObject({ name: 'app' });
  });

  it('adds the SDK layer with --sdk openai', async () => {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags.slice(2), '--sdk', 'openai', '--template', template, '--var', 'x=1'], {
      cwd,
    });
    expectExit(run, 0);
    expect(await tree(join(cwd, 'app'))).toEqual(['hello.ts', 'only-openai.txt', 'package.json']);
    expect(await readFile(join(cwd, 'app', 'only-openai.txt'), 'utf8')).toBe('for the openai flavour only\n');
    expect(await readFile(join(cwd, 'app', 'hello.ts'), 'utf8')).toBe('export const hello = "1";\n');
  });

  it('prints next steps that name only files the project has', async () => {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template, '--var', 'x=1'], { cwd });
    expectExit(run, 0);
    const written = await tree(join(cwd, 'app'));
    for (const script of ['setup-env.sh', 'setup-env.ps1']) {
      if (!written.includes(script)) expect(run.stdout, `next steps mention ${script}`).not.toContain(script);
    }
  });
});

describe('template variables', () => {
  const SECRET = 'tk-s3cr3tvalue42';
  const manifest = {
    extends: false,
    variables: [
      { name: 'owner', prompt: 'Owner' },
      { name: 'region', prompt: 'Region', default: 'eu', pattern: '[a-z]{2}' },
      { name: 'token', prompt: 'Token', secret: true, required: false, pattern: 'tk-[a-z0-9]+' },
    ],
  };
  const files = {
    'template.json': JSON.stringify(manifest),
    '_shared/vars.txt.hbs': 'owner={{vars.owner}}\nregion={{vars.region}}\n',
    '_shared/token.txt.hbs': '{{#if vars.token}}token={{vars.token}}{{/if}}',
  };

  async function usageError(args: string[]): Promise<CliRun> {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template, ...args], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toMatch(USAGE_HINT);
    expect(await tree(cwd)).toEqual([]);
    return run;
  }

  it('a required variable without a default and no --var, without a terminal, is exit 2 naming it', async () => {
    const run = await usageError([]);
    expect(run.stderr).toContain('Missing --var owner=.... There is no terminal to ask in: pass it');
    // Optional and defaulted variables are not reported.
    expect(run.stderr).not.toContain('--var region');
    expect(run.stderr).not.toContain('--var token');
  });

  it('with --yes too, and then the error does not suggest --yes', async () => {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    const run = await runCli(['app', '--yes', '--no-install', '--no-git', '--template', template], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain('--var owner=...');
    // --yes was given and does not fill a required variable: suggesting it sends the user in a circle.
    expect(run.stderr).not.toContain('or --yes to use defaults');
    expect(await tree(cwd)).toEqual([]);
  });

  it('an undeclared --var is exit 2 listing the declared names', async () => {
    const run = await usageError(['--var', 'owner=me', '--var', 'nope=1']);
    expect(run.stderr).toContain('--var nope: the template declares no such variable (it has: owner, region, token)');
  });

  it('--var without --template is exit 2', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--var', 'x=1'], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain('--var x: goes with --template');
    expect(await tree(cwd)).toEqual([]);
  });

  it('--var without = is exit 2', async () => {
    const run = await usageError(['--var', 'owner']);
    expect(run.stderr).toContain('--var "owner": write it as name=value');
  });

  it('a value that does not match the pattern is exit 2 naming the variable and the pattern', async () => {
    const run = await usageError(['--var', 'owner=me', '--var', 'region=EUR']);
    expect(run.stderr).toContain('--var region: must match [a-z]{2}');
  });

  it('an invalid secret value is refused without being shown, also in --json', async () => {
    const bad = 'NOT-a-valid-Secret-9876';
    const run = await usageError(['--var', 'owner=me', '--var', `token=${bad}`]);
    expect(run.stderr).toContain('--var token: must match tk-[a-z0-9]+');
    expect(run.stdout + run.stderr).not.toContain(bad);

    const json = await usageError(['--var', 'owner=me', '--var', `token=${bad}`, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      exitCode: 2,
      error: '--var token: must match tk-[a-z0-9]+',
    });
    expect(json.stdout + json.stderr).not.toContain(bad);
  });

  it('a secret reaches only the file that uses it: not the output, the --json result or the replay command', async () => {
    // Over the built-in flavour, so the README holds the replay command (for the openai flavour).
    const template = await makeTemplate({ ...files, 'template.json': JSON.stringify({ ...manifest, extends: true }) });
    const cwd = await tempDir();
    const run = await runCli(
      ['app', ...flags, '--template', template, '--var', 'owner=me', '--var', `token=${SECRET}`, '--json'],
      { cwd },
    );
    expectExit(run, 0);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    const result = JSON.parse(run.stdout);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain(SECRET);

    const app = join(cwd, 'app');
    expect(await readFile(join(app, 'token.txt'), 'utf8')).toBe(`token=${SECRET}`);
    const readme = await readFile(join(app, 'README.md'), 'utf8');
    expect(readme).toContain(`--template ${template} --var owner=me --var region=eu`);
    expect(readme).not.toContain('--var token');
    const holding: string[] = [];
    for (const path of await tree(app)) {
      if ((await lstat(join(app, path))).isFile() && (await readFile(join(app, path), 'utf8')).includes(SECRET)) {
        holding.push(path);
      }
    }
    expect(holding).toEqual(['token.txt']);
  });

  it('keeps everything after the first = of --var as the value', async () => {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    const run = await runCli(
      ['app', ...flags, '--template', template, '--var', 'owner=a=b==c&d=', '--var', 'region='],
      {
        cwd,
      },
    );
    // region= is the empty value, which a required variable refuses.
    expectExit(run, 2);
    expect(run.stderr).toContain('--var region: is required');

    const ok = await runCli(['app', ...flags, '--template', template, '--var', 'owner=a=b==c&d='], { cwd });
    expectExit(ok, 0);
    expect(await readFile(join(cwd, 'app', 'vars.txt'), 'utf8')).toBe('owner=a=b==c&d=\nregion=eu\n');
    // An optional secret left out renders to nothing, so its file is not written.
    expect(await tree(join(cwd, 'app'))).toEqual(['package.json', 'vars.txt']);
  });
});

describe('refused templates: exit 2, nothing written, the template untouched', () => {
  interface Case {
    readonly name: string;
    /** Builds the template in `dir` (which does not exist yet). */
    readonly make: (dir: string) => Promise<unknown>;
    readonly message: string;
  }
  const hbs = (source: string) => (dir: string) => makeTemplate({ '_shared/x.txt.hbs': source }, dir);
  const cases: Case[] = [
    {
      name: 'a symbolic link',
      make: async (dir) => {
        await makeTemplate({ '_shared/real.txt': 'real\n' }, dir);
        await symlink('real.txt', join(dir, '_shared', 'link.txt'));
      },
      message: '--template: _shared/link.txt is a symbolic link; a template may hold only files and folders',
    },
    {
      name: 'a symbolic link to a folder outside',
      make: async (dir) => {
        await makeTemplate({ '_shared/real.txt': 'real\n' }, dir);
        await symlink('/etc', join(dir, '_shared', 'etc'));
      },
      message: '--template: _shared/etc is a symbolic link',
    },
    {
      name: 'a FIFO',
      make: async (dir) => {
        await makeTemplate({ '_shared/real.txt': 'real\n' }, dir);
        await execFileAsync('mkfifo', [join(dir, '_shared', 'pipe')]);
      },
      message: '--template: _shared/pipe is not a file or folder',
    },
    {
      name: 'a file over 1 MiB',
      make: (dir) => makeTemplate({ 'openai/big.bin': Buffer.alloc(1024 * 1024 + 1) }, dir),
      message: '--template: openai/big.bin is larger than 1024 KiB',
    },
    {
      name: 'more than 500 files',
      make: (dir) =>
        makeTemplate(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`_shared/many/f${i}.txt`, 'x'])), dir),
      message: 'is one file too many: a template may hold at most 500',
    },
    {
      name: 'a file named con.txt',
      make: (dir) => makeTemplate({ '_shared/con.txt': 'x' }, dir),
      message: '--template: _shared/con.txt has a name that must not be "con.txt", a reserved file name on Windows',
    },
    {
      name: 'a file named a:b.txt',
      make: (dir) => makeTemplate({ '_shared/a:b.txt': 'x' }, dir),
      message: '--template: _shared/a:b.txt has a name that must not contain < > : " | ? * \\ / or control characters',
    },
    {
      name: '_shared/package.json',
      make: (dir) => makeTemplate({ '_shared/package.json': '{"name":"mine"}\n' }, dir),
      message: '--template: package.json is written by the generator itself',
    },
    {
      name: '_shared/package.json.hbs',
      make: (dir) => makeTemplate({ '_shared/package.json.hbs': '{"name":"{{projectName}}"}\n' }, dir),
      message: '--template: package.json is written by the generator itself',
    },
    {
      name: '_shared/.env',
      make: (dir) => makeTemplate({ '_shared/.env': 'AZURE_OPENAI_CHAT_KEY=x\n' }, dir),
      message: '--template: .env is written by the generator itself',
    },
    {
      name: '_shared/.git/config',
      make: (dir) => makeTemplate({ '_shared/.git/config': '[core]\n' }, dir),
      message: '--template: .git/config: may not write into .git/',
    },
    {
      name: '_shared/.GIT/config (what .git is on macOS and Windows)',
      make: (dir) => makeTemplate({ '_shared/.GIT/config': '[core]\n' }, dir),
      message: '--template: .GIT/config: may not write into .GIT/',
    },
    {
      name: '_shared/Package.json',
      make: (dir) => makeTemplate({ '_shared/Package.json': '{}' }, dir),
      message: '--template: Package.json is written by the generator itself',
    },
    {
      name: 'azure-inference/node_modules/x/index.js',
      make: (dir) => makeTemplate({ 'azure-inference/node_modules/x/index.js': '' }, dir),
      message: '--template: node_modules/x/index.js: may not write into node_modules/',
    },
    {
      name: 'an unknown helper {{shout projectName}}',
      make: hbs('{{shout projectName}}\n'),
      message: 'x.txt.hbs: You specified knownHelpersOnly, but used the unknown helper shout',
    },
    {
      name: 'a missing variable {{nope}}',
      make: hbs('hello {{nope}}\n'),
      message: 'x.txt.hbs: "nope" not defined',
    },
    {
      name: 'a missing template variable {{vars.nope}}',
      make: hbs('hello {{vars.nope}}\n'),
      message: 'x.txt.hbs: "nope" not defined',
    },
    {
      name: 'prototype access {{constructor.name}}',
      make: hbs('{{constructor.name}}\n'),
      message: 'x.txt.hbs: "name" not defined',
    },
    {
      name: 'a helper given the wrong argument {{ts versions}}',
      make: hbs('{{ts versions}}\n'),
      message: 'x.txt.hbs: {{ts}} takes one string value, got object',
    },
    {
      // Each level calls the one below twice: 22 levels wrote a 168 MB file from these 1.4 KB.
      name: 'inline partials that double their output at each level',
      make: hbs(
        `{{#*inline "p0"}}${'x'.repeat(40)}{{/inline}}\n${Array.from({ length: 22 }, (_, i) => `{{#*inline "p${i + 1}"}}{{> p${i}}}{{> p${i}}}{{/inline}}`).join('\n')}\n{{> p22}}\n`,
      ),
      message:
        'x.txt.hbs: partials and decorators ({{> name}}, {{#*inline}}) are not supported (line 1): write their text where it is used',
    },
    {
      name: 'a partial call {{> ../secret}}',
      make: hbs('hello\n{{> ../secret}}\n'),
      message: 'x.txt.hbs: partials and decorators ({{> name}}, {{#*inline}}) are not supported (line 2)',
    },
    {
      name: 'template.json that is not JSON',
      make: (dir) => makeTemplate({ 'template.json': '{ "name": "x", }', '_shared/a.txt': 'a' }, dir),
      message: 'template.json: not valid JSON',
    },
    {
      name: 'template.json with an unknown field',
      make: (dir) => makeTemplate({ 'template.json': '{ "name": "x", "colour": "red" }', '_shared/a.txt': 'a' }, dir),
      message: 'template.json: colour: is not a known field',
    },
    {
      name: 'template.json with a bad variable',
      make: (dir) =>
        makeTemplate({ 'template.json': JSON.stringify({ variables: [{ name: 'a b', prompt: 'A' }] }) }, dir),
      message: 'template.json: variables[0].name: must be a letter then letters, digits or _ (at most 64)',
    },
  ];

  it.each(cases)('$name', async ({ make, message }) => {
    const work = await tempDir('caia-refuse-');
    const template = join(work, 'template');
    await make(template);
    const before = await snapshot(template);
    const cwd = join(work, 'cwd');
    await mkdir(cwd);
    const run = await runCli(['app', ...flags, '--template', template], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(USAGE_HINT);
    expect(run.stdout).toBe('');
    expect(await tree(cwd)).toEqual([]);
    expect(await snapshot(template)).toEqual(before);
  });

  it('--template pointing to a missing folder', async () => {
    const work = await tempDir('caia-refuse-');
    const cwd = join(work, 'cwd');
    await mkdir(cwd);
    const run = await runCli(['app', ...flags, '--template', '../no-such-template'], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain(
      '--template ../no-such-template: no such folder (give a folder, github:org/repo/path, or an https tarball URL)',
    );
    expect(await tree(work)).toEqual(['cwd']);
  });

  it('--template pointing to a file', async () => {
    const work = await tempDir('caia-refuse-');
    await writeFile(join(work, 'template.json'), '{}');
    const cwd = join(work, 'cwd');
    await mkdir(cwd);
    const run = await runCli(['app', ...flags, '--template', '../template.json'], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain('--template ../template.json: no such folder');
    expect(await tree(cwd)).toEqual([]);
  });

  it('--template with a plain http URL', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', 'http://127.0.0.1:9/t.tar.gz'], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain('--template: a URL must start with https://');
    expect(await tree(cwd)).toEqual([]);
  });
});

describe('what a template can reach', () => {
  it('prototype properties render as nothing: no constructor or prototype text leaks', async () => {
    const template = await makeTemplate({
      '_shared/proto.txt.hbs':
        '[{{constructor}}][{{__proto__}}][{{lookup this "constructor"}}][{{vars.constructor}}]\n',
    });
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template], { cwd });
    expectExit(run, 0);
    const text = await readFile(join(cwd, 'app', 'proto.txt'), 'utf8');
    expect(text).toBe('[][][][]\n');
    expect(text).not.toMatch(/Function|Object|native code/);
  });

  it('a file of exactly 1 MiB is accepted and copied byte for byte', async () => {
    const bytes = Buffer.alloc(1024 * 1024, 0xab);
    const template = await makeTemplate({ '_shared/exact.bin': bytes });
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template], { cwd });
    expectExit(run, 0);
    expect((await readFile(join(cwd, 'app', 'exact.bin'))).equals(bytes)).toBe(true);
  });
});

describe('remote templates through giget', () => {
  let server: TarballServer;
  let work: string;

  beforeAll(async () => {
    work = await tempDir('caia-remote-');
    server = await startTarballServer(join(work, 'server'));
    // An https tarball: the template itself under one top-level folder.
    server.serve('/with-logging.tar.gz', await makeTarball(EXAMPLE, join(work, 'tar-https'), 'with-logging-1.0.0'));
    // A GitHub repository tarball: the whole repository under one top-level folder, the template in a subfolder.
    const repo = join(work, 'repo');
    await cp(EXAMPLE, join(repo, 'with-logging'), { recursive: true });
    await makeTemplate({ 'README.md': '# templates\n', 'other/_shared/decoy.txt': 'not this one\n' }, repo);
    server.serve(
      '/repos/acme/templates/tarball/main',
      await makeTarball(repo, join(work, 'tar-github'), 'acme-templates-0123abc'),
    );
    // A remote template that is refused after the download.
    const linked = join(work, 'linked');
    await makeTemplate({ '_shared/real.txt': 'real\n' }, linked);
    await symlink('real.txt', join(linked, '_shared', 'link.txt'));
    server.serve('/linked.tar.gz', await makeTarball(linked, join(work, 'tar-linked'), 'linked'));
  });

  afterAll(async () => {
    await server?.close();
  });

  /** A run with the test CA trusted and fresh, empty TMPDIR and HOME, which the test checks afterwards. */
  async function runRemote(source: string, extraEnv: Record<string, string> = {}) {
    const base = await tempDir('caia-remote-run-');
    const [cwd, tmp, home] = ['cwd', 'tmp', 'home'].map((name) => join(base, name)) as [string, string, string];
    await Promise.all([cwd, tmp, home].map((dir) => mkdir(dir)));
    const run = await runCli(['app', ...flags, '--template', source, '--var', 'serviceName=billing-bot'], {
      cwd,
      env: {
        NODE_EXTRA_CA_CERTS: server.caBundlePath,
        TMPDIR: tmp,
        HOME: home,
        XDG_CACHE_HOME: undefined,
        GIGET_AUTH: undefined,
        GIGET_REGISTRY: undefined,
        GIGET_GITHUB_URL: undefined,
        ...extraEnv,
      },
    });
    return { run, cwd, tmp, home };
  }

  async function expectNothingLeft({ tmp, home }: { tmp: string; home: string }): Promise<void> {
    expect(await tree(tmp), 'TMPDIR after the run').toEqual([]);
    expect(await tree(home), 'HOME after the run (no ~/.cache/giget)').toEqual([]);
  }

  it('an https tarball URL generates the with-logging project', async () => {
    const source = `${server.url}/with-logging.tar.gz`;
    const result = await runRemote(source);
    expectExit(result.run, 0);
    const app = join(result.cwd, 'app');
    expect(await tree(app)).toEqual(WITH_LOGGING);
    expect(await readFile(join(app, 'logger.ts'), 'utf8')).toContain('const service = "billing-bot";');
    expect(await readFile(join(app, '.env.example'), 'utf8')).toContain('LOG_LEVEL=info');
    // The source as given, not the temporary folder, goes into the replay command.
    expect(await readFile(join(app, 'README.md'), 'utf8')).toContain(
      `--template ${source} --var serviceName=billing-bot`,
    );
    expect(server.requests).toContainEqual({ method: 'GET', path: '/with-logging.tar.gz', status: 200 });
    await expectNothingLeft(result);
  });

  it('keeps credentials in a template URL out of the README, the output and the git history', async () => {
    const source = `${server.url}/with-logging.tar.gz?private_token=SECRET-TOKEN-1&ref=main`;
    const result = await runRemote(source);
    expectExit(result.run, 0);
    const readme = await readFile(join(result.cwd, 'app', 'README.md'), 'utf8');
    expect(readme).toContain('private_token=REDACTED&ref=main');
    expect(readme + result.run.stdout + result.run.stderr).not.toContain('SECRET-TOKEN-1');
  });

  it('keeps user info in a template URL out of a download error', async () => {
    const result = await runRemote(`https://someone:SECRET-TOKEN-2@${server.url.slice('https://'.length)}/none.tar.gz`);
    expectExit(result.run, 1);
    expect(result.run.stderr).toContain('Could not download the template https://REDACTED@');
    expect(result.run.stdout + result.run.stderr).not.toContain('SECRET-TOKEN-2');
  });

  it('github:org/repo/path#ref generates it from the subfolder of the repository tarball', async () => {
    const requestsBefore = server.requests.length;
    const result = await runRemote('github:acme/templates/with-logging#main', { GIGET_GITHUB_URL: server.url });
    expectExit(result.run, 0);
    const app = join(result.cwd, 'app');
    expect(await tree(app)).toEqual(WITH_LOGGING);
    expect(await readFile(join(app, 'logger.ts'), 'utf8')).toContain('const service = "billing-bot";');
    expect(server.requests.slice(requestsBefore)).toContainEqual({
      method: 'GET',
      path: '/repos/acme/templates/tarball/main',
      status: 200,
    });
    await expectNothingLeft(result);
  });

  it('a 404 is exit 1, "Could not download the template", and nothing is written', async () => {
    const source = `${server.url}/missing.tar.gz`;
    const result = await runRemote(source);
    expectExit(result.run, 1);
    expect(result.run.stderr).toContain(`Could not download the template ${source}`);
    expect(result.run.stderr).toContain('404');
    expect(await tree(result.cwd)).toEqual([]);
    await expectNothingLeft(result);
  });

  it('a missing GitHub ref is exit 1 too', async () => {
    const result = await runRemote('github:acme/templates/with-logging#no-such-ref', { GIGET_GITHUB_URL: server.url });
    expectExit(result.run, 1);
    expect(result.run.stderr).toContain(
      'Could not download the template github:acme/templates/with-logging#no-such-ref',
    );
    expect(await tree(result.cwd)).toEqual([]);
    await expectNothingLeft(result);
  });

  it('a downloaded template that is refused leaves nothing behind either', async () => {
    const result = await runRemote(`${server.url}/linked.tar.gz`, {});
    // The --var is for with-logging; this template declares no variables, but the link is refused first.
    expectExit(result.run, 2);
    expect(result.run.stderr).toContain('--template: _shared/link.txt is a symbolic link');
    expect(await tree(result.cwd)).toEqual([]);
    await expectNothingLeft(result);
  });
});

describe('the layout: the root is the shared layer', () => {
  it('a folder of files (README.md, docs/TEAM.md) shows up in the project, over the built-in files', async () => {
    const template = await makeTemplate({ 'README.md': '# Our team app\n', 'docs/TEAM.md': '# Team\n' });
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template], { cwd });
    expectExit(run, 0);
    expect(await tree(join(cwd, 'app'))).toEqual([...BUILT_IN, 'docs', 'docs/TEAM.md'].sort());
    expect(await readFile(join(cwd, 'app', 'README.md'), 'utf8')).toBe('# Our team app\n');
    expect(await readFile(join(cwd, 'app', 'docs', 'TEAM.md'), 'utf8')).toBe('# Team\n');
    expect(run.stdout).toContain('Created 19 files');
  });

  it('removes built-in files by rendering them to nothing, and package.json drops their scripts', async () => {
    // tools.ts and the chat and explain tests are not wanted; a test of the team's own takes their place.
    const template = await makeTemplate({
      'tools.ts.hbs': '\n',
      'test/chat.test.ts.hbs': '{{#if false}}never{{/if}}\n',
      'test/explain.test.ts.hbs': '\n',
      'test/team.test.ts': 'import { test } from "node:test";\ntest("team", () => {});\n',
    });
    for (const node of ['24', '20']) {
      const cwd = await tempDir();
      const run = await runCli(['app', ...flags, '--node', node, '--template', template], { cwd });
      expectExit(run, 0);
      const files = await tree(join(cwd, 'app'));
      expect(files).not.toContain('tools.ts');
      expect(files).not.toContain('test/chat.test.ts');
      expect(files).toContain('test/team.test.ts');
      const pkg = JSON.parse(await readFile(join(cwd, 'app', 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      expect(pkg.scripts.tools).toBeUndefined();
      // The README speaks of the files there are.
      const readme = await readFile(join(cwd, 'app', 'README.md'), 'utf8');
      expect(readme).not.toContain('tools.ts');
      expect(readme).not.toContain('run tools');
      expect(readme).toContain('## Tests');
      // Node 20 cannot expand a pattern: the test script names the files there are.
      expect(pkg.scripts.test).toBe(node === '20' ? 'tsx --test test/team.test.ts' : 'node --test test/*.test.ts');
    }
  });

  it.each(['test/we ird.test.ts', 'test/$(touch PWNED).test.ts'])(
    'a test file named %j, which the test script could not name unquoted, is exit 2',
    async (name) => {
      const template = await makeTemplate({ [name]: 'import "node:test";\n' });
      const cwd = await tempDir();
      const run = await runCli(['app', ...flags, '--node', '20', '--template', template], { cwd });
      expectExit(run, 2);
      expect(run.stderr).toContain(`--template: ${name}: a test file's name may hold only letters, digits`);
      expect(await tree(cwd)).toEqual([]);
    },
  );

  it('root files, flavour folders and the old _shared/ folder together; template.json is not copied', async () => {
    const template = await makeTemplate({
      'template.json': JSON.stringify({ extends: false }),
      'root.txt.hbs': 'root {{sdk}}\n',
      '_shared/old.txt': 'old layout\n',
      'openai/flavour.txt': 'openai only\n',
      'azure-inference/flavour.txt': 'azure-inference only\n',
      'openapi/spec.yaml': 'openapi: 3.1.0\n',
      'shared/util.ts': 'export {};\n',
      '.DS_Store': 'junk',
      'docs/notes.md~': 'backup',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags.slice(2), '--sdk', 'openai', '--template', template], { cwd });
    expectExit(run, 0);
    const app = join(cwd, 'app');
    expect(await tree(app)).toEqual([
      'flavour.txt',
      'old.txt',
      'openapi',
      'openapi/spec.yaml',
      'package.json',
      'root.txt',
      'shared',
      'shared/util.ts',
    ]);
    expect(await readFile(join(app, 'root.txt'), 'utf8')).toBe('root openai\n');
    expect(await readFile(join(app, 'flavour.txt'), 'utf8')).toBe('openai only\n');
  });

  const refused: [string, Record<string, string>, string][] = [
    ['open-ai/', { 'open-ai/x.ts': '' }, '--template: open-ai/x.ts: the folder open-ai/ looks like a misspelt openai/'],
    ['OpenAI/', { 'OpenAI/x.ts': '' }, 'the folder OpenAI/ looks like a misspelt openai/'],
    [
      'azure_inference/',
      { 'azure_inference/x.ts': '' },
      'the folder azure_inference/ looks like a misspelt azure-inference/',
    ],
    ['azure-inferance/', { 'azure-inferance/x.ts': '' }, 'looks like a misspelt azure-inference/'],
    ['_shard/', { '_shard/x.ts': '' }, 'the folder _shard/ looks like a misspelt _shared/'],
    ['Template.json', { 'Template.json': '{}' }, '--template: Template.json looks like a misspelt template.json'],
    ['templates.json', { 'templates.json': '{}' }, 'templates.json looks like a misspelt template.json'],
    [
      'x and _shared/x',
      { 'x.txt': 'a', '_shared/x.txt': 'b' },
      '_shared/x.txt and x.txt would both write x.txt; keep one',
    ],
    ['x and x.hbs', { 'x.txt': 'a', 'x.txt.hbs': 'b' }, 'x.txt and x.txt.hbs would both write x.txt; keep one'],
    ['a file named openai', { openai: 'x' }, '--template: openai must be a folder'],
    ['root .env', { '.env': 'K=v\n' }, '--template: .env is written by the generator itself'],
    // Package manager configuration could run code during the install (a pnpmfile's hooks, Yarn's yarnPath).
    ...['.pnpmfile.cjs', '.npmrc', '.yarnrc.yml', '_shared/pnpm-workspace.yaml.hbs', 'azure-inference/bunfig.toml'].map(
      (file): [string, Record<string, string>, string] => [
        file,
        { [file]: 'x\n' },
        `--template: ${file.replace(/^(_shared|azure-inference)\//, '').replace(/\.hbs$/, '')} is package manager configuration`,
      ],
    ),
  ];
  it.each(refused)('%s is exit 2 naming it', async (_name, files, message) => {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain(message);
    expect(await tree(cwd)).toEqual([]);
  });

  it('a symbolic link at the root, or deep down, is exit 2 naming it', async () => {
    for (const link of ['top-link.md', 'docs/deep/link.md']) {
      const template = await makeTemplate({ 'README.md': '# x\n', 'docs/deep/real.md': 'real\n' });
      await symlink('/etc/hostname', join(template, link));
      const cwd = await tempDir();
      const run = await runCli(['app', ...flags, '--template', template], { cwd });
      expectExit(run, 2);
      expect(run.stderr).toContain(`--template: ${link} is a symbolic link`);
      expect(await tree(cwd)).toEqual([]);
    }
  });
});

describe('template.json is read like the other files, and never quoted', () => {
  async function refusedWith(make: (dir: string) => Promise<unknown>, message: string): Promise<CliRun> {
    const template = await makeTemplate({ 'a.txt': 'a\n' });
    await make(template);
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags, '--template', template], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain(message);
    expect(await tree(cwd)).toEqual([]);
    return run;
  }

  it('a symbolic link to a file outside is refused without printing any of it', async () => {
    const outside = join(await tempDir(), 'secret.json');
    await writeFile(outside, 'TOP-SECRET-9f8e7d not json');
    const run = await refusedWith(
      (dir) => symlink(outside, join(dir, 'template.json')),
      '--template: template.json is a symbolic link',
    );
    expect(run.stdout + run.stderr).not.toContain('TOP-SECRET');
  });

  it('a link to /dev/zero is refused at once', async () => {
    await refusedWith((dir) => symlink('/dev/zero', join(dir, 'template.json')), 'template.json is a symbolic link');
  });

  it('a FIFO is refused, not waited on', async () => {
    await refusedWith(
      (dir) => execFileAsync('mkfifo', [join(dir, 'template.json')]),
      '--template: template.json is not a file or folder',
    );
  });

  it('a folder is exit 2, not "Unexpected error: EISDIR"', async () => {
    await refusedWith((dir) => mkdir(join(dir, 'template.json')), '--template: template.json must be a file');
  });

  it('over 64 KiB is refused', async () => {
    await refusedWith(
      (dir) => writeFile(join(dir, 'template.json'), `{"description": "${'x'.repeat(70_000)}"}`),
      '--template: template.json is larger than 64 KiB',
    );
  });

  it('invalid JSON is reported without its text', async () => {
    const run = await refusedWith(
      (dir) => writeFile(join(dir, 'template.json'), '{\n  "name": TOP-SECRET-5a4b\n}\n'),
      'template.json: not valid JSON',
    );
    expect(run.stdout + run.stderr).not.toContain('TOP-SECRET');
  });
});

describe('templates cannot print or run anything, and their cost is bounded', () => {
  async function generate(files: Record<string, string>, extra: string[] = []): Promise<{ run: CliRun; cwd: string }> {
    const template = await makeTemplate(files);
    const cwd = await tempDir();
    return { run: await runCli(['app', ...flags, '--template', template, ...extra], { cwd }), cwd };
  }

  it('{{log}} is an unknown helper: nothing printed, --json still parses, a secret stays out', async () => {
    const SECRET = 'tk-logme12345';
    const { run, cwd } = await generate(
      {
        'template.json': JSON.stringify({ variables: [{ name: 'token', prompt: 'T', secret: true }] }),
        'x.txt.hbs': '{{log "hello from the template"}}{{log vars}}\n',
      },
      ['--var', `token=${SECRET}`, '--json'],
    );
    expectExit(run, 2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, exitCode: 2 });
    expect(run.stdout).toContain('You specified knownHelpersOnly, but used the unknown helper log');
    expect(run.stdout + run.stderr).not.toContain('hello from the template');
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(await tree(cwd)).toEqual([]);
  });

  it("prototype lookups print none of Handlebars' warnings", async () => {
    const { run } = await generate({ 'x.txt.hbs': '[{{lookup this "constructor"}}][{{constructor}}]\n' }, ['--json']);
    expectExit(run, 0);
    expect(run.stderr).not.toContain('Handlebars');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true });
  });

  it('5,000 nested {{#if}} are refused as the template is loaded, before anything is parsed', async () => {
    const { run, cwd } = await generate({ 'x.txt.hbs': `${'{{#if true}}'.repeat(5000)}x${'{{/if}}'.repeat(5000)}` });
    expectExit(run, 2);
    expect(run.stderr).toContain('--template: x.txt.hbs: blocks nest more than 64 deep (line 1)');
    expect(await tree(cwd)).toEqual([]);
  });

  it("a template's tags are bounded in all of its files together", async () => {
    const { run, cwd } = await generate({
      'a.txt.hbs': '{{#if true}}a{{/if}}\n'.repeat(1500),
      'b.txt.hbs': '{{x}}'.repeat(2001),
    });
    expectExit(run, 2);
    expect(run.stderr).toContain(
      "--template: b.txt.hbs is past the limit: a template's files may hold at most 5000 {{...}} tags in all",
    );
    expect(await tree(cwd)).toEqual([]);
  });

  it('nested {{#each}} stop after 10,000 iterations', async () => {
    const each = '{{#each @root.versions}}';
    const { run, cwd } = await generate({
      'x.txt.hbs': `{{#each versions}}${each.repeat(5)}{{@key}}${'{{/each}}'.repeat(6)}`,
    });
    expectExit(run, 2);
    expect(run.stderr).toContain('x.txt.hbs: {{#each}} ran more than 10000 times');
    expect(await tree(cwd)).toEqual([]);
  });

  it("many files, each within its own budget, are stopped by the project's (16 MiB rendered in all)", async () => {
    const chunk = `{{#each versions}}{{#each @root.versions}}${'x'.repeat(50_000)}{{/each}}{{/each}}`;
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`many/f${i}.txt.hbs`, chunk]));
    const { run, cwd } = await generate(files);
    expectExit(run, 2);
    expect(run.stderr).toMatch(/--template: many\/f\d+\.txt\.hbs: the rendered files come to more than 16 MiB/);
    expect(await tree(cwd)).toEqual([]);
  });

  it('a pattern that backtracks for ever, (a|a)*b, is refused after a second, not hung on', async () => {
    const manifest = { variables: [{ name: 'v', prompt: 'V', pattern: '(a|a)*b' }] };
    const { run, cwd } = await generate({ 'template.json': JSON.stringify(manifest), 'x.txt.hbs': '{{vars.v}}' }, [
      '--var',
      `v=${'a'.repeat(40)}`,
    ]);
    expectExit(run, 2);
    expect(run.stderr).toContain("--var v: took longer than 1 s to check against the template's pattern (a|a)*b");
    expect(await tree(cwd)).toEqual([]);
    // The same pattern matches an ordinary value at once.
    const ok = await generate({ 'template.json': JSON.stringify(manifest), 'x.txt.hbs': '{{vars.v}}' }, [
      '--var',
      'v=aab',
    ]);
    expectExit(ok.run, 0);
    expect(await readFile(join(ok.cwd, 'app', 'x.txt'), 'utf8')).toBe('aab');
  });

  it('a default that backtracks for ever is refused when template.json is read', async () => {
    const manifest = { variables: [{ name: 'v', prompt: 'V', pattern: '(a|a)*b', default: 'a'.repeat(40) }] };
    const { run } = await generate({ 'template.json': JSON.stringify(manifest) });
    expectExit(run, 2);
    expect(run.stderr).toContain('template.json: variables[0].default: took longer than 1 s');
  });
});

/** Archives with one malformed header field each, and what the refusal says. */
const MALFORMED: readonly [string, TarEntry, string][] = [
  [
    'a pax size that is no number',
    { path: 'a.txt', body: 'aaa', pax: { size: 'abc' } },
    'broken pax header (size="abc")',
  ],
  ['a pax record of the wrong length', { path: 'a.txt', body: 'a', pax: '12 path=a.txt\n' }, 'broken pax header'],
  ['a size that is not octal', { path: 'a.txt', body: 'a', fields: { size: '0000000009\0' } }, 'broken header (size)'],
  ['a mode that is not octal', { path: 'a.txt', body: 'a', fields: { mode: 'rwxr-xr' } }, 'broken header (mode)'],
  ['an mtime that is not octal', { path: 'a.txt', body: 'a', fields: { mtime: '-1' } }, 'broken header (mtime)'],
  ['a bad checksum', { path: 'a.txt', body: 'a', fields: { checksum: '0000001\0' } }, 'a header with a bad checksum'],
];

describe('downloads: whole or not at all, https on every hop, the token for its own host, cancel at any point', () => {
  let server: TarballServer;
  let work: string;
  /** A plain http server that must never be reached. */
  let plain: { url: string; hits: number; close(): void };

  beforeAll(async () => {
    work = await tempDir('caia-download-');
    server = await startTarballServer(join(work, 'server'));
    const good = tarGz('good', [{ path: 'README.md', body: '# good\n' }]);
    server.serve('/good.tar.gz', good);
    server.serve('/repos/acme/t/tarball/main', good);
    const hits = { url: '', hits: 0, close: () => {} };
    const http = createServer((_req, res) => {
      hits.hits++;
      res.end('no');
    });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    const address = http.address();
    hits.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    hits.close = () => http.close();
    plain = hits;
    server.redirect('/to-http.tar.gz', `${plain.url}/good.tar.gz`);
    server.serve(
      '/http-info.json',
      Buffer.from(JSON.stringify({ name: 'x', tar: `${plain.url}/good.tar.gz` })),
      'application/json',
    );
    server.serve(
      '/info.json',
      Buffer.from(JSON.stringify({ name: 'x', tar: `${server.url}/good.tar.gz` })),
      'application/json',
    );
    // The tarball moved to another origin (localhost, not 127.0.0.1), as GitHub's API sends codeload.github.com.
    const elsewhere = server.url.replace('127.0.0.1', 'localhost');
    server.redirect('/repos/acme/moved/tarball/main', `${elsewhere}/codeload/acme/moved/main`);
    server.serve('/codeload/acme/moved/main', good);
    server.redirect('/moved.tar.gz', `${elsewhere}/good.tar.gz`);
    // Every file intact, but the archive cut short.
    const whole = tarGz('cut', [
      { path: 'a.txt', body: randomBytes(30_000).toString('hex') },
      { path: 'b.txt', body: 'b\n' },
    ]);
    server.serve('/truncated.tar.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    server.serve(
      '/long-name.tar.gz',
      tarGz('long', [
        { path: `${'n'.repeat(300)}.txt`, body: 'x' },
        { path: 'ok.txt', body: 'ok' },
      ]),
    );
    server.serve('/fifo.tar.gz', tarGz('fifo', [{ path: 'pipe', type: '6' }]));
    for (const [i, [, entry]] of MALFORMED.entries()) {
      server.serve(`/malformed-${i}.tar.gz`, tarGz('bad', [{ path: 'README.md', body: '# ok\n' }, entry]));
    }
    server.serve('/dotdot.tar.gz', tarGz('dots', [{ path: '../escape.txt', body: 'x' }]));
    server.serve(
      '/many.tar.gz',
      tarGz(
        'many',
        Array.from({ length: 20_000 }, (_, i) => ({ path: `f${i}.txt`, body: 'x' })),
      ),
    );
    // 4 MiB that cannot be compressed: an oversized file whose header arrives long before the download would end.
    server.stall('/big-stalled.tar.gz', tarGz('big', [{ path: 'big.bin', body: randomBytes(4 << 20) }]));
    server.stall(
      '/slow.tar.gz',
      tarGz(
        'slow',
        Array.from({ length: 400 }, (_, i) => ({ path: `f${i}.txt`, body: randomBytes(4096).toString('hex') })),
      ),
    );
  });

  afterAll(async () => {
    plain?.close();
    await server?.close();
  });

  async function remote(source: string, env: Record<string, string> = {}) {
    const base = await tempDir('caia-download-run-');
    const [cwd, tmp, home] = ['cwd', 'tmp', 'home'].map((name) => join(base, name)) as [string, string, string];
    await Promise.all([cwd, tmp, home].map((dir) => mkdir(dir)));
    const run = await runCli(['app', ...flags, '--template', source], {
      cwd,
      env: {
        NODE_EXTRA_CA_CERTS: server.caBundlePath,
        TMPDIR: tmp,
        HOME: home,
        GIGET_AUTH: undefined,
        GIGET_GITHUB_URL: undefined,
        ...env,
      },
    });
    return { run, cwd, tmp };
  }

  async function failed(source: string, code: number, message: string, env: Record<string, string> = {}) {
    const result = await remote(source, env);
    expectExit(result.run, code);
    expect(result.run.stderr).toContain(message);
    expect(await tree(result.cwd)).toEqual([]);
    expect(await tree(result.tmp)).toEqual([]);
    return result;
  }

  it('a redirect from https to http is refused', async () => {
    await failed(`${server.url}/to-http.tar.gz`, 1, `redirected to ${plain.url}/good.tar.gz, which is not https`);
    expect(plain.hits).toBe(0);
  });

  it('an info file whose tar is http is refused, and the token never goes there', async () => {
    await failed(`${server.url}/http-info.json`, 1, "the template info file's tar URL", { GIGET_AUTH: 'tok-1' });
    expect(plain.hits).toBe(0);
  });

  it('an info file whose tar is https works', async () => {
    const { run, cwd } = await remote(`${server.url}/info.json`);
    expectExit(run, 0);
    expect(await readFile(join(cwd, 'app', 'README.md'), 'utf8')).toBe('# good\n');
  });

  it('GIGET_AUTH goes to the provider host, not to where it redirects', async () => {
    const before = server.authorizations.length;
    const { run } = await remote('github:acme/moved#main', { GIGET_AUTH: 'tok-2', GIGET_GITHUB_URL: server.url });
    expectExit(run, 0);
    const seen = server.authorizations.slice(before);
    expect(seen.find((s) => s.path === '/repos/acme/moved/tarball/main')?.authorization).toBe('Bearer tok-2');
    expect(seen.find((s) => s.path === '/codeload/acme/moved/main')).toMatchObject({ authorization: undefined });
  });

  it('GIGET_AUTH goes to no host a plain URL names: not the tarball, its redirects, nor an info file and its tar', async () => {
    const before = server.authorizations.length;
    expectExit((await remote(`${server.url}/moved.tar.gz`, { GIGET_AUTH: 'tok-3' })).run, 0);
    expectExit((await remote(`${server.url}/info.json`, { GIGET_AUTH: 'tok-3' })).run, 0);
    const seen = server.authorizations.slice(before);
    expect(seen.map((s) => s.path)).toEqual(['/moved.tar.gz', '/good.tar.gz', '/info.json', '/good.tar.gz']);
    expect(seen.filter((s) => s.authorization !== undefined)).toEqual([]);
  });

  async function unusableTmpdir(tmp: string): Promise<void> {
    const { run, cwd } = await remote(`${server.url}/good.tar.gz`, { TMPDIR: tmp });
    expectExit(run, 1);
    expect(run.stderr).toMatch(
      new RegExp(
        `Could not make a temporary folder for the template in ${tmp} \\((ENOENT|ENOTDIR|EROFS)\\): set TMPDIR to a folder you can write to, or unset it`,
      ),
    );
    expect(run.stderr).not.toContain('Unexpected error');
    expect(await tree(cwd)).toEqual([]);
  }

  it('a missing TMPDIR, or one that is a file: exit 1 saying what to do, nothing written', async () => {
    const base = await tempDir('caia-tmpdir-');
    await writeFile(join(base, 'file'), '');
    await unusableTmpdir(join(base, 'missing'));
    await unusableTmpdir(join(base, 'file'));
  });

  it('a read-only TMPDIR: exit 1 saying what to do, nothing written', async (ctx) => {
    needs(ctx, 'mount', { ok: process.getuid?.() === 0, what: 'root (to mount a read-only file system)' });
    const readOnly = await tempDir('caia-tmpdir-ro-');
    await execFileAsync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', readOnly]);
    try {
      await unusableTmpdir(readOnly);
    } finally {
      await execFileAsync('umount', [readOnly]);
    }
  });

  it('GIGET_GITHUB_URL must be https', async () => {
    await failed('github:acme/t#main', 2, 'GIGET_GITHUB_URL must be an https URL', { GIGET_GITHUB_URL: plain.url });
    expect(plain.hits).toBe(0);
  });

  it('a truncated archive fails whole: nothing written, nothing left in TMPDIR', async () => {
    await failed(`${server.url}/truncated.tar.gz`, 1, `Could not download the template ${server.url}/truncated.tar.gz`);
  });

  it('a name too long for Linux is refused, not skipped', async () => {
    await failed(`${server.url}/long-name.tar.gz`, 2, 'has a name that must be at most 255 bytes');
  });

  it.each(MALFORMED.map(([name, , message], i) => [name, i, message] as const))(
    'a header with %s is refused whole: exit 1, nothing written',
    async (_, i, message) => {
      await failed(`${server.url}/malformed-${i}.tar.gz`, 1, message);
    },
  );

  it('a FIFO or a path with .. in the archive is refused', async () => {
    await failed(`${server.url}/fifo.tar.gz`, 2, '--template: pipe is a FIFO');
    await failed(`${server.url}/dotdot.tar.gz`, 2, '--template: ../escape.txt has a name that must not be . or ..');
  });

  it('file count is bounded while unpacking', async () => {
    await failed(`${server.url}/many.tar.gz`, 2, 'f500.txt is one file too many: a template may hold at most 500');
  });

  it('an oversized file is refused from its header, before the rest of the download arrives', async () => {
    // The server never sends the second half: only a check made while reading can end this run.
    await failed(`${server.url}/big-stalled.tar.gz`, 2, '--template: big.bin is larger than 1024 KiB');
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a stalled download removes the temporary folder and exits %i', async (signal, code) => {
    const base = await tempDir('caia-cancel-');
    const [cwd, tmp] = [join(base, 'cwd'), join(base, 'tmp')];
    await Promise.all([mkdir(cwd), mkdir(tmp)]);
    const requestsBefore = server.requests.filter((r) => r.path === '/slow.tar.gz').length;
    const child = spawn(process.execPath, [CLI, 'app', ...flags, '--template', `${server.url}/slow.tar.gz`], {
      cwd,
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: server.caBundlePath,
        TMPDIR: tmp,
        CI: undefined,
        GIGET_AUTH: undefined,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (exitCode) => done(exitCode)));
    // Wait (bounded) until the temporary folder exists and the server is sending the body it never finishes.
    const deadline = Date.now() + 60_000;
    while (
      !(
        (await readdir(tmp)).some((name) => name.startsWith('create-azure-inference-app-template-')) &&
        server.requests.filter((r) => r.path === '/slow.tar.gz').length > requestsBefore
      )
    ) {
      if (Date.now() > deadline) throw new Error(`the download never started\n${stderr}`);
      await new Promise((next) => setImmediate(next));
    }
    child.kill(signal);
    expect(await exited, stderr).toBe(code);
    expect(stderr).toContain(
      signal === 'SIGTERM'
        ? 'Stopped by SIGTERM before anything was written.'
        : 'Cancelled before anything was written.',
    );
    expect(await tree(tmp)).toEqual([]);
    expect(await tree(cwd)).toEqual([]);
  });
});
