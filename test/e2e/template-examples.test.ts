// The example templates in examples/templates/ for real: generated with the built CLI, installed from the npm
// registry, type-checked and run. http-endpoint serves the chat from the local HTTPS Azure stand-in; team-checks'
// stricter settings pass on the generated code and its tests pass with the project's own (npm test).
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { DEPLOYMENT, describeShell, type Fixture, REPLY, sh, startFixture } from '../helpers/project.js';

const EXAMPLES = join(ROOT, 'examples', 'templates');

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture?.close();
});

/** Generates `example` for `sdk` (with key auth unless told) against the stand-in, installing with npm. */
async function generate(
  example: string,
  sdk: 'openai' | 'azure-inference',
  auth: 'key' | 'entra' = 'key',
): Promise<string> {
  const cwd = await tempDir('caia-example-');
  const run = await runCli(
    [
      'app',
      '--sdk',
      sdk,
      '--auth',
      auth,
      '--endpoint',
      fixture.standin.url,
      '--deployment',
      DEPLOYMENT,
      '--model',
      'gpt-4.1',
      '--os',
      'linux',
      '--no-git',
      '--template',
      join(EXAMPLES, example),
    ],
    { cwd },
  );
  expect(run.exitCode, describeRun(run)).toBe(0);
  return join(cwd, 'app');
}

describe.each(['openai', 'azure-inference'] as const)('http-endpoint with %s', (sdk) => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('installs, type-checks, starts and answers POST /chat from the deployment', async () => {
    const app = await generate('http-endpoint', sdk);
    const endpoint =
      sdk === 'openai'
        ? `${fixture.standin.url}/openai/v1/`
        : `${fixture.standin.url}/openai/deployments/${DEPLOYMENT}`;
    const env = fixture.env({
      auth: 'key',
      extra: { AZURE_OPENAI_CHAT_ENDPOINT: endpoint, AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT },
    });
    const typecheck = await sh(app, 'npm run typecheck', env);
    expect(typecheck.exitCode, describeShell(typecheck)).toBe(0);

    const started = spawn(join(app, 'node_modules', '.bin', 'tsx'), ['server.ts'], {
      cwd: app,
      env: { ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = started;
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        const match = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', onData);
      started.on('exit', (code) => reject(new Error(`server.ts exited (${code}) before listening:\n${output}`)));
    });

    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true });
    const answer = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'How many feet are in a mile?' }),
    });
    expect(answer.status, output).toBe(200);
    expect(await answer.json()).toEqual({ reply: REPLY });
    expect(fixture.standin.problems).toEqual([]);
    const last = fixture.standin.requests.at(-1);
    expect(JSON.stringify(last)).toContain('How many feet are in a mile?');

    const bad = await fetch(`${url}/chat`, { method: 'POST', body: 'not json' });
    expect(bad.status).toBe(400);

    const exited = new Promise<number | null>((resolve) => started.on('exit', resolve));
    started.kill('SIGTERM');
    expect(await exited).toBe(0);
    server = undefined;
  });
});

describe('team-checks', () => {
  it.each([
    ['openai', 'key', 16],
    ['azure-inference', 'entra', 13],
  ] as const)(
    '%s with %s auth installs; its stricter tsc settings pass on the project and catch an unused variable; its tests pass',
    async (sdk, auth, count) => {
      const app = await generate('team-checks', sdk, auth);
      const env = fixture.env({ auth });
      const typecheck = await sh(app, 'npm run typecheck', env);
      expect(typecheck.exitCode, describeShell(typecheck)).toBe(0);
      // npm test runs the team's test/config.test.ts beside the project's own tests.
      const tests = await sh(app, 'npm test', env);
      expect(tests.exitCode, describeShell(tests)).toBe(0);
      expect(tests.stdout).toContain('test/config.test.ts');
      expect(tests.stdout).toMatch(new RegExp(`# pass ${count}\\n`));
      expect(tests.stdout).toMatch(/# fail 0\n/);

      await writeFile(join(app, 'unused.ts'), 'export function f(unused: string): number {\n  return 1;\n}\n');
      const strict = await sh(app, 'npm run typecheck', env);
      expect(strict.exitCode, describeShell(strict)).not.toBe(0);
      expect(strict.stdout).toContain("'unused' is declared but its value is never read");
    },
  );
});
