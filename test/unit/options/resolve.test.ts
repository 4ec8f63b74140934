import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { resolveOptions } from '../../../src/options/resolve.js';
import { CancelError, UsageError } from '../../../src/shared/errors.js';
import type { Environment, Prompter, Question } from '../../../src/types.js';

const env: Environment = { cwd: '/work', platform: 'linux', userAgent: undefined, nodeVersion: '24.11.0' };
const resolve = (argv: string[], environment = env, prompter?: Prompter) =>
  resolveOptions(parseArgs(argv), environment, prompter);

/** A prompter that answers from a table (else the offered initial value) and records what it was asked. */
function scripted(answers: Record<string, string | boolean> = {}) {
  const asked: string[] = [];
  const questions: Question[] = [];
  const prompter: Prompter = {
    async ask(question) {
      asked.push(question.field);
      questions.push(question);
      const answer = String(answers[question.field] ?? question.initial ?? '');
      expect(question.validate(answer), `${question.field} answer ${answer}`).toBeUndefined();
      return answer;
    },
    async confirm(question) {
      asked.push(question.field);
      return (answers[question.field] as boolean | undefined) ?? question.initial;
    },
    async progress(_message, work) {
      return work();
    },
    note(message) {
      asked.push(`note: ${message}`);
    },
    async secret(question) {
      asked.push(question.field);
      const answer = String(answers[question.field] ?? '');
      expect(question.validate(answer)).toBeUndefined();
      return answer;
    },
  };
  return { prompter, asked, questions };
}
const complete = ['my-app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini'];

describe('resolveOptions without a terminal', () => {
  it('fills defaults for everything optional', async () => {
    const options = await resolve(complete);
    expect(options).toEqual({
      directory: '/work/my-app',
      directoryArg: 'my-app',
      packageName: 'my-app',
      sdk: 'openai',
      app: 'console',
      auth: 'key',
      os: 'linux',
      resource: 'contoso',
      customEndpoint: undefined,
      deployment: 'gpt-4o-mini',
      model: undefined,
      node: '24.11.0',
      endpoint: 'https://contoso.openai.azure.com/openai/v1/',
      placeholders: false,
      apiVersion: undefined,
      packageManager: 'npm',
      install: true,
      git: 'auto',
      overwrite: false,
      dryRun: false,
      verify: false,
      apiKey: undefined,
      template: undefined,
      vars: {},
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
      endpoint: 'https://<your-resource-name>.openai.azure.com/openai/v1/',
      placeholders: true,
    });
  });

  it.each([
    [['--model', 'gpt-4.1'], '2024-06-01'],
    [['--model', 'gpt-5-mini'], '2024-10-21'],
    [['--model', 'o4-mini'], '2024-10-21'],
    [[], '2024-10-21'],
    [['--model', 'gpt-5-mini', '--api-version', '2025-04-01-preview'], '2025-04-01-preview'],
    [['--model', 'gpt-4o', '--api-version', '2024-02-01'], '2024-02-01'],
  ])('azure-inference with %j asks for api-version %s', async (extra, apiVersion) => {
    const options = await resolve([...complete, '--sdk', 'azure-inference', '--app', 'console', ...extra]);
    expect(options.apiVersion).toBe(apiVersion);
  });

  it.each(['24', '20', '22.18.0', '20.20.2'])('--node %s is taken as given', async (node) => {
    expect((await resolve([...complete, '--node', node])).node).toBe(node);
  });

  it.each([
    ['18', /^--node "18": must be 20 or later/],
    ['18.0.0', /^--node "18\.0\.0": must be 20 or later/],
    ['v24', /^--node "v24": use a major version number such as 24, or a full version such as 22\.18\.0/],
  ])('--node %s is refused by the same rule as the API', async (node, rule) => {
    await expect(resolve([...complete, '--node', node])).rejects.toThrow(rule);
  });

  it.each([
    [['--model', 'o4-mini'], /reasoning model o4-mini needs/],
    [[], /when --model is not given.*name a classic model/],
  ])('refuses an api-version without max_completion_tokens for %j', async (extra, rule) => {
    await expect(
      resolve([...complete, '--sdk', 'azure-inference', '--app', 'console', '--api-version', '2024-06-01', ...extra]),
    ).rejects.toThrow(rule);
  });

  it.each([
    ['openai', 'https://c.openai.azure.com/openai/deployments/gpt-4.1', /openai flavour calls the v1 API/],
    ['azure-inference', 'https://c.openai.azure.com/openai/v1/', /azure-inference flavour calls the deployment's URL/],
  ])("says what the %s flavour makes of the other flavour's URL", async (sdk, endpoint, note) => {
    const options = await resolve(['my-app', '--sdk', sdk, '--endpoint', endpoint, '--deployment', 'gpt-4.1']);
    expect(options.notes.join('\n')).toMatch(note);
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
    await expect(
      resolve([...complete, '--sdk', 'openai', '--app', 'console', '--api-version', '2024-10-21']),
    ).rejects.toThrow('--api-version applies to --sdk azure-inference only');
  });

  it('takes the deployment from a pasted Target URI and says what it dropped', async () => {
    const options = await resolve([
      'my-app',
      '--sdk',
      'azure-inference',
      '--app',
      'console',
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
      '--app',
      'console',
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

describe('resolveOptions with a prompter', () => {
  it('asks in order for what is missing, with defaults offered', async () => {
    const { prompter, asked } = scripted({ directory: 'asked-app', resource: 'asked-resource', deployment: 'gpt-4o' });
    const options = await resolveOptions(parseArgs([]), env, prompter);
    expect(asked).toEqual([
      'directory',
      'sdk',
      'app',
      'os',
      'resource',
      'deployment',
      'model',
      'auth',
      'apiKey',
      'install',
    ]);
    expect(options).toMatchObject({
      directoryArg: 'asked-app',
      sdk: 'openai',
      os: 'linux',
      resource: 'asked-resource',
      deployment: 'gpt-4o',
      auth: 'key',
      apiKey: undefined,
      install: true,
      git: 'auto',
    });
  });

  it('skips what flags give, and re-asks an invalid flag with its error and value', async () => {
    const { prompter, asked, questions } = scripted({ resource: 'fixed-resource' });
    const options = await resolve(
      [
        'app',
        '--resource',
        'bad_name',
        '--deployment',
        'gpt-4o',
        '--sdk',
        'openai',
        '--app',
        'console',
        '--os',
        'all',
        '--auth',
        'entra',
        '--no-install',
        '--no-git',
      ],
      env,
      prompter,
    );
    // The model is asked after the deployment: no flag gave it.
    expect(asked).toEqual(['resource', 'model']);
    expect(questions[0]).toMatchObject({
      flag: '--resource',
      initial: 'bad_name',
      error: expect.stringMatching(/2-64/),
    });
    expect(options.resource).toBe('fixed-resource');
  });

  it('re-asks a value that is not asked by default when its flag is invalid', async () => {
    const { prompter, asked } = scripted({ apiVersion: '2024-10-21' });
    const options = await resolve(
      [
        ...complete,
        '--os',
        'linux',
        '--sdk',
        'azure-inference',
        '--app',
        'console',
        '--auth',
        'entra',
        '--api-version',
        'latest',
        '--no-install',
      ],
      env,
      prompter,
    );
    expect(asked).toEqual(['model', 'apiVersion']);
    expect(options.apiVersion).toBe('2024-10-21');
  });

  it('takes the key from the masked prompt, and asks about git where it would run', async () => {
    const { prompter, asked } = scripted({ apiKey: 'abc123', git: false });
    const options = await resolve(
      [...complete, '--os', 'linux', '--sdk', 'openai', '--app', 'console', '--auth', 'key'],
      { ...env, reasonToSkipGit: async () => undefined },
      prompter,
    );
    expect(asked).toEqual(['model', 'apiKey', 'install', 'git']);
    expect(options).toMatchObject({ apiKey: 'abc123', git: false });
  });

  it('asks what to do with a non-empty directory: continue means overwrite', async () => {
    const { prompter } = scripted({ overwrite: 'continue' });
    const options = await resolve(
      [
        ...complete,
        '--os',
        'linux',
        '--sdk',
        'openai',
        '--app',
        'console',
        '--auth',
        'entra',
        '--no-install',
        '--no-git',
      ],
      { ...env, hasFiles: async () => true },
      prompter,
    );
    expect(options.overwrite).toBe(true);
  });

  it('cancel at the non-empty directory question is a CancelError', async () => {
    const { prompter } = scripted({ overwrite: 'cancel' });
    await expect(resolve(complete, { ...env, hasFiles: async () => true }, prompter)).rejects.toBeInstanceOf(
      CancelError,
    );
  });
});

describe('the API key from outside the prompts', () => {
  it('from the environment is used for key auth and noted, never shown', async () => {
    const options = await resolve(complete, { ...env, apiKey: { value: 's3cret', source: 'AZURE_OPENAI_CHAT_KEY' } });
    expect(options.apiKey).toBe('s3cret');
    expect(options.notes.join('\n')).not.toContain('s3cret');
  });

  it('is ignored from the environment for Entra ID', async () => {
    const options = await resolve([...complete, '--auth', 'entra'], {
      ...env,
      apiKey: { value: 's3cret', source: 'AZURE_OPENAI_CHAT_KEY' },
    });
    expect(options.apiKey).toBeUndefined();
  });

  it('from --api-key-stdin with Entra ID is a usage error', async () => {
    await expect(
      resolve([...complete, '--auth', 'entra'], { ...env, apiKey: { value: 's3cret', source: '--api-key-stdin' } }),
    ).rejects.toThrow('--api-key-stdin goes with --auth key');
  });

  it('that a .env file cannot hold is refused without showing it', async () => {
    const error = await resolve(complete, {
      ...env,
      apiKey: { value: "it's secret", source: '--api-key-stdin' },
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      "The API key from --api-key-stdin: must be 1-512 printable ASCII characters without spaces or single quotes (' would end the value in .env); copy Key 1 from Keys and Endpoint",
    );
  });
});

describe('template variables', () => {
  const template: NonNullable<Parameters<typeof resolveOptions>[3]> = {
    source: 'github:acme/templates/svc',
    dir: '/templates/svc',
    manifest: {
      name: 'svc',
      description: '',
      extends: true,
      variables: [
        { name: 'owner', prompt: 'Owning team', secret: false, required: true },
        { name: 'region', prompt: 'Region', default: 'eu', pattern: '[a-z]{2}', secret: false, required: true },
        { name: 'notes', prompt: 'Notes', secret: false, required: false },
        { name: 'token', prompt: 'Internal token', pattern: 'tk-[a-z0-9]+', secret: true, required: true },
      ],
    },
  };
  const withTemplate = (argv: string[], prompter?: Prompter) =>
    resolveOptions(parseArgs(argv), env, prompter, template);
  const flagsOnly = [
    ...complete,
    '--os',
    'linux',
    '--sdk',
    'openai',
    '--app',
    'console',
    '--auth',
    'entra',
    '--no-install',
    '--no-git',
    '--model',
    'gpt-4.1',
  ];

  /** `scripted`, also keeping the masked questions it was asked. */
  function scriptedWithSecrets(answers: Record<string, string | boolean>) {
    const script = scripted(answers);
    const secrets: Parameters<Prompter['secret']>[0][] = [];
    const prompter: Prompter = {
      ...script.prompter,
      secret: async (question) => {
        secrets.push(question);
        return script.prompter.secret(question);
      },
    };
    return { ...script, prompter, secrets };
  }

  it('asks each variable after the key question, secret ones masked, offering the default', async () => {
    const { prompter, asked, questions, secrets } = scriptedWithSecrets({
      directory: 'svc-app',
      resource: 'contoso',
      deployment: 'gpt-4o',
      'var.owner': 'payments',
      'var.token': 'tk-42',
    });
    const options = await withTemplate([], prompter);
    expect(asked).toEqual([
      'directory',
      'sdk',
      'app',
      'os',
      'resource',
      'deployment',
      'model',
      'auth',
      'apiKey',
      'var.owner',
      'var.region',
      'var.notes',
      'var.token',
      'install',
    ]);
    const byField = new Map(questions.map((question) => [question.field, question]));
    expect(byField.get('var.owner')).toMatchObject({ flag: '--var owner', message: 'Owning team' });
    expect(byField.get('var.owner')).not.toHaveProperty('initial');
    expect(byField.get('var.owner')).not.toHaveProperty('error');
    expect(byField.get('var.region')).toMatchObject({ flag: '--var region', message: 'Region', initial: 'eu' });
    expect(byField.get('var.notes')).not.toHaveProperty('initial');
    // The secret is never asked in the clear.
    expect(byField.has('var.token')).toBe(false);
    expect(secrets.map((question) => question.field)).toEqual(['apiKey', 'var.token']);
    expect(secrets[1]?.message).toBe('Internal token');

    // The answers are checked by the variable's rules: required, pattern; an optional one may be empty.
    const owner = byField.get('var.owner');
    expect(owner?.validate('')).toBe('is required');
    expect(byField.get('var.region')?.validate('EUR')).toBe('must match [a-z]{2}');
    expect(byField.get('var.notes')?.validate('')).toBeUndefined();
    expect(secrets[1]?.validate('')).toBe('is required');
    expect(secrets[1]?.validate('nope')).toBe('must match tk-[a-z0-9]+');
    expect(secrets[1]?.validate('tk-1')).toBeUndefined();

    expect(options.template).toBe(template);
    expect(options.vars).toEqual({ owner: 'payments', region: 'eu', notes: '', token: 'tk-42' });
  });

  it('does not ask what --var gives (every variable, even one with a default, is asked otherwise)', async () => {
    const { prompter, asked } = scripted();
    const options = await withTemplate(
      [...flagsOnly, '--var', 'owner=a=b', '--var', 'region=us', '--var', 'notes=', '--var', 'token=tk-7'],
      prompter,
    );
    expect(asked).toEqual([]);
    expect(options.vars).toEqual({ owner: 'a=b', region: 'us', notes: '', token: 'tk-7' });
  });

  it('re-asks an invalid --var with its error and value', async () => {
    const { prompter, asked, questions } = scripted({ 'var.region': 'fr' });
    const options = await withTemplate(
      [...flagsOnly, '--var', 'owner=me', '--var', 'region=EUR', '--var', 'notes=n', '--var', 'token=tk-1'],
      prompter,
    );
    expect(asked).toEqual(['var.region']);
    expect(questions[0]).toMatchObject({
      field: 'var.region',
      flag: '--var region',
      initial: 'EUR',
      error: 'must match [a-z]{2}',
    });
    expect(options.vars.region).toBe('fr');
  });

  it('re-asks an invalid secret --var masked, without showing the value', async () => {
    const { prompter, asked, questions, secrets } = scriptedWithSecrets({ 'var.token': 'tk-2' });
    const options = await withTemplate(
      [...flagsOnly, '--var', 'owner=me', '--var', 'region=eu', '--var', 'notes=', '--var', 'token=Bad Secret!'],
      prompter,
    );
    expect(asked).toEqual(['var.token']);
    expect(questions).toEqual([]);
    expect(secrets.map((question) => question.field)).toEqual(['var.token']);
    expect(JSON.stringify(secrets[0])).not.toContain('Bad Secret!');
    expect(options.vars.token).toBe('tk-2');
  });

  it('without a terminal: defaults, then every problem at once, never showing a value', async () => {
    const error = await withTemplate([
      ...complete,
      '--var',
      'region=EUR',
      '--var',
      'token=Bad Secret!',
      '--var',
      'nope=1',
      '--var',
      '=x',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.split('\n')).toEqual([
      'Missing --var owner=.... There is no terminal to ask in: pass it.',
      '--var nope: the template declares no such variable (it has: owner, region, notes, token)',
      '--var "=x": write it as name=value',
      '--var region: must match [a-z]{2}',
      '--var token: must match tk-[a-z0-9]+',
    ]);
    expect((error as Error).message).not.toContain('Bad Secret!');
    const twice = await withTemplate([...complete, '--var', 'owner=a', '--var', 'owner=b']).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(UsageError);
    expect((twice as Error).message).toContain('--var owner: given more than once: give it once');

    const options = await withTemplate([...complete, '--var', 'owner=me', '--var', 'token=tk-3']);
    expect(options.vars).toEqual({ owner: 'me', region: 'eu', notes: '', token: 'tk-3' });
  });

  it('--var with control characters is refused naming the variable and the rule, never showing the value', async () => {
    const error = await withTemplate([
      ...complete,
      '--var',
      'owner=a\u001b]2;owned\u0007',
      '--var',
      'region=e\ru',
      '--var',
      'notes=two\nlines',
      '--var',
      'token=tk-\u0000',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message.split('\n')).toEqual([
      '--var owner: must not contain control characters, tabs or line breaks (it has U+001B (ESC))',
      '--var region: must not contain control characters, tabs or line breaks (it has U+000D (carriage return))',
      '--var notes: must not contain control characters, tabs or line breaks (it has U+000A (line feed))',
      '--var token: must not contain control characters, tabs or line breaks (it has U+0000 (NUL))',
    ]);
    expect((error as Error).message).not.toContain('owned');
  });

  it('--var without a template is an error', async () => {
    await expect(resolve([...complete, '--var', 'x=1'])).rejects.toThrow('--var x: goes with --template');
  });
});

describe('picking the resource, deployment and key with the Azure CLI', () => {
  type Az = NonNullable<Environment['azure']>;
  const signedOut = "Please run 'az login' to setup account.";

  /** An az that answers from the fake-az fixtures (no process), optionally failing some commands; records calls. */
  async function fakeAz(fail: { resources?: string; deployments?: string; keys?: string } = {}) {
    const { ACCOUNTS, DEPLOYMENTS, KEYS } = await import('../../helpers/fake-az.js');
    const calls: string[] = [];
    const az: Az = async (args) => {
      calls.push(args.join(' '));
      const name = args[args.indexOf('-n') + 1] ?? '';
      const what = args.join(' ');
      const failure = what.includes(' deployment list ')
        ? fail.deployments
        : what.includes(' keys list ')
          ? fail.keys
          : fail.resources;
      if (failure !== undefined) return { ok: false, reason: failure };
      if (what.includes(' deployment list ')) return { ok: true, value: JSON.stringify(DEPLOYMENTS[name] ?? []) };
      if (what.includes(' keys list ')) return { ok: true, value: JSON.stringify(KEYS[name]) };
      return { ok: true, value: JSON.stringify(ACCOUNTS) };
    };
    return { az, calls, keys: KEYS };
  }

  /** `scripted`, answering choice questions by the label of the choice, and keeping the progress messages. */
  function choosing(labels: Record<string, string>, answers: Record<string, string | boolean> = {}) {
    const script = scripted(answers);
    const progress: string[] = [];
    const chosen = new Set<string>();
    const prompter: Prompter = {
      ...script.prompter,
      async ask(question) {
        const label = labels[question.field];
        if (!question.choices || label === undefined || chosen.has(question.field))
          return script.prompter.ask(question);
        chosen.add(question.field);
        script.asked.push(question.field);
        script.questions.push(question);
        const choice = question.choices.find((c) => c.label === label);
        expect(choice, `${question.field} offers ${label}`).toBeDefined();
        expect(question.validate(choice?.value ?? '')).toBeUndefined();
        return choice?.value ?? '';
      },
      async progress(message, work) {
        progress.push(message);
        return work();
      },
    };
    return { ...script, prompter, progress };
  }

  const rest = ['app', '--sdk', 'azure-inference', '--app', 'console', '--os', 'linux', '--no-install', '--no-git'];

  it('offers the resources with kind, region and group, then the deployments, ready ones first', async () => {
    const { az, calls } = await fakeAz();
    const { prompter, asked, questions, progress } = choosing({
      resource: 'contoso-eastus',
      deployment: 'gpt-4o-mini',
    });
    const options = await resolve([...rest, '--auth', 'entra'], { ...env, azure: az }, prompter);
    expect(asked).toEqual(['resource', 'deployment']);
    expect(progress).toEqual([
      'Looking for your Azure OpenAI resources (az)',
      'Reading the deployments of contoso-eastus (az)',
    ]);
    expect(questions[0]).toMatchObject({
      field: 'resource',
      flag: '--resource',
      message: 'Which Azure OpenAI resource?',
    });
    expect(questions[0]?.choices?.map(({ label, hint }) => [label, hint])).toEqual([
      ['alpha-west', 'OpenAI · westeurope · rg-alpha'],
      ['contoso-eastus', 'OpenAI · eastus · rg-contoso'],
      ['Fabrikam-AI', 'AIServices · swedencentral · rg-fabrikam'],
      ['Create a new resource', 'with az; every command shown first'],
      ['Type a name instead', undefined],
    ]);
    expect(questions[1]?.choices?.map(({ label, hint }) => [label, hint])).toEqual([
      ['gpt-4o', 'gpt-4o 2024-08-06'],
      ['gpt-4o-mini', 'gpt-4o-mini 2024-07-18'],
      ['o3-mini', 'o3-mini 2025-01-31 (Creating)'],
      ['old-35', 'gpt-35-turbo 0125 (Failed)'],
      ['Type a name instead', undefined],
    ]);
    expect(options).toMatchObject({
      resource: 'contoso-eastus',
      customEndpoint: undefined,
      deployment: 'gpt-4o-mini',
      endpoint: 'https://contoso-eastus.openai.azure.com/openai/deployments/gpt-4o-mini',
      placeholders: false,
      apiKey: undefined,
    });
    expect(calls).toEqual([
      'cognitiveservices account list -o json',
      'cognitiveservices account deployment list -g rg-contoso -n contoso-eastus -o json',
    ]);
  });

  it('takes a custom-domain resource by its endpoint, not by <name>.openai.azure.com', async () => {
    const { az } = await fakeAz();
    const { prompter } = choosing({ resource: 'Fabrikam-AI', deployment: 'chat' });
    const options = await resolve([...rest, '--auth', 'entra'], { ...env, azure: az }, prompter);
    expect(options).toMatchObject({
      resource: undefined,
      customEndpoint: 'https://fabrikam-models.cognitiveservices.azure.com',
      deployment: 'chat',
      endpoint: 'https://fabrikam-models.cognitiveservices.azure.com/openai/deployments/chat',
    });
    const openai = await resolve(
      ['app', '--sdk', 'openai', '--app', 'console', '--os', 'linux', '--no-install', '--no-git', '--auth', 'entra'],
      { ...env, azure: az },
      choosing({ resource: 'Fabrikam-AI', deployment: 'chat' }).prompter,
    );
    expect(openai.endpoint).toBe('https://fabrikam-models.cognitiveservices.azure.com/openai/v1/');
  });

  it("'Type a name instead' asks for the resource, and then the deployment, as text", async () => {
    const { az, calls } = await fakeAz();
    const { prompter, asked, questions } = choosing(
      { resource: 'Type a name instead' },
      { resource: 'typed-resource', deployment: 'typed-deployment' },
    );
    const options = await resolve([...rest, '--auth', 'entra'], { ...env, azure: az }, prompter);
    expect(asked).toEqual(['resource', 'resource', 'deployment', 'model']);
    expect(questions[1]?.choices).toBeUndefined();
    expect(questions[2]?.choices).toBeUndefined();
    expect(options).toMatchObject({ resource: 'typed-resource', deployment: 'typed-deployment' });
    expect(calls).toEqual(['cognitiveservices account list -o json']);
  });

  it("'Type a name instead' at the deployment keeps the picked resource", async () => {
    const { az } = await fakeAz();
    const { prompter, asked } = choosing(
      { resource: 'contoso-eastus', deployment: 'Type a name instead' },
      { deployment: 'not-listed-yet' },
    );
    const options = await resolve([...rest, '--auth', 'entra'], { ...env, azure: az }, prompter);
    expect(asked).toEqual(['resource', 'deployment', 'deployment', 'model']);
    expect(options).toMatchObject({ resource: 'contoso-eastus', deployment: 'not-listed-yet' });
  });

  it('a signed-out az is one note, then the names are typed', async () => {
    const { az, calls } = await fakeAz({ resources: signedOut });
    const { prompter, asked } = choosing({}, { resource: 'contoso', deployment: 'gpt-4o' });
    const options = await resolve([...rest, '--auth', 'entra'], { ...env, azure: az }, prompter);
    expect(asked).toEqual([
      "note: Azure CLI: Please run 'az login' to setup account.; type the names instead.",
      'resource',
      'deployment',
      'model',
    ]);
    expect(options).toMatchObject({ resource: 'contoso', deployment: 'gpt-4o' });
    expect(calls).toHaveLength(1);
  });

  it('a resource without deployments is one note, then the deployment is typed', async () => {
    const { az } = await fakeAz();
    const { prompter, asked } = choosing({ resource: 'alpha-west' }, { deployment: 'gpt-4o' });
    const options = await resolve([...rest, '--auth', 'entra'], { ...env, azure: az }, prompter);
    expect(asked).toEqual([
      'resource',
      'note: Azure CLI: no deployments on alpha-west; type the deployment name instead.',
      'deployment',
      'model',
    ]);
    expect(options).toMatchObject({ resource: 'alpha-west', deployment: 'gpt-4o' });
  });

  it('with key auth, offers to fetch the key and saves it, noting where it came from without showing it', async () => {
    const { az, calls, keys } = await fakeAz();
    const key = keys['contoso-eastus']?.key1 ?? '';
    const { prompter, asked, progress } = choosing({ resource: 'contoso-eastus', deployment: 'gpt-4o' });
    const options = await resolve([...rest, '--auth', 'key'], { ...env, azure: az }, prompter);
    expect(asked).toEqual(['resource', 'deployment', 'fetchKey']);
    expect(progress).toContain('Fetching the key (az)');
    expect(options.apiKey).toBe(key);
    // That it is saved is said after the write, by the report.
    expect(options.notes).toEqual([]);
    expect(JSON.stringify({ ...options, apiKey: undefined })).not.toContain(key);
    expect(asked.join('\n') + progress.join('\n')).not.toContain(key);
    expect(calls.at(-1)).toBe('cognitiveservices account keys list -g rg-contoso -n contoso-eastus -o json');
  });

  it('declining the fetch asks for the key masked, and az is not asked for it', async () => {
    const { az, calls } = await fakeAz();
    const { prompter, asked } = choosing(
      { resource: 'contoso-eastus', deployment: 'gpt-4o' },
      { fetchKey: false, apiKey: 'typed-key-123' },
    );
    const options = await resolve([...rest, '--auth', 'key'], { ...env, azure: az }, prompter);
    expect(asked).toEqual(['resource', 'deployment', 'fetchKey', 'apiKey']);
    expect(options.apiKey).toBe('typed-key-123');
    expect(options.notes).toEqual([]);
    expect(calls.some((call) => call.includes('keys list'))).toBe(false);
  });

  it('a failing key fetch is one note, then the masked prompt', async () => {
    const { az } = await fakeAz({ keys: 'AuthorizationFailed' });
    const { prompter, asked } = choosing({ resource: 'contoso-eastus', deployment: 'gpt-4o' });
    const options = await resolve([...rest, '--auth', 'key'], { ...env, azure: az }, prompter);
    expect(asked).toEqual([
      'resource',
      'deployment',
      'fetchKey',
      'note: Azure CLI: AuthorizationFailed; paste the key instead, or skip it.',
      'apiKey',
    ]);
    expect(options.apiKey).toBeUndefined();
  });

  it.each([
    ['--resource and --deployment', ['--resource', 'contoso', '--deployment', 'gpt-4o']],
    ['--resource', ['--resource', 'contoso']],
    ['--endpoint', ['--endpoint', 'https://contoso.openai.azure.com']],
  ])('never runs az when %s is given', async (_flags, given) => {
    const { az, calls } = await fakeAz();
    const { prompter } = choosing({}, { deployment: 'gpt-4o', apiKey: '' });
    const options = await resolve([...rest, ...given, '--auth', 'key'], { ...env, azure: az }, prompter);
    expect(calls).toEqual([]);
    expect(options.endpoint).toMatch(/^https:\/\/contoso\.openai\.azure\.com\/openai\/deployments\/gpt-4o$/);
  });

  it('--deployment given: the resource is picked, its deployments are not read', async () => {
    const { az, calls } = await fakeAz();
    const { prompter, asked } = choosing({ resource: 'contoso-eastus' });
    const options = await resolve(
      [...rest, '--deployment', 'gpt-4o', '--auth', 'entra'],
      { ...env, azure: az },
      prompter,
    );
    expect(asked).toEqual(['resource', 'model']);
    expect(calls).toEqual(['cognitiveservices account list -o json']);
    expect(options).toMatchObject({ resource: 'contoso-eastus', deployment: 'gpt-4o' });
  });

  it('without a terminal the az in the environment is never run', async () => {
    const { az, calls } = await fakeAz();
    await resolve(['app', '--yes'], { ...env, azure: az });
    expect(calls).toEqual([]);
  });
});

describe('the resource question takes a pasted endpoint URL', () => {
  it.each([
    [
      'https://contoso.openai.azure.com/',
      { resource: 'contoso', endpoint: 'https://contoso.openai.azure.com/openai/v1/' },
    ],
    [
      'https://contoso.cognitiveservices.azure.com/',
      { resource: undefined, endpoint: 'https://contoso.cognitiveservices.azure.com/openai/v1/' },
    ],
    [
      'https://contoso.services.ai.azure.com/api/projects/p1',
      { resource: undefined, endpoint: 'https://contoso.services.ai.azure.com/openai/v1/' },
    ],
  ])('%s', async (pasted, expected) => {
    const { prompter } = scripted({ resource: pasted });
    const options = await resolve(['my-app', '--deployment', 'chat', '--sdk', 'openai'], env, prompter);
    expect(options).toMatchObject(expected);
  });

  it('refuses a host name, naming the whole URL and --endpoint as the ways to give it', async () => {
    await expect(resolve(['my-app', '--resource', 'contoso.openai.azure.com', '--deployment', 'chat'])).rejects.toThrow(
      /paste the whole endpoint URL \(https:\/\/<name>\.openai\.azure\.com\/\), or give a URL with --endpoint/,
    );
  });
});
