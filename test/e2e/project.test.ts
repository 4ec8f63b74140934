// The generated project for real: installed from the npm registry with its exact pins, type-checked, and run
// against a local HTTPS stand-in of the Azure endpoint, for both SDK flavours and both auth methods.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versions } from '../../src/versions.js';
import { type RecordedRequest, type Standin, startAzureStandin } from '../helpers/azure-standin.js';
import { describeRun, runCli, tempDir } from '../helpers/cli.js';
import { makeFakeAz } from '../helpers/fake-az.js';

const KEY = "test-key-'$(id)'`id`";
const TOKEN = 'entra-token-for-tests';
const DEPLOYMENT = 'gpt-4o-mini';
const REPLY = 'There are 5,280 feet in a mile.';
const SCOPE_RESOURCE = 'https://cognitiveservices.azure.com';

let standin: Standin;
let work: string;
let az: { bin: string; log: string };

beforeAll(async () => {
  work = await tempDir('caia-project-');
  standin = await startAzureStandin({
    dir: join(work, 'ca'),
    deployment: DEPLOYMENT,
    apiKey: KEY,
    bearerToken: TOKEN,
    reply: REPLY,
  });
  az = await makeFakeAz(work, TOKEN);
});
afterAll(async () => {
  await standin?.close();
});

/** The environment a user's shell would have: no Azure variables, the test CA trusted, the fake az first on PATH. */
function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${az.bin}:${process.env.PATH}`,
    HOME: process.env.HOME ?? work,
    NODE_EXTRA_CA_CERTS: standin.caCertPath,
    AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential',
    ...extra,
  };
}

/** Runs a shell command in the project with only `env` (no inherited variables). */
async function sh(dir: string, command: string, env: Record<string, string>) {
  const result = await execa('bash', ['--norc', '--noprofile', '-c', command], {
    cwd: dir,
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  return { command, exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function lastRequest(): RecordedRequest {
  const request = standin.requests.at(-1);
  if (!request) throw new Error('the stand-in received no request');
  return request;
}

const flavours = [
  { sdk: 'azure-inference', auth: 'key' },
  { sdk: 'azure-inference', auth: 'entra' },
  { sdk: 'openai', auth: 'key' },
  { sdk: 'openai', auth: 'entra' },
] as const;

describe.each(flavours)('$sdk with $auth auth', ({ sdk, auth }) => {
  let dir: string;
  const expectedPath =
    sdk === 'azure-inference' ? `/openai/deployments/${DEPLOYMENT}/chat/completions` : '/openai/v1/chat/completions';

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
        standin.url,
        '--deployment',
        DEPLOYMENT,
        '--os',
        'all',
        '--no-git',
      ],
      { cwd },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
  });

  it('installed exactly the pinned versions', async () => {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of [...Object.keys(pkg.dependencies), 'tsx', 'typescript']) {
      const installed = JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8'));
      expect(installed.version, name).toBe(versions[name as keyof typeof versions]);
    }
  });

  it('type-checks', async () => {
    const run = await sh(dir, 'npm run --silent typecheck', userEnv());
    expect(run.exitCode, JSON.stringify(run, null, 2)).toBe(0);
  });

  it('answers through setup-env.sh sourced in bash, sending what the SDK must', async () => {
    const before = standin.requests.length;
    const env = userEnv(auth === 'key' ? { AZURE_OPENAI_CHAT_KEY: KEY } : {});
    const run = await sh(dir, 'source ./setup-env.sh && npm start --silent', env);
    expect(run.exitCode, JSON.stringify(run, null, 2)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    expect(standin.problems).toEqual([]);
    expect(standin.requests.length).toBe(before + 1);
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: expectedPath, status: 200 });
    expect(request.query).toEqual(sdk === 'azure-inference' ? { 'api-version': '2024-06-01' } : {});
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
      expect(await readFile(az.log, 'utf8')).toContain(
        `account get-access-token --output json --resource ${SCOPE_RESOURCE}`,
      );
    }
  });

  it('answers with the settings in .env and nothing in the environment', async () => {
    const lines = [
      `AZURE_OPENAI_CHAT_ENDPOINT='${sdk === 'azure-inference' ? `${standin.url}/openai/deployments/${DEPLOYMENT}` : `${standin.url}/openai/v1/`}'`,
    ];
    if (auth === 'key') lines.push(`AZURE_OPENAI_CHAT_KEY="${KEY}"`);
    await writeFile(join(dir, '.env'), `${lines.join('\n')}\n`);
    try {
      const run = await sh(dir, 'npm start --silent', userEnv());
      expect(run.exitCode, JSON.stringify(run, null, 2)).toBe(0);
      expect(run.stdout).toBe(`${REPLY}\n`);
    } finally {
      await writeFile(join(dir, '.env'), '');
    }
  });

  it('streams the reply', async () => {
    const env = userEnv(auth === 'key' ? { AZURE_OPENAI_CHAT_KEY: KEY } : {});
    const run = await sh(dir, 'source ./setup-env.sh && npm run --silent stream', env);
    expect(run.exitCode, JSON.stringify(run, null, 2)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    expect(lastRequest().body).toMatchObject({ stream: true });
    expect(standin.problems).toEqual([]);
  });

  describe('failures', () => {
    const env = () => userEnv(auth === 'key' ? { AZURE_OPENAI_CHAT_KEY: KEY } : {});

    it.each([
      [
        'unauthorized',
        /The service answered 401: Access denied/,
        auth === 'key' ? /Check AZURE_OPENAI_CHAT_KEY/ : /Cognitive Services OpenAI User/,
      ],
      ['deployment-not-found', /The service answered 404 DeploymentNotFound/, /check the name under Deployments/],
      ['rate-limited', /The service answered 429/, /Rate limit reached/],
    ] as const)('%s: says what happened and what to do, exit 1', async (scenario, what, hint) => {
      standin.setScenario(scenario);
      try {
        const run = await sh(dir, 'source ./setup-env.sh && npm start --silent', env());
        expect(run.exitCode, JSON.stringify(run, null, 2)).toBe(1);
        expect(run.stderr).toMatch(what);
        expect(run.stderr).toMatch(hint);
        expect(run.stdout).toBe('');
      } finally {
        standin.setScenario('ok');
      }
    });

    it('a wrong endpoint path is a 404 with the endpoint hint', async () => {
      const run = await sh(
        dir,
        `source ./setup-env.sh && AZURE_OPENAI_CHAT_ENDPOINT=${standin.url}/wrong npm start --silent`,
        env(),
      );
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(/404/);
      expect(run.stderr).toContain('Check AZURE_OPENAI_CHAT_ENDPOINT');
      standin.problems.length = 0; // the unknown route was provoked on purpose
    });

    it('a missing endpoint says which variable and how to set it', async () => {
      const run = await sh(dir, 'npm start --silent', env());
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain(
        'AZURE_OPENAI_CHAT_ENDPOINT is not set. Set it, then run this again:\n  source ./setup-env.sh',
      );
    });

    if (auth === 'key') {
      it('a missing key says which variable and how to set it', async () => {
        const run = await sh(dir, 'source ./setup-env.sh </dev/null; npm start --silent', userEnv());
        expect(run.exitCode).toBe(1);
        expect(run.stderr).toContain(
          "AZURE_OPENAI_CHAT_KEY is not set. Set it, then run this again:\n  source ./setup-env.sh\n  export AZURE_OPENAI_CHAT_KEY='<your-key>'",
        );
      });
    }

    it('a placeholder endpoint is caught before any request', async () => {
      const before = standin.requests.length;
      const run = await sh(dir, 'npm start --silent', {
        ...env(),
        AZURE_OPENAI_CHAT_ENDPOINT: 'https://<your-resource-name>.openai.azure.com/openai/v1/',
      });
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toContain('AZURE_OPENAI_CHAT_ENDPOINT is still a placeholder');
      expect(standin.requests.length).toBe(before);
    });
  });
});
