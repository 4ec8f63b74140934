import { describe, expect, it } from 'vitest';
import { type CliArgs, parseArgs } from '../../src/args.js';
import { UsageError } from '../../src/errors.js';
import { type Ask, type Environment, type Question, resolveOptions } from '../../src/options.js';

const env: Environment = { cwd: '/work', platform: 'linux', userAgent: undefined };
const resolve = (argv: string[], environment = env, ask?: Ask) => resolveOptions(parseArgs(argv), environment, ask);
const complete = ['my-app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini'];

describe('resolveOptions without a terminal', () => {
  it('fills defaults for everything optional', async () => {
    const options = await resolve(complete);
    expect(options).toEqual({
      directory: '/work/my-app',
      directoryArg: 'my-app',
      packageName: 'my-app',
      sdk: 'azure-inference',
      auth: 'key',
      os: 'linux',
      resource: 'contoso',
      customEndpoint: undefined,
      deployment: 'gpt-4o-mini',
      endpoint: 'https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini',
      placeholders: false,
      apiVersion: '2024-06-01',
      packageManager: 'npm',
      install: true,
      git: 'auto',
      overwrite: false,
      dryRun: false,
      notes: [],
    });
  });

  it.each([
    ['win32', 'windows'],
    ['darwin', 'macos'],
    ['linux', 'linux'],
    ['freebsd', 'linux'],
  ] as const)('defaults --os on %s to %s', async (platform, os) => {
    expect((await resolve(complete, { ...env, platform })).os).toBe(os);
  });

  it.each([
    ['pnpm/9.12.0 npm/? node/v20.19.0 linux x64', 'pnpm'],
    ['yarn/1.22.22 npm/? node/v20.19.0 linux x64', 'yarn'],
    ['bun/1.2.0 npm/? node/v22.0.0 linux x64', 'bun'],
    ['npm/11.0.0 node/v20.19.0 linux x64 workspaces/false', 'npm'],
    ['something/1.0', 'npm'],
  ])('takes the package manager from the user agent %s', async (userAgent, pm) => {
    expect((await resolve(complete, { ...env, userAgent })).packageManager).toBe(pm);
  });

  it('prefers a flag to the detected package manager', async () => {
    const options = await resolve([...complete, '--package-manager', 'yarn'], { ...env, userAgent: 'pnpm/9.0.0' });
    expect(options.packageManager).toBe('yarn');
  });

  it('names every missing value in one error', async () => {
    await expect(resolve([])).rejects.toThrow(
      'Missing [directory], --resource, --deployment. There is no terminal to ask in: pass them, or --yes to use defaults',
    );
  });

  it('uses the guide placeholders with --yes', async () => {
    const options = await resolve(['--yes']);
    expect(options).toMatchObject({
      directoryArg: 'azure-inference-app',
      resource: '<your-resource-name>',
      deployment: '<your-deployment-name>',
      endpoint: 'https://<your-resource-name>.openai.azure.com/openai/deployments/<your-deployment-name>',
      placeholders: true,
    });
  });

  it('reports every bad value at once, naming flag, value and rule', async () => {
    const error = await resolve([
      'my-app',
      '--resource',
      'bad_name',
      '--deployment',
      'gpt 4',
      '--sdk',
      'python',
      '--os',
      'beos',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.split('\n')).toEqual([
      '--sdk "python": use one of: azure-inference, openai',
      '--os "beos": use one of: windows, linux, macos, all',
      '--resource "bad_name": use 2-64 letters, digits and hyphens, starting and ending with a letter or digit (it becomes <name>.openai.azure.com)',
      '--deployment "gpt 4": use 1-64 letters, digits, dots, underscores and hyphens, starting with a letter or digit (as named in the Azure portal)',
    ]);
  });

  it('refuses --resource with --endpoint', async () => {
    await expect(resolve([...complete, '--endpoint', 'https://x.openai.azure.com'])).rejects.toThrow(
      '--resource and --endpoint both name the endpoint: give one',
    );
  });

  it('refuses --api-version with the openai flavour', async () => {
    await expect(resolve([...complete, '--sdk', 'openai', '--api-version', '2024-10-21'])).rejects.toThrow(
      '--api-version applies to --sdk azure-inference only',
    );
  });

  it('takes the deployment from a pasted Target URI and says what it dropped', async () => {
    const options = await resolve([
      'my-app',
      '--endpoint',
      'https://contoso.openai.azure.com/openai/deployments/gpt-4.1/chat/completions?api-version=2025-01-01-preview',
    ]);
    expect(options).toMatchObject({
      resource: undefined,
      customEndpoint: 'https://contoso.openai.azure.com',
      deployment: 'gpt-4.1',
      endpoint: 'https://contoso.openai.azure.com/openai/deployments/gpt-4.1',
    });
    expect(options.notes).toHaveLength(2);
  });

  it('builds the v1 endpoint for openai from a custom domain', async () => {
    const options = await resolve([
      'app',
      '--sdk',
      'openai',
      '--endpoint',
      'https://ai.contoso.com',
      '--deployment',
      'chat',
    ]);
    expect(options).toMatchObject({ endpoint: 'https://ai.contoso.com/openai/v1/', apiVersion: undefined });
  });

  it('refuses a --deployment that contradicts the one in --endpoint', async () => {
    await expect(
      resolve(['app', '--endpoint', 'https://c.openai.azure.com/openai/deployments/a', '--deployment', 'b']),
    ).rejects.toThrow('--deployment "b" differs from the deployment "a" in --endpoint');
  });

  it('resolves the directory against cwd and derives the package name', async () => {
    const options = await resolve(['../Other Place/My App!', '--yes']);
    expect(options.directory).toBe('/Other Place/My App!');
    expect(options.packageName).toBe('my-app');
  });

  it('maps --no-install, --no-git, --overwrite and --dry-run', async () => {
    const options = await resolve([...complete, '--no-install', '--no-git', '--overwrite', '--dry-run']);
    expect(options).toMatchObject({ install: false, git: false, overwrite: true, dryRun: true });
  });
});

describe('resolveOptions with an ask function', () => {
  it('asks only for what is missing or invalid, with the flag error shown', async () => {
    const questions: Question[] = [];
    const answers: Record<string, string> = { directory: 'asked-app', resource: 'asked-resource' };
    const ask: Ask = async (question) => {
      questions.push(question);
      const answer = answers[question.field] ?? question.initial ?? '';
      expect(question.validate(answer)).toBeUndefined();
      return answer;
    };
    const args: CliArgs = { ...parseArgs(['--resource', 'bad_name', '--deployment', 'gpt-4o']) };
    const options = await resolveOptions(args, env, ask);
    expect(questions.map((q) => q.field)).toEqual(['directory', 'sdk', 'os', 'resource', 'auth']);
    expect(questions.find((q) => q.field === 'resource')).toMatchObject({
      initial: 'bad_name',
      error: expect.stringMatching(/2-64/),
    });
    expect(options).toMatchObject({ directoryArg: 'asked-app', resource: 'asked-resource', deployment: 'gpt-4o' });
  });

  it('re-asks a value that is not asked by default when its flag is invalid', async () => {
    const asked: string[] = [];
    const ask: Ask = async (question) => {
      asked.push(question.field);
      return question.field === 'apiVersion' ? '2024-10-21' : (question.initial ?? 'x');
    };
    const options = await resolve(
      [...complete, '--sdk', 'azure-inference', '--os', 'linux', '--auth', 'key', '--api-version', 'latest'],
      env,
      ask,
    );
    expect(asked).toEqual(['apiVersion']);
    expect(options.apiVersion).toBe('2024-10-21');
  });
});
