// The commands printed to run a failed run again: from the options when they were resolved, else as typed.
import { describe, expect, it } from 'vitest';
import { commandAsTyped, createCommand, replayArgs, retryArgs } from '../../../src/options/replay.js';
import { optionsFrom } from '../../helpers/options.js';

describe('retryArgs: the replay, and what the run was asked to do besides', () => {
  it('adds --verify and --api-key-stdin when the run had them, never the key', async () => {
    const options = await optionsFrom(['app', '--resource', 'contoso', '--deployment', 'd', '--verify', '--no-git'], {
      apiKey: { value: 'k3y-SECRET', source: '--api-key-stdin' },
    });
    expect(retryArgs(options)).toEqual([...replayArgs(options), '--verify', '--api-key-stdin']);
    expect(createCommand('npm', retryArgs(options))).toBe(
      'npm create azure-inference-app@latest app -- --yes --sdk openai --resource contoso --deployment d --auth key --os linux --no-git --verify --api-key-stdin',
    );
    expect(retryArgs(options).join(' ')).not.toContain('k3y-SECRET');
  });

  it('is the replay when there is nothing more (a key from the environment is read from there again)', async () => {
    const options = await optionsFrom(['app', '--resource', 'contoso', '--deployment', 'd'], {
      apiKey: { value: 'k3y', source: 'AZURE_OPENAI_CHAT_KEY' },
    });
    expect(retryArgs(options)).toEqual(replayArgs(options));
  });
});

describe('commandAsTyped: before the options are resolved', () => {
  it('gives the words back quoted, after the package manager create command, without --json', () => {
    const argv = ['my app', '--template', 'https://h/t.tar.gz', '--resource', 'contoso', '--no-install'];
    expect(commandAsTyped('npm', argv, 'linux')).toBe(
      "npm create azure-inference-app@latest -- 'my app' --template https://h/t.tar.gz --resource contoso --no-install",
    );
    expect(commandAsTyped('pnpm', ['--template=./t', 'x', '--json'], 'linux')).toBe(
      'pnpm create azure-inference-app --template=./t x',
    );
  });

  it('gives none when a --var is there: whether its value is secret is not known yet', () => {
    expect(commandAsTyped('npm', ['app', '--template', 'github:o/r', '--var', 'token=tk-1'])).toBeUndefined();
    expect(commandAsTyped('npm', ['app', '--template', 'github:o/r', '--var=token=tk-1'])).toBeUndefined();
  });
});
