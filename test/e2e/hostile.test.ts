// The built CLI against hostile input and a hostile environment: control characters from a template or a flag,
// credentials in URLs, a key of endless zeros, folder names at the length limit, and an output that fails.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI, type CliRun, describeRun, runCli, tempDir } from '../helpers/cli.js';

const flags = ['--resource', 'contoso', '--deployment', 'gpt-4o-mini', '--no-install', '--no-git'];
const CLIPBOARD = '\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007';
const TITLE = '\u001b]2;owned\u0007';

/** What a terminal would act on in `text`, once our own colour codes (SGR: ESC [ ... m) are taken out. */
function actedOn(text: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what it looks for
  const withoutColours = text.replace(/\u001b\[[0-9;]*m/g, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  return withoutColours.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g) ?? [];
}

function expectExit(run: CliRun, code: number): void {
  expect(run.exitCode, describeRun(run)).toBe(code);
}

describe('text from outside never reaches the terminal raw', () => {
  it.each([
    ['plain', {}],
    ['with colours', { FORCE_COLOR: '1' }],
  ] as const)(
    'a template.json pattern with OSC 52 and OSC 2, in an error (%s)',
    async (_, env: Record<string, string>) => {
      const cwd = await tempDir();
      const template = join(cwd, 'tpl');
      await mkdir(join(template, '_shared'), { recursive: true });
      await writeFile(join(template, '_shared', 'x.txt'), 'x\n');
      await writeFile(
        join(template, 'template.json'),
        JSON.stringify({ variables: [{ name: 'v', prompt: `${CLIPBOARD}Name${TITLE}`, pattern: `${TITLE}[a-z]+` }] }),
      );
      const run = await runCli(['app', ...flags, '--template', template, '--var', 'v=123'], { cwd, env });
      expectExit(run, 2);
      // The pattern is quoted in the error (an invalid regular expression in Unicode mode): escaped, not sent.
      expect(run.stderr).toContain('\\x1b]2;owned\\x07[a-z]+');
      expect(actedOn(run.stdout + run.stderr)).toEqual([]);
      if (env.FORCE_COLOR !== undefined) expect(run.stderr).toContain('\u001b[31m');
    },
  );

  it.each([
    ['ESC', `red${TITLE}\u001b[31m`, 'U+001B (ESC)'],
    ['a carriage return', 'shown\rhidden', 'U+000D (carriage return)'],
    ['a line break', 'two\nlines', 'U+000A (line feed)'],
  ])('a --var value with %s is refused before writing: exit 2, naming the variable', async (_, value, named) => {
    const cwd = await tempDir();
    const template = join(cwd, 'tpl');
    await mkdir(join(template, '_shared'), { recursive: true });
    await writeFile(join(template, '_shared', 'x.txt.hbs'), 'V={{vars.v}}\n');
    await writeFile(join(template, 'template.json'), JSON.stringify({ variables: [{ name: 'v', prompt: 'V' }] }));
    for (const json of [[], ['--json']]) {
      const run = await runCli(['app', ...flags, '--template', template, '--var', `v=${value}`, ...json], { cwd });
      expectExit(run, 2);
      const rule = `--var v: must not contain control characters, tabs or line breaks (it has ${named})`;
      expect(json.length > 0 ? JSON.parse(run.stdout).error : run.stderr).toContain(rule);
      expect(actedOn(run.stdout + run.stderr)).toEqual([]);
    }
    expect(await readdir(cwd)).toEqual(['tpl']);
  });

  it('a folder name with a right-to-left override is refused, and shown escaped', async () => {
    const cwd = await tempDir();
    const run = await runCli([`app\u202egpj.exe`, ...flags], { cwd });
    expectExit(run, 2);
    expect(run.stderr).toContain('control characters');
    expect(actedOn(run.stdout + run.stderr)).toEqual([]);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a flag value with escape sequences, in an error and in --json', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', ...flags.slice(2), '--resource', `x${CLIPBOARD}\u009b2J`, '--json'], { cwd });
    expectExit(run, 2);
    expect(actedOn(run.stdout + run.stderr)).toEqual([]);
    expect(JSON.parse(run.stdout).error).toContain('x\\u001b]52;c;');
  });
});

describe('credentials in URLs are redacted', () => {
  it('an --endpoint query with a subscription key: warnings and --json', async () => {
    const cwd = await tempDir();
    const endpoint = 'https://gw.example.com/openai?subscription-key=SECRET-KEY-3&api-version=2024-06-01';
    for (const json of [[], ['--json']]) {
      const run = await runCli(['app', '--endpoint', endpoint, ...flags.slice(2), '--dry-run', ...json], { cwd });
      expectExit(run, 0);
      expect(run.stdout + run.stderr).toContain('subscription-key=REDACTED');
      expect(run.stdout + run.stderr).not.toContain('SECRET-KEY-3');
    }
  });

  it('an --endpoint with a user name and password, in the error', async () => {
    const cwd = await tempDir();
    const run = await runCli(['app', '--endpoint', 'https://me:SECRET-PASS-4@gw.example.com', ...flags.slice(2)], {
      cwd,
    });
    expectExit(run, 2);
    expect(run.stderr).toContain('https://REDACTED@gw.example.com');
    expect(run.stderr).not.toContain('SECRET-PASS-4');
  });
});

describe('an endpoint without a host', () => {
  it.each(['https:///x', 'https:x'])('--endpoint %s is refused before writing: exit 2', async (endpoint) => {
    const cwd = await tempDir();
    for (const json of [[], ['--json']]) {
      const run = await runCli(['app', '--endpoint', endpoint, ...flags.slice(2), ...json], { cwd });
      expectExit(run, 2);
      const rule = `--endpoint "${endpoint}": must have its host right after https://`;
      expect(json.length > 0 ? JSON.parse(run.stdout).error : run.stderr).toContain(rule);
    }
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('credentials in a template source are redacted', () => {
  it.each([
    ['a github: source', 'github:o/r#x?token=SECRET-TOKEN-5', 'github:o/r#x?token=REDACTED: write it as'],
    [
      'a mistyped provider, read as a folder',
      'githb:o/r?private_token=SECRET-TOKEN-5',
      'githb:o/r?private_token=REDACTED: no such folder',
    ],
  ])('%s, in the error and in --json', async (_, source, shown) => {
    const cwd = await tempDir();
    for (const json of [[], ['--json']]) {
      const run = await runCli(['app', ...flags, '--template', source, ...json], { cwd });
      expectExit(run, 2);
      expect(json.length > 0 ? JSON.parse(run.stdout).error : run.stderr).toContain(shown);
      expect(run.stdout + run.stderr).not.toContain('SECRET-TOKEN-5');
    }
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('exit codes under odd input', () => {
  it('--api-key-stdin from /dev/zero stops at the size limit: exit 2', async () => {
    const cwd = await tempDir();
    const result = await execa(process.execPath, [CLI, 'app', ...flags, '--api-key-stdin'], {
      cwd,
      inputFile: '/dev/zero',
      reject: false,
      env: { CI: undefined },
    });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain('--api-key-stdin: the input is over 4096 bytes');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a folder name too long for the staging folder beside it is refused before writing: exit 2', async () => {
    const cwd = await tempDir();
    for (const length of [248, 255]) {
      const run = await runCli(['a'.repeat(length), ...flags], { cwd });
      expectExit(run, 2);
      expect(run.stderr).toContain('must be at most 247 bytes');
    }
    expect(await readdir(cwd)).toEqual([]);
    // 247 bytes is made.
    expectExit(await runCli(['a'.repeat(247), ...flags], { cwd }), 0);
  });

  it('a folder on the way with a name Windows reserves is refused before writing: exit 2', async () => {
    const cwd = await tempDir();
    for (const json of [[], ['--json']]) {
      const run = await runCli(['p5/CON/x', ...flags, ...json], { cwd });
      expectExit(run, 2);
      expect(run.stdout + run.stderr).toContain('the folder "CON" that the run would create on the way must not be');
    }
    expect(await readdir(cwd)).toEqual([]);
    // A folder that is there already is not the run's to name: it is only written into.
    await mkdir(join(cwd, 'aux.'));
    expectExit(await runCli(['aux./x', ...flags], { cwd }), 0);
    expect(await readdir(join(cwd, 'aux.', 'x'))).toContain('package.json');
  });

  it('into an existing folder with files, the longest name allowed works: staging and kept copies go inside it', async () => {
    const cwd = await tempDir();
    const name = 'b'.repeat(247);
    await mkdir(join(cwd, name));
    await writeFile(join(cwd, name, 'notes.txt'), 'mine\n');
    const run = await runCli([name, ...flags, '--overwrite'], { cwd });
    expectExit(run, 0);
    expect(await readdir(join(cwd, name))).toEqual(expect.arrayContaining(['notes.txt', 'package.json']));
    expect(await readdir(cwd)).toEqual([name]);
  });
});

describe("the user's formatting is kept", () => {
  it('--overwrite over a .env with CRLF line endings keeps them CRLF', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'app'));
    await writeFile(join(cwd, 'app', '.env'), 'DB_PASSWORD=s3cret\r\nAZURE_OPENAI_CHAT_KEY=old\r\nOTHER=1\r\n');
    const run = await runCli(['app', ...flags, '--overwrite'], { cwd, env: { AZURE_OPENAI_CHAT_KEY: 'k3y-new' } });
    expectExit(run, 0);
    const merged = await readFile(join(cwd, 'app', '.env'), 'utf8');
    expect(merged).toContain("DB_PASSWORD=s3cret\r\nAZURE_OPENAI_CHAT_KEY='k3y-new'\r\nOTHER=1\r\n");
    expect(merged.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('migrate --write --upgrade-sdk keeps a one-line package.json on one line, and the rest of it as it was', async () => {
    const cwd = await tempDir();
    const pkg = '{"name":"x","type":"module","engines":{"node":">=22"},"dependencies":{"openai":"^4.20.0"}}';
    await writeFile(join(cwd, 'package.json'), pkg);
    await writeFile(
      join(cwd, 'ask.ts'),
      "import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n",
    );
    const run = await runCli(
      [
        'migrate',
        '.',
        '--resource',
        'contoso',
        '--deployment',
        'chat',
        '--auth',
        'entra',
        '--upgrade-sdk',
        '--write',
        '--force',
      ],
      {
        cwd,
      },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
    expect(await readFile(join(cwd, 'package.json'), 'utf8')).toBe(
      '{"name":"x","type":"module","engines":{"node":">=22"},"dependencies":{"@azure/identity":"4.14.1","openai":"7.60.0"}}',
    );
  });
});

describe('an output that fails does not crash the run', () => {
  /** The CLI with git on, its stdout sent to `redirect` by bash; returns exit code and stderr. */
  function runWithStdout(redirect: string, cwd: string): { code: number; stderr: string } {
    const git = `GIT_CONFIG_GLOBAL=${join(cwd, 'gitconfig')}`;
    const script = `${git} "${process.execPath}" "${CLI}" app ${flags.slice(0, 5).join(' ')} --git 2>err ${redirect}; echo "\${PIPESTATUS[0]}" > code`;
    execFileSync('bash', ['--norc', '--noprofile', '-c', script], { cwd, env: { PATH: process.env.PATH, HOME: cwd } });
    return {
      code: Number(execFileSync('cat', ['code'], { cwd, encoding: 'utf8' })),
      stderr: execFileSync('cat', ['err'], { cwd, encoding: 'utf8' }),
    };
  }

  it.each([
    ['a reader that closes early', '| head -c1 > /dev/null'],
    ['a full device', '> /dev/full'],
  ])('%s: the project and its first commit are made, exit 0, no stack trace', async (_, redirect) => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'gitconfig'), '[user]\n\tname = Test\n\temail = test@example.com\n');
    // Enough output that the reader has closed before the last lines: the dry-run list, then the real run.
    const { code, stderr } = runWithStdout(redirect, cwd);
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at |Unexpected error|EPIPE|ENOSPC/);
    const log = execFileSync('git', ['log', '--oneline'], { cwd: join(cwd, 'app'), encoding: 'utf8' });
    expect(log).toMatch(/1 ?|\w+ /);
  });
});

describe('what was asked for stdout, and could not be written there', () => {
  /** The CLI with `args`, its stdout sent to `redirect` by bash; returns exit code and stderr. */
  function runInto(args: string, redirect: string, cwd: string): { code: number; stderr: string } {
    const script = `"${process.execPath}" "${CLI}" ${args} 2>err ${redirect}; echo "\${PIPESTATUS[0]}" > code`;
    execFileSync('bash', ['--norc', '--noprofile', '-c', script], { cwd, env: { PATH: process.env.PATH, HOME: cwd } });
    return {
      code: Number(execFileSync('cat', ['code'], { cwd, encoding: 'utf8' })),
      stderr: execFileSync('cat', ['err'], { cwd, encoding: 'utf8' }),
    };
  }
  const run = `app ${flags.join(' ')} --model gpt-4.1-mini --os linux --json`;

  it.each([
    [run, 'The project was made, but the --json result could not be written to stdout (ENOSPC).'],
    ['--help', 'The help could not be written to stdout (ENOSPC).'],
    ['--version --json', 'The version could not be written to stdout (ENOSPC).'],
  ])('%s > /dev/full: exit 1, and stderr says why', async (args, message) => {
    const cwd = await tempDir();
    const { code, stderr } = runInto(args, '> /dev/full', cwd);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain(message);
  });

  it.each([
    ['> /dev/null', 0],
    ['| head -c1 > /dev/null', 0],
  ])('--json %s: nobody reads it, and nothing failed: exit %i', async (redirect, exitCode) => {
    const cwd = await tempDir();
    const { code, stderr } = runInto(run, redirect, cwd);
    expect(code, stderr).toBe(exitCode);
    expect(await readdir(join(cwd, 'app'))).toContain('package.json');
  });
});
