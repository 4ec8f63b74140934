// The CLI and the project it makes on every supported Node.js line (20.19, 22, 24), each binary taken from the npm
// registry; and the warning on a Node.js older than the project supports.
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';
import { DEPLOYMENT, describeShell, type Fixture, REPLY, sh, startFixture } from '../helpers/project.js';
import { toolBin } from '../helpers/tools.js';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture?.close();
});

describe.each([
  ['node20_19', '20.19.0'],
  ['node22', '22.23.3'],
  ['node24', '24.21.0'],
] as const)('Node.js %s', (tool, version) => {
  it.each([
    ['azure-inference', 'entra'],
    ['openai', 'key'],
  ] as const)('the CLI makes a %s (%s auth) project that installs, type-checks and runs', async (sdk, auth) => {
    const bin = await toolBin(tool);
    const env = fixture.env({ auth, path: [bin] });
    const cwd = await tempDir('caia-node-');
    const dir = join(cwd, 'app');
    const node = await sh(cwd, 'node --version', env);
    expect(node.stdout).toBe(`v${version}\n`);

    const cli = [CLI, 'app', '--sdk', sdk, '--auth', auth, '--endpoint', fixture.standin.url];
    // Generated without the key in the environment (the CLI would save it to .env); it is set when running.
    const { AZURE_OPENAI_CHAT_KEY: _, ...withoutKey } = env;
    const generate = await sh(cwd, `node ${cli.join(' ')} --deployment ${DEPLOYMENT} --os linux --no-git`, withoutKey);
    expect(generate.exitCode, describeShell(generate)).toBe(0);
    expect(generate.stderr).not.toMatch(/older than the project supports|EBADENGINE/);

    const checked = await sh(dir, 'npm run --silent typecheck', env);
    expect(checked.exitCode, describeShell(checked)).toBe(0);
    const run = await sh(dir, 'source ./setup-env.sh && npm start --silent && npm run --silent stream', env);
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n${REPLY}\n`);
    expect(fixture.standin.problems).toEqual([]);
  });
});

it('warns on a Node.js older than the generated project supports', async () => {
  const bin = await toolBin('node20_18');
  const cwd = await tempDir('caia-node-');
  const result = await execa(join(bin, 'node'), [CLI, 'app', '--yes', '--no-install', '--no-git'], {
    cwd,
    reject: false,
  });
  expect(result.stderr).toContain(
    'Node.js 20.18.3 is older than the project supports (^20.19.0 || >=22.12.0): install a newer Node.js to run it.',
  );
  expect(result.exitCode).toBe(0);
});
