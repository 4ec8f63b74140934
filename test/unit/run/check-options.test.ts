// create() and plan() take ProjectOptions from a program: a value the flags would refuse is refused there too, by
// name, before anything is rendered or written.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create } from '../../../src/run/create.js';
import { plan } from '../../../src/run/plan.js';
import { UsageError } from '../../../src/shared/errors.js';
import type { ProjectOptions } from '../../../src/types.js';
import { tempDir } from '../../helpers/cli.js';
import { optionsFrom } from '../../helpers/options.js';

const flags = ['--resource', 'contoso', '--deployment', 'chat', '--model', 'gpt-4.1-mini', '--no-install', '--no-git'];

describe('options given to the API', () => {
  it.each([
    [{ deployment: "x'; touch pwned; '" }, /^options\.deployment "x'; touch pwned; '": use 1-64 letters/],
    [{ resource: 'a b' }, /^options\.resource "a b": use 2-64 letters/],
    [{ endpoint: 'javascript:alert(1)' }, /^options\.endpoint "javascript:alert\(1\)": must be an https:\/\/ URL/],
    [{ endpoint: 'https://contoso.openai.azure.com/\n' }, /^options\.endpoint .*: must be an https:\/\/ URL/],
    [{ os: 'plan9' }, /^options\.os "plan9": use one of: windows, linux, macos, all/],
    [{ sdk: 'nope' }, /^options\.sdk "nope": use one of/],
    [{ model: 'gpt 4' }, /^options\.model "gpt 4": use 1-64/],
    [{ apiKey: "k'ey" }, /^options\.apiKey .*: must be 1-512 printable ASCII/],
    [{ directory: 'relative/app' }, /^options\.directory "relative\/app": must be an absolute path/],
    [{ deployment: undefined }, /^options\.deployment undefined: must be a string/],
    [{ node: '18' }, /^options\.node "18": must be 20 or later: Node\.js 18 and older/],
    [{ node: '18.0.0' }, /^options\.node "18\.0\.0": must be 20 or later: Node\.js 18 and older/],
    [
      { node: 'v24' },
      /^options\.node "v24": use a major version number such as 24, or a full version such as 22\.18\.0$/,
    ],
  ] as [Partial<Record<keyof ProjectOptions, unknown>>, RegExp][])(
    '%j: UsageError naming it, from plan() and create(), nothing written',
    async (patch, message) => {
      const cwd = await tempDir();
      const options = { ...(await optionsFrom(['app', ...flags], { cwd })), ...patch } as ProjectOptions;
      await expect(plan(options)).rejects.toThrow(UsageError);
      await expect(plan(options)).rejects.toThrow(message);
      await expect(create(options)).rejects.toThrow(message);
      expect(await readdir(cwd)).toEqual([]);
    },
  );

  it('names every bad value at once; null is refused as such', async () => {
    const options = { ...(await optionsFrom(['app', ...flags])), os: 'x', app: 'y' } as unknown as ProjectOptions;
    await expect(plan(options)).rejects.toThrow(/^options\.app "y": .*\noptions\.os "x": /);
    await expect(create(null as unknown as ProjectOptions)).rejects.toThrow('options: must be an object');
  });

  it('the options the flags make, placeholders included, pass', async () => {
    const cwd = await tempDir();
    for (const argv of [
      ['app', ...flags],
      ['app', '--yes', '--sdk', 'azure-inference', '--no-install', '--no-git'],
      ['app', ...flags, '--node', '20'],
    ]) {
      await expect(plan({ ...(await optionsFrom(argv, { cwd })), dryRun: true })).resolves.toBeDefined();
    }
    for (const node of ['20.20.2', '22.18.0']) {
      await expect(
        plan({ ...(await optionsFrom(['app', ...flags], { cwd })), node, dryRun: true }),
      ).resolves.toBeDefined();
    }
    expect(await readdir(join(cwd))).toEqual([]);
  });
});
