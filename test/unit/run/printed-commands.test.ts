// Every command we print reads back: the cd of the next steps reaches the project folder, and the replay command
// gives the CLI the same arguments, in a real bash and a real zsh (interactive, so history expansion is on); and in
// PowerShell by its quoting rules, on a tree-sitter parse. All cases of a test run in one shell process.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { createCommand, replayArgs } from '../../../src/options/replay.js';
import { cdStep } from '../../../src/run/next-steps.js';
import { shellWord } from '../../../src/shared/command.js';
import { validateDirectory } from '../../../src/shared/validate.js';
import type { ProjectOptions, TemplateChoice } from '../../../src/types.js';
import { optionsFrom } from '../../helpers/options.js';
import { readCommandArguments } from '../../helpers/powershell.js';
import { needs } from '../../helpers/system-tools.js';

type Shell = readonly [string, readonly string[]];
const SHELLS: readonly Shell[] = [
  ['bash', ['--norc', '--noprofile', '-i']],
  ['zsh', ['-f', '-i']],
];

/** Runs `lines` in an interactive shell reading them from stdin; returns what it printed, NUL-separated. */
function runShell(shell: Shell, lines: readonly string[], cwd: string): string[] {
  const [command, args] = shell;
  const out = execFileSync(command, [...args], {
    cwd,
    input: `${lines.join('\n')}\nexit 0\n`,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: cwd, TERM: 'dumb', LANG: 'C.UTF-8' },
    stdio: ['pipe', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.split('\0').slice(0, -1);
}

/** Folder names: anything validateDirectory accepts as a single name, and the ones shells read as something else. */
const SPECIAL_NAMES = [
  '-',
  '--',
  '-L',
  '-P',
  '-weird',
  '+1',
  '-1',
  '~',
  '~root',
  '=ls',
  '!x',
  'a!b',
  '!!',
  '*',
  '[a]',
  '$HOME',
  '${HOME}',
  '`id`',
  '$(id)',
  '{a,b}',
  "it's",
  'a b',
  '#x',
  '%1',
  '&x',
  '\u2018q\u2019',
  'caf\u00e9',
  '@x',
  ',x',
  'x=y',
];
const folderName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((name) => !name.includes('/') && validateDirectory(name) === undefined && name !== '.' && name !== '..');

function names(count: number): string[] {
  return [...SPECIAL_NAMES, ...fc.sample(folderName, { numRuns: count, seed: 14 })].filter(
    (name) => validateDirectory(name) === undefined,
  );
}

describe('the printed cd reaches the project folder', () => {
  const cases = names(300);
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'caia-cd-')));
  for (const name of cases) mkdirSync(join(base, name), { recursive: true });
  const cd = (name: string, platform: NodeJS.Platform) =>
    cdStep({ directory: join(base, name) } as ProjectOptions, base, platform) as string;

  it.for(SHELLS)('in %s', (shell, ctx) => {
    needs(ctx, shell[0]);
    // OLDPWD is / and a home folder and CDPATH-free environment: `cd -` or `cd ~` would land elsewhere.
    const lines = cases.map(
      (name) => `cd / && cd '${base}' && ${cd(name, 'linux')} && printf '%s\\0' "$PWD" || printf 'FAILED\\0'`,
    );
    const reached = runShell(shell, lines, base);
    expect(reached).toEqual(cases.map((name) => join(base, name)));
  });

  it('in PowerShell', () => {
    for (const name of cases) {
      const [path] = readCommandArguments(cd(name, 'win32'));
      expect(resolve(base, path as string), cd(name, 'win32')).toBe(join(base, name));
      // Neither a parameter (-x), nor a splat (@x), nor an array (a,b): a bare word is only letters and . / : \ -.
      if (path === cd(name, 'win32').slice(3)) expect(path).toMatch(/^[\w./:\\][\w./:\\-]*$/);
    }
  });
});

describe('the replay command gives the CLI the same values', () => {
  const base = '/projects';
  const value = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((v) => !v.includes('\0'));
  // An empty --template is refused by the parser, so no run has one to replay.
  const template = value.filter((v) => v !== '');
  const cases = fc.sample(fc.tuple(fc.constantFrom(...names(60)), template, value), { numRuns: 200, seed: 7 });
  cases.push(
    ['-', '-weird', '-x'],
    ['--template=x', '--', '-\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007'],
    ['~', '~/t', '!!'],
  );

  const commandFor = async ([directory, template, variable]: (typeof cases)[number], platform: NodeJS.Platform) => {
    const options = { ...(await optionsFrom(['app', '--yes'])), directoryArg: directory };
    const choice = {
      source: template,
      manifest: {
        name: 't',
        description: '',
        extends: true,
        variables: [{ name: 'v', prompt: 'v', secret: false, required: true }],
      },
    } as unknown as TemplateChoice;
    return createCommand(
      'pnpm',
      replayArgs({ ...options, template: choice, vars: { v: variable } } as ProjectOptions),
      platform,
    );
  };
  const expectSame = (words: readonly string[], [directory, template, variable]: (typeof cases)[number]) => {
    const args = parseArgs(words);
    expect(resolve(base, args.directory ?? ''), JSON.stringify(words)).toBe(resolve(base, directory));
    expect(args.template).toBe(template);
    expect(args.vars).toEqual([`v=${variable}`]);
  };

  it.for(SHELLS)('in %s', async (shell, ctx) => {
    needs(ctx, shell[0]);
    const commands = await Promise.all(cases.map((c) => commandFor(c, 'linux')));
    const prefix = 'pnpm create azure-inference-app ';
    const lines = commands.map((command) => {
      expect(command.startsWith(prefix)).toBe(true);
      return `args() { printf '%s\\1' "$@"; printf '\\0'; }; args ${command.slice(prefix.length)}`;
    });
    const printed = runShell(shell, lines, tmpdir());
    expect(printed).toHaveLength(cases.length);
    for (const [i, words] of printed.entries()) {
      expectSame(words.split('\u0001').slice(0, -1), cases[i] as (typeof cases)[number]);
    }
  });

  it('in PowerShell', async () => {
    for (const c of cases) {
      const command = await commandFor(c, 'win32');
      // The grammar does not take `--` as an argument: each word is read on its own, as `echo <word>`.
      const words = command
        .replace(/^pnpm create azure-inference-app /, '')
        .match(/'(?:[^'\u2018-\u201b]|['\u2018-\u201b]{2})*'|"(?:[^"`]|`.)*"|\S+/gu) as string[];
      expectSame(
        words.map((word) => (readCommandArguments(`echo ${word}`) as [string])[0]),
        c,
      );
    }
  });

  it('never prints a control character raw, in any shell', async () => {
    for (const platform of ['linux', 'win32'] as const) {
      const command = await commandFor(['app', 'x', '\u001b]2;owned\u0007\u009b\u202e'], platform);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
      expect(command).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    expect(shellWord('\u001b]52;c;eA==\u0007', 'linux')).toBe("$'\\x1b]52;c;eA==\\x07'");
  });
});
