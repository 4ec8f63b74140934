// --provision against hostile input and a misbehaving az, through the built CLI with the fake az first on PATH:
// values az would read as flags, a file in the way of the key found only after Azure answered, an az that exits 0
// without doing the work, and signals during each az step.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliRun, describeRun, runCli, tempDir } from '../helpers/cli.js';
import { type FakeAz, type FakeAzOptions, makeFakeAz } from '../helpers/fake-az.js';

const noSteps = ['--no-install', '--no-git'];
const NEW = ['--provision', '--resource', 'contoso-new', '--resource-group', 'rg-new', '--location', 'eastus2'];
const MODEL = ['--model', 'gpt-4.1-mini', '--deployment', 'chat'];

function expectExit(run: CliRun, code: number): void {
  expect(run.exitCode, describeRun(run)).toBe(code);
}

async function setup(options: FakeAzOptions = {}): Promise<{ cwd: string; az: FakeAz; PATH: string }> {
  const az = await makeFakeAz(await tempDir('caia-az-'), { provision: {}, ...options });
  return { cwd: await tempDir('caia-provision-'), az, PATH: `${az.bin}:${process.env.PATH}` };
}

describe('--provision refuses values az would misread, before any az call', () => {
  for (const value of ['-x', '--yes', '--subscription']) {
    it(`--resource-group=${value} is exit 2 naming the rule, with no az call and nothing written`, async () => {
      const { cwd, az, PATH } = await setup();
      const run = await runCli(
        [
          'my-app',
          ...NEW.filter((word) => word !== 'rg-new' && word !== '--resource-group'),
          ...MODEL,
          ...noSteps,
        ].concat(`--resource-group=${value}`),
        { cwd, env: { PATH } },
      );
      expectExit(run, 2);
      expect(run.stderr).toContain(`--resource-group "${value}"`);
      expect(run.stderr).toContain('not starting with a hyphen');
      expect(await az.calls()).toEqual([]);
      expect(await readdir(cwd)).toEqual([]);
    });
  }
});

describe('--provision checks the target folder for every file it will write, before creating anything', () => {
  it('a folder named .env in the way of the key is exit 2 with nothing created in Azure', async () => {
    const { cwd, az, PATH } = await setup();
    await mkdir(join(cwd, 'my-app', '.env'), { recursive: true });
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'key', '--overwrite', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 2);
    expect(run.stderr).toContain('Cannot write .env: .env in');
    expect(await az.calls()).not.toContainEqual(expect.stringMatching(/\bcreate\b|keys list/));
    expect((await az.state()).groups).toEqual({});
  });
});
