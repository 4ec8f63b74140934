import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/shared/errors.js';

describe('parseArgs', () => {
  it('reads every flag', () => {
    const args = parseArgs([
      'my-app',
      '--sdk',
      'openai',
      '--resource=contoso',
      '--deployment',
      'gpt-4o',
      '--auth',
      'entra',
      '--api-version',
      '2024-10-21',
      '--os',
      'all',
      '--package-manager',
      'pnpm',
      '--template',
      './tpl',
      '--var',
      'a=1',
      '--var',
      'b=x=y',
      '--no-install',
      '--git',
      '--overwrite',
      '--api-key-stdin',
      '-y',
      '--dry-run',
      '--json',
    ]);
    expect(args).toEqual({
      directory: 'my-app',
      sdk: 'openai',
      resource: 'contoso',
      deployment: 'gpt-4o',
      endpoint: undefined,
      auth: 'entra',
      apiVersion: '2024-10-21',
      os: 'all',
      packageManager: 'pnpm',
      template: './tpl',
      vars: ['a=1', 'b=x=y'],
      install: false,
      git: true,
      overwrite: true,
      apiKeyStdin: true,
      yes: true,
      dryRun: true,
      verify: false,
      json: true,
      help: false,
      version: false,
    });
  });

  it('leaves what was not given undefined, so defaults and prompts can fill it', () => {
    expect(parseArgs([])).toMatchObject({ directory: undefined, install: undefined, git: undefined, yes: false });
  });

  it.each([
    [['--resrouce', 'x'], /Unknown option --resrouce\. Did you mean --resource\?/],
    [['--no-instal'], /Unknown option --no-instal\. Did you mean --install\?/],
    [['--frobnicate'], /^Unknown option --frobnicate\.$/],
    [['-Y'], /^Unknown option -Y\.$/],
    [['--resource'], /--resource needs a value/],
    [
      ['--resource', '--deployment', 'x'],
      /--resource needs a value \(to pass one that starts with -, write --resource=<value>\)/,
    ],
    [['a', 'b'], /Expected one directory, got 2: a b/],
    [['--install', '--no-install'], /--install and --no-install contradict each other/],
    [['--no-git', '--git'], /--git and --no-git contradict each other/],
    [['--resource', 'contoso', '--resource', 'other'], /--resource given 2 times \("contoso", "other"\): give it once/],
    [['--os', 'linux', '--os=linux'], /--os given 2 times/],
    [['--model='], /--model "": must not be empty/],
    [['--template', ''], /--template "": must not be empty/],
    [['--var', ''], /--var "": must not be empty/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('names every empty or repeated flag in one error', () => {
    expect(() => parseArgs(['--model=', '--deployment', 'a', '--deployment', 'b'])).toThrow(
      '--model "": must not be empty (leave the flag out instead)\n--deployment given 2 times ("a", "b"): give it once',
    );
  });

  it('takes --var more than once, and a flag that takes no value more than once', () => {
    expect(parseArgs(['--var', 'a=1', '--var', 'b=2', '--json', '--json'])).toMatchObject({
      vars: ['a=1', 'b=2'],
      json: true,
    });
  });

  it('takes a value that starts with a dash when written with =', () => {
    expect(parseArgs(['--deployment=-x']).deployment).toBe('-x');
  });
});
