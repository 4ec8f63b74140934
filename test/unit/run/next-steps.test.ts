import { describe, expect, it } from 'vitest';
import { createCommand, replayArgs } from '../../../src/options/replay.js';
import { render } from '../../../src/project/render.js';
import { installEnvironment } from '../../../src/run/install.js';
import { nextSteps } from '../../../src/run/next-steps.js';
import { optionsFrom } from '../../helpers/options.js';

const steps = async (flags: string[], platform: NodeJS.Platform = 'linux', installed = true) => {
  const options = await optionsFrom(flags);
  const files = new Set((await render(options)).keys());
  return nextSteps({ options, cwd: '/projects', platform, installed, files });
};

describe('nextSteps', () => {
  it('for linux: cd, source, start', async () => {
    expect(await steps(['app', '--yes', '--resource', 'contoso', '--deployment', 'd'])).toEqual([
      'cd app',
      'source ./setup-env.sh   # asks for the API key',
      'npm start',
    ]);
  });

  it('for windows with pnpm, not installed: PowerShell quoting and commands', async () => {
    expect(
      await steps(
        [
          "it's here",
          '--yes',
          '--resource',
          'contoso',
          '--deployment',
          'd',
          '--os',
          'windows',
          '--package-manager',
          'pnpm',
        ],
        'win32',
        false,
      ),
    ).toEqual(["cd 'it''s here'", 'pnpm install', '.\\setup-env.ps1   # asks for the API key', 'pnpm start']);
  });

  it('for all OSes on linux, mentions PowerShell as a comment; Entra adds az login', async () => {
    expect(await steps(['app', '--yes', '--os', 'all', '--auth', 'entra', '--package-manager', 'bun'])).toEqual([
      'cd app',
      '# replace <your-resource-name> and <your-deployment-name> in setup-env.sh and setup-env.ps1',
      'az login',
      'source ./setup-env.sh',
      '# in PowerShell: .\\setup-env.ps1',
      'bun run start',
    ]);
  });

  it('uses the absolute path when the project is outside cwd, and no cd for "."', async () => {
    expect((await steps(['/elsewhere/app', '--yes']))[0]).toBe('cd /elsewhere/app');
    expect((await steps(['.', '--resource', 'contoso', '--deployment', 'd']))[0]).toBe(
      'source ./setup-env.sh   # asks for the API key',
    );
  });
});

it('names only what the project has (a custom template can drop the setup scripts and examples)', async () => {
  const options = await optionsFrom(['app', '--yes', '--resource', 'contoso', '--deployment', 'd', '--os', 'all']);
  expect(
    nextSteps({
      options,
      cwd: '/projects',
      platform: 'linux',
      installed: false,
      files: new Set(['hello.ts', 'package.json']),
    }),
  ).toEqual(['cd app', 'npm install']);
});

describe('replay', () => {
  it('reproduces the options as flags', async () => {
    const options = await optionsFrom([
      'my app',
      '--resource',
      'contoso',
      '--deployment',
      'd',
      '--sdk',
      'azure-inference',
      '--api-version',
      '2024-10-01-preview',
    ]);
    expect(replayArgs(options)).toEqual([
      'my app',
      '--yes',
      '--sdk',
      'azure-inference',
      '--resource',
      'contoso',
      '--deployment',
      'd',
      '--auth',
      'key',
      '--api-version',
      '2024-10-01-preview',
      '--os',
      'linux',
    ]);
    expect(createCommand('npm', replayArgs(options))).toBe(
      "npm create azure-inference-app@latest 'my app' -- --yes --sdk azure-inference --resource contoso --deployment d --auth key --api-version 2024-10-01-preview --os linux",
    );
    expect(createCommand('pnpm', ['app', '--yes'])).toBe('pnpm create azure-inference-app app --yes');
  });

  it('replays a resolved project to the same options', async () => {
    const options = await optionsFrom([
      'app',
      '--endpoint',
      'https://gw.example.com/team',
      '--deployment',
      'd',
      '--sdk',
      'openai',
      '--auth',
      'entra',
      '--os',
      'all',
    ]);
    expect(await optionsFrom(replayArgs(options))).toEqual(options);
    const placeholders = await optionsFrom(['app', '--yes']);
    expect(await optionsFrom(replayArgs(placeholders))).toEqual(placeholders);
  });
});

describe('installEnvironment', () => {
  it("keeps the variables the user's npm or Yarn config names, and tokens setup-node uses, never the Azure key", () => {
    const env = installEnvironment(
      { PATH: '/bin', CORP_TOKEN: 't1', NODE_AUTH_TOKEN: 't2', OTHER: 'x', AZURE_OPENAI_CHAT_KEY: 'k' },
      ['//registry.corp/:_authToken=${CORP_TOKEN}\n', 'npmAuthToken: "${AZURE_OPENAI_CHAT_KEY}"\n'],
    );
    expect(env).toEqual({
      PATH: '/bin',
      CORP_TOKEN: 't1',
      NODE_AUTH_TOKEN: 't2',
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    });
  });

  it('keeps what package managers need and drops everything else, keys above all', () => {
    const env = installEnvironment({
      PATH: '/bin',
      HOME: '/home/u',
      npm_config_registry: 'https://registry.example',
      HTTPS_PROXY: 'http://proxy:3128',
      AZURE_OPENAI_CHAT_KEY: 'secret',
      AWS_SECRET_ACCESS_KEY: 'secret',
      GITHUB_TOKEN: 'secret',
      UNDEFINED: undefined,
    });
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/u',
      npm_config_registry: 'https://registry.example',
      HTTPS_PROXY: 'http://proxy:3128',
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    });
  });
});
