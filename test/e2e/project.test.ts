// The generated project for real, with npm: installed from the registry with its exact pins, type-checked, and run
// against a local HTTPS stand-in of the Azure endpoint, for both SDK flavours and both auth methods, success and
// failure.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinSetFor, versionsFor } from '../../src/project/versions.js';

import type { RecordedRequest } from '../helpers/azure-standin.js';
import { describeRun, runCli, tempDir } from '../helpers/cli.js';
import {
  DEPLOYMENT,
  describeShell,
  type Fixture,
  FLAVOURS,
  installedVersions,
  KEY,
  REPLY,
  sh,
  startFixture,
  TOKEN,
} from '../helpers/project.js';

// Run by this machine's Node.js: 20.x gets the Node 20 set (the current set on Node 22 and 24: node-versions.test.ts).
const versions = versionsFor(process.versions.node);
const transitivePins = pinSetFor(process.versions.node).set.transitive;

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture?.close();
});

function lastRequest(): RecordedRequest {
  const request = fixture.standin.requests.at(-1);
  if (!request) throw new Error('the stand-in received no request');
  return request;
}

describe.each(FLAVOURS)('$sdk with $auth auth', ({ sdk, auth }) => {
  let dir: string;
  const env = (extra: Record<string, string> = {}) => fixture.env({ auth, extra });
  const expectedPath =
    sdk === 'azure-inference' ? `/openai/deployments/${DEPLOYMENT}/chat/completions` : '/openai/v1/chat/completions';
  const endpoint = () =>
    sdk === 'azure-inference'
      ? `${fixture.standin.url}/openai/deployments/${DEPLOYMENT}`
      : `${fixture.standin.url}/openai/v1/`;

  beforeAll(async () => {
    const cwd = await tempDir('caia-gen-');
    dir = join(cwd, 'app');
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
        DEPLOYMENT,
        '--os',
        'all',
        '--no-git',
      ],
      { cwd },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
  });

  it('installed exactly the pinned versions, transitive Azure packages included', async () => {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const names = [
      ...Object.keys(pkg.dependencies),
      'tsx',
      'typescript',
      '@types/node',
      ...Object.keys(transitivePins),
    ];
    const installed = await installedVersions(dir, names);
    for (const name of Object.keys(pkg.dependencies)) expect(installed.get(name), name).toBeDefined();
    const pins: Record<string, string> = { ...transitivePins, ...versions };
    for (const [name, found] of installed) expect([...found], name).toEqual([pins[name]]);
  });

  it('type-checks', async () => {
    const run = await sh(dir, 'npm run --silent typecheck', env());
    expect(run.exitCode, describeShell(run)).toBe(0);
  });

  it('answers through setup-env.sh sourced in bash, sending what the SDK must', async () => {
    const before = fixture.standin.requests.length;
    const run = await sh(dir, 'source ./setup-env.sh && npm start --silent', env());
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    expect(fixture.standin.problems).toEqual([]);
    expect(fixture.standin.requests.length).toBe(before + 1);
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: expectedPath, status: 200 });
    expect(request.query).toEqual(sdk === 'azure-inference' ? { 'api-version': '2024-06-01' } : {});
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.body).toEqual({
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'How many feet are in a mile?' },
      ],
      temperature: 0.7,
      max_tokens: 100,
      ...(sdk === 'openai' ? { model: DEPLOYMENT } : {}),
    });
    if (auth === 'key') {
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.headers['api-key']).toBe(sdk === 'azure-inference' ? KEY : undefined);
    } else {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['api-key']).toBeUndefined();
      // The token was asked for Azure OpenAI's audience, not the SDK's default (Azure Machine Learning).
      expect(await readFile(fixture.az.log, 'utf8')).toContain(
        'account get-access-token --output json --resource https://cognitiveservices.azure.com',
      );
    }
  });

  it('answers with the settings in .env and nothing in the environment', async () => {
    const lines = [`AZURE_OPENAI_CHAT_ENDPOINT='${endpoint()}'`, `AZURE_OPENAI_CHAT_DEPLOYMENT=${DEPLOYMENT}`];
    if (auth === 'key') lines.push(`AZURE_OPENAI_CHAT_KEY="${KEY}"`);
    await writeFile(join(dir, '.env'), `${lines.join('\n')}\n`);
    try {
      const { AZURE_OPENAI_CHAT_KEY: _, ...withoutKey } = env();
      const run = await sh(dir, 'npm start --silent', withoutKey);
      expect(run.exitCode, describeShell(run)).toBe(0);
      expect(run.stdout).toBe(`${REPLY}\n`);
    } finally {
      await writeFile(join(dir, '.env'), '');
    }
  });

  it('streams the reply', async () => {
    const run = await sh(dir, 'source ./setup-env.sh && npm run --silent stream', env());
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    expect(lastRequest().body).toMatchObject({ stream: true });
    expect(fixture.standin.problems).toEqual([]);
  });

  describe('failures', () => {
    it.each([
      [
        'unauthorized',
        /The service answered 401: Access denied/,
        auth === 'key' ? /Check AZURE_OPENAI_CHAT_KEY/ : /Cognitive Services OpenAI User/,
      ],
      [
        'deployment-not-found',
        /The service answered 404 DeploymentNotFound/,
        /check AZURE_OPENAI_CHAT_DEPLOYMENT against Deployments/,
      ],
      ['rate-limited', /The service answered 429/, /Rate limit reached/],
    ] as const)('%s: says what happened and what to do, exit 1', async (scenario, what, hint) => {
      fixture.standin.setScenario(scenario);
      try {
        for (const script of ['start', 'run stream']) {
          const run = await sh(dir, `source ./setup-env.sh && npm ${script} --silent`, env());
          expect(run.exitCode, describeShell(run)).toBe(1);
          expect(run.stderr).toMatch(what);
          expect(run.stderr).toMatch(hint);
          expect(run.stdout.trim()).toBe('');
        }
      } finally {
        fixture.standin.setScenario('ok');
      }
    });

    it('a wrong endpoint path is a 404 with the endpoint hint', async () => {
      const run = await sh(
        dir,
        `source ./setup-env.sh && AZURE_OPENAI_CHAT_ENDPOINT=${fixture.standin.url}/wrong npm start --silent`,
        env(),
      );
      expect(run.exitCode, describeShell(run)).toBe(1);
      expect(run.stderr).toMatch(/404/);
      expect(run.stderr).toContain('Check AZURE_OPENAI_CHAT_ENDPOINT');
      fixture.standin.problems.length = 0; // the unknown route was provoked on purpose
    });

    it('a missing endpoint says which variable and how to set it', async () => {
      // The deployment is set (as setup-env.sh would): the endpoint alone is missing.
      const run = await sh(dir, 'npm start --silent', env({ AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT }));
      expect(run.exitCode, describeShell(run)).toBe(1);
      expect(run.stderr).toContain(
        'AZURE_OPENAI_CHAT_ENDPOINT is not set. Set it, then run this again:\n  source ./setup-env.sh',
      );
    });

    if (auth === 'key') {
      it('a missing key says which variable and how to set it', async () => {
        const { AZURE_OPENAI_CHAT_KEY: _, ...withoutKey } = env();
        const run = await sh(dir, 'source ./setup-env.sh </dev/null; npm start --silent', withoutKey);
        expect(run.exitCode, describeShell(run)).toBe(1);
        expect(run.stderr).toContain(
          "AZURE_OPENAI_CHAT_KEY is not set. Set it, then run this again:\n  source ./setup-env.sh\n  export AZURE_OPENAI_CHAT_KEY='<your-key>'",
        );
      });
    }

    it('a placeholder endpoint is caught before any request', async () => {
      const before = fixture.standin.requests.length;
      const run = await sh(
        dir,
        'npm start --silent',
        env({
          AZURE_OPENAI_CHAT_ENDPOINT: 'https://<your-resource-name>.openai.azure.com/openai/v1/',
          AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT,
        }),
      );
      expect(run.exitCode, describeShell(run)).toBe(1);
      expect(run.stderr).toContain('AZURE_OPENAI_CHAT_ENDPOINT is still a placeholder');
      expect(fixture.standin.requests.length).toBe(before);
    });
  });
});
