// Microsoft Entra ID in a generated project, as it runs on a developer machine and in Azure, with the same code:
// - on a developer machine, AZURE_TOKEN_CREDENTIALS=dev (set by setup-env.sh) and a signed-in az (a fake one here);
// - on a developer machine with nothing but a signed-in az, in a network namespace where 169.254.169.254 is a trap
//   that records every connection (a control run of the full chain shows the trap does catch a probe);
// - in Azure, AZURE_TOKEN_CREDENTIALS=prod and an App Service managed identity endpoint (IDENTITY_ENDPOINT and
//   IDENTITY_HEADER, here on loopback), with AZURE_CLIENT_ID for a user-assigned identity and no az at all.
// Every connection the project's process opens is recorded (test/helpers/connections.mjs): only the stand-in and the
// identity endpoint are reached, never the cloud metadata address 169.254.169.254. A control run of the full
// DefaultAzureCredential chain shows that the recorder does see a metadata request when one is made.

import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';
import { bridge, runInNetns } from '../helpers/netns.js';
import { DEPLOYMENT, describeShell, type Fixture, REPLY, sh, startFixture, TOKEN } from '../helpers/project.js';
import { needs } from '../helpers/system-tools.js';
import { toolBin } from '../helpers/tools.js';

const RECORDER = join(ROOT, 'test', 'helpers', 'connections.mjs');
const METADATA = '169.254.169.254';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const IDENTITY_HEADER = 'identity-header-secret';

interface IdentityRequest {
  readonly url: URL;
  readonly header: string | undefined;
}

/** An App Service style managed identity endpoint: answers a token for the header it was given. */
async function startIdentityEndpoint(): Promise<{ url: string; requests: IdentityRequest[]; server: Server }> {
  const requests: IdentityRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const header = req.headers['x-identity-header'];
    requests.push({ url, header: typeof header === 'string' ? header : undefined });
    if (header !== IDENTITY_HEADER) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"wrong X-IDENTITY-HEADER"}');
      return;
    }
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        access_token: TOKEN,
        expires_on: String(expiresOn),
        resource: url.searchParams.get('resource'),
        token_type: 'Bearer',
        client_id: url.searchParams.get('client_id') ?? CLIENT_ID,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/msi/token`, requests, server };
}

let fixture: Fixture;
let identity: Awaited<ReturnType<typeof startIdentityEndpoint>>;
let node24: string;
let standin: Awaited<ReturnType<typeof bridge>>;
beforeAll(async () => {
  fixture = await startFixture();
  identity = await startIdentityEndpoint();
  node24 = await toolBin('node24');
  standin = await bridge(fixture.standin.url);
});
afterAll(async () => {
  standin?.close();
  await fixture?.close();
  identity?.server.close();
});

/** The targets the recorder saw, once each. */
async function connections(log: string): Promise<string[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return [...new Set(text.split('\n').filter(Boolean))].sort();
}

describe.each(['openai', 'azure-inference'] as const)('%s with Microsoft Entra ID', (sdk) => {
  let dir: string;
  let work: string;
  const standinHost = () => new URL(fixture.standin.url).host;

  beforeAll(async () => {
    work = await tempDir('caia-identity-');
    const cli = [CLI, 'app', '--sdk', sdk, '--auth', 'entra', '--endpoint', fixture.standin.url];
    const args = [...cli, '--deployment', DEPLOYMENT, '--model', 'gpt-4.1', '--os', 'linux', '--no-git'];
    const run = await sh(work, `node ${args.join(' ')}`, fixture.env({ auth: 'entra', path: [node24] }));
    expect(run.exitCode, describeShell(run)).toBe(0);
    dir = join(work, 'app');
  });

  it('on a developer machine: setup-env.sh sets dev, az signs in, and nothing but the stand-in is reached', async () => {
    const log = join(work, 'dev-connections.log');
    const { AZURE_TOKEN_CREDENTIALS: _, ...env } = fixture.env({ auth: 'entra', path: [node24] });
    const before = fixture.standin.requests.length;
    const run = await sh(
      dir,
      `source ./setup-env.sh && echo "credentials=$AZURE_TOKEN_CREDENTIALS" && node --import ${RECORDER} example.ts`,
      { ...env, CONNECTIONS_LOG: log },
    );
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`credentials=dev\n${REPLY}\n`);
    expect(fixture.standin.requests.slice(before).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
    ]);
    expect(await readFile(fixture.az.log, 'utf8')).toContain('account get-access-token');
    expect(await connections(log)).toEqual([standinHost()]);
  });

  it('in Azure: prod and a user-assigned managed identity, with no az, reach only the identity endpoint and the stand-in', async () => {
    const log = join(work, 'prod-connections.log');
    const { PATH: _, AZURE_TOKEN_CREDENTIALS: __, ...env } = fixture.env({ auth: 'entra' });
    const before = { standin: fixture.standin.requests.length, identity: identity.requests.length };
    const run = await sh(dir, `node --import ${RECORDER} example.ts`, {
      ...env,
      // No az on PATH: only Node.
      PATH: `${node24}:/usr/bin:/bin`,
      CONNECTIONS_LOG: log,
      AZURE_TOKEN_CREDENTIALS: 'prod',
      AZURE_CLIENT_ID: CLIENT_ID,
      IDENTITY_ENDPOINT: identity.url,
      IDENTITY_HEADER,
      AZURE_OPENAI_CHAT_ENDPOINT:
        sdk === 'openai'
          ? `${fixture.standin.url}/openai/v1/`
          : `${fixture.standin.url}/openai/deployments/${DEPLOYMENT}`,
      AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT,
    });
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    const asked = identity.requests.slice(before.identity);
    expect(asked.length).toBeGreaterThan(0);
    for (const request of asked) {
      expect(request.header).toBe(IDENTITY_HEADER);
      expect(request.url.searchParams.get('resource')).toBe('https://cognitiveservices.azure.com');
      expect(request.url.searchParams.get('client_id')).toBe(CLIENT_ID);
    }
    expect(fixture.standin.requests.slice(before.standin).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
    ]);
    expect(await connections(log)).toEqual([new URL(identity.url).host, standinHost()].sort());
    expect(fixture.standin.problems).toEqual([]);
  });

  it('with nothing but a signed-in az: answers, and never touches 169.254.169.254 (a trap in a network namespace)', async (ctx) => {
    needs(ctx, ['unshare', 'ip']);
    const trap = join(work, `trap-${sdk}.log`);
    const before = fixture.standin.requests.length;
    const run = await runInNetns('node example.ts', {
      forwards: [{ port: Number(new URL(fixture.standin.url).port), socket: standin.socket }],
      trap: { log: trap },
      cwd: dir,
      // What a developer has after `az login`: az on PATH, the endpoint and the deployment. No AZURE_* else.
      env: {
        PATH: [node24, fixture.az.bin, '/usr/bin', '/bin'].join(':'),
        HOME: work,
        NODE_EXTRA_CA_CERTS: fixture.env({ auth: 'entra' }).NODE_EXTRA_CA_CERTS ?? '',
        AZURE_OPENAI_CHAT_ENDPOINT: fixture.standin.url,
        AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT,
      },
    });
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    expect(fixture.standin.requests.slice(before).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
    ]);
    expect(await readFile(trap, 'utf8').catch(() => '')).toBe('');
  });

  it('with no sign-in at all: says how to sign in here and what to set in Azure', async () => {
    const run = await sh(dir, 'node example.ts', {
      PATH: `${node24}:/usr/bin:/bin`,
      HOME: work,
      AZURE_OPENAI_CHAT_ENDPOINT: fixture.standin.url,
      AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT,
    });
    expect(run.exitCode, describeShell(run)).toBe(1);
    expect(run.stderr).toContain('No Microsoft Entra credential was found. On your machine: sign in with `az login`');
    expect(run.stderr).toContain('on a VM, also set AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential');
  });

  it('an AZURE_TOKEN_CREDENTIALS the SDK does not know is refused by the SDK, naming the valid values', async () => {
    const run = await sh(dir, 'node example.ts', {
      ...fixture.env({ auth: 'entra', path: [node24] }),
      AZURE_TOKEN_CREDENTIALS: 'laptop',
      AZURE_OPENAI_CHAT_ENDPOINT: fixture.standin.url,
      AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT,
    });
    expect(run.exitCode, describeShell(run)).toBe(1);
    expect(run.stderr).toContain('Invalid value for AZURE_TOKEN_CREDENTIALS = laptop');
  });
});

it('the trap sees a metadata request: the full DefaultAzureCredential chain with nothing set probes 169.254.169.254', async (ctx) => {
  needs(ctx, ['unshare', 'ip']);
  const cwd = await tempDir('caia-identity-trap-');
  const generate = await sh(
    cwd,
    `node ${CLI} app --sdk openai --auth entra --resource contoso --deployment chat --os linux --no-git`,
    fixture.env({ auth: 'entra', path: [node24] }),
  );
  expect(generate.exitCode, describeShell(generate)).toBe(0);
  await writeFile(
    join(cwd, 'app', 'control.mjs'),
    "import { DefaultAzureCredential } from '@azure/identity';\n" +
      "await new DefaultAzureCredential().getToken('https://cognitiveservices.azure.com/.default').catch((error) => console.log(error.name));\n",
  );
  const trap = join(cwd, 'trap.log');
  const run = await runInNetns('node control.mjs', {
    trap: { log: trap },
    cwd: join(cwd, 'app'),
    env: { PATH: `${node24}:/usr/bin:/bin`, HOME: cwd },
  });
  expect(await readFile(trap, 'utf8').catch(() => ''), describeShell(run)).toContain('connection from');
});

it('the recorder sees a metadata request: the full DefaultAzureCredential chain with nothing set probes 169.254.169.254', async () => {
  const work = await tempDir('caia-identity-control-');
  // The generated project's @azure/identity, used as it is when AZURE_TOKEN_CREDENTIALS is not set.
  const cwd = await tempDir('caia-identity-control-app-');
  const generate = await sh(
    cwd,
    `node ${CLI} app --sdk openai --auth entra --resource contoso --deployment chat --os linux --no-git`,
    fixture.env({ auth: 'entra', path: [node24] }),
  );
  expect(generate.exitCode, describeShell(generate)).toBe(0);
  const script = join(cwd, 'app', 'control.mjs');
  await writeFile(
    script,
    [
      "import { DefaultAzureCredential } from '@azure/identity';",
      'try {',
      "  await new DefaultAzureCredential().getToken('https://cognitiveservices.azure.com/.default');",
      "  console.log('token');",
      '} catch (error) {',
      "  console.log('no credential:', error.name);",
      '}',
      '',
    ].join('\n'),
  );
  const log = join(work, 'control-connections.log');
  const run = await sh(join(cwd, 'app'), `node --import ${RECORDER} control.mjs`, {
    PATH: `${node24}:/usr/bin:/bin`,
    HOME: work,
    CONNECTIONS_LOG: log,
  });
  expect(run.stdout, describeShell(run)).toContain('no credential');
  expect(
    (await connections(log)).some((target) => target.startsWith(`${METADATA}:`)),
    describeShell(run),
  ).toBe(true);
});
