// A generated project on a real network's terms, against the HTTPS stand-in:
// - behind a proxy: in a network namespace where no name resolves, a CONNECT proxy alone knows the endpoint's host
//   (contoso.openai.azure.com, the portal's "Endpoint" value) and tunnels to the stand-in; both flavours, on Node 24
//   (Node's own proxy support) and, for openai, on Node 22.18 (undici's agent through the SDK's fetch options);
// - a certificate this machine does not trust (the test CA left out);
// - AZURE_OPENAI_CHAT_ENDPOINT in each form Azure shows, normalised to the flavour's URL.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';
import { bridge, runInNetns } from '../helpers/netns.js';
import { DEPLOYMENT, describeShell, type Fixture, REPLY, sh, startFixture } from '../helpers/project.js';
import { needs } from '../helpers/system-tools.js';
import { toolBin } from '../helpers/tools.js';

const PORTAL_ENDPOINT = 'https://contoso.openai.azure.com/';
const PROXY_PORT = 3128;

let fixture: Fixture;
let standinBridge: Awaited<ReturnType<typeof bridge>>;
let node24: string;
let node22: string;
beforeAll(async () => {
  fixture = await startFixture();
  standinBridge = await bridge(fixture.standin.url);
  [node24, node22] = await Promise.all([toolBin('node24'), toolBin('node22_18')]);
});
afterAll(async () => {
  standinBridge?.close();
  await fixture?.close();
});

describe.each(['openai', 'azure-inference'] as const)('%s with key auth', (sdk) => {
  let work: string;
  let dir: string;

  beforeAll(async () => {
    work = await tempDir('caia-network-');
    const args = [
      CLI,
      'app',
      '--sdk',
      sdk,
      '--resource',
      'contoso',
      '--deployment',
      DEPLOYMENT,
      '--model',
      'gpt-4.1',
      '--os',
      'linux',
    ];
    const { AZURE_OPENAI_CHAT_KEY: _, ...env } = fixture.env({ auth: 'key', path: [node24] });
    const run = await sh(work, `node ${[...args, '--no-git', '--node', '24'].join(' ')}`, env);
    expect(run.exitCode, describeShell(run)).toBe(0);
    dir = join(work, 'app');
  });

  /** What the project needs to run, the portal's endpoint value included; nothing else. */
  const settings = (node: string, extra: Record<string, string> = {}) =>
    fixture.env({
      auth: 'key',
      path: [node],
      extra: { AZURE_OPENAI_CHAT_ENDPOINT: PORTAL_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT: DEPLOYMENT, ...extra },
    });

  const nodes = sdk === 'openai' ? (['24', '22.18'] as const) : (['24'] as const);
  it.for(nodes)(
    'on Node %s, reaches the endpoint through HTTPS_PROXY, the only way to its host',
    async (version, ctx) => {
      needs(ctx, ['unshare', 'ip']);
      const log = join(work, `proxy-${version}.log`);
      const node = version === '24' ? node24 : node22;
      const proxy = {
        port: PROXY_PORT,
        log,
        hosts: { 'contoso.openai.azure.com:443': standinBridge.socket },
      };
      const before = fixture.standin.requests.length;
      const through = await runInNetns('node --version && node example.ts', {
        proxy,
        cwd: dir,
        env: settings(node, { HTTPS_PROXY: `http://127.0.0.1:${PROXY_PORT}` }),
      });
      expect(through.exitCode, describeShell(through)).toBe(0);
      const [shown, reply] = through.stdout.split('\n');
      expect(shown?.startsWith(`v${version}.`), describeShell(through)).toBe(true);
      expect(reply).toBe(REPLY);
      expect(await readFile(log, 'utf8')).toContain('CONNECT contoso.openai.azure.com:443 HTTP/1.1');
      expect(fixture.standin.requests.slice(before).map((request) => request.path)).toEqual([
        sdk === 'openai' ? '/openai/v1/chat/completions' : `/openai/deployments/${DEPLOYMENT}/chat/completions`,
      ]);

      // NO_PROXY names the host: the request goes straight out, where the name does not resolve, and says so.
      const bypassed = await runInNetns('node example.ts', {
        proxy,
        cwd: dir,
        env: settings(node, { HTTPS_PROXY: `http://127.0.0.1:${PROXY_PORT}`, NO_PROXY: '.azure.com' }),
      });
      expect(bypassed.exitCode, describeShell(bypassed)).toBe(1);
      expect(bypassed.stderr).toMatch(/(EAI_AGAIN|ENOTFOUND) contoso\.openai\.azure\.com/);
      // HTTPS_PROXY is already set: the hint points at the proxy and NO_PROXY, not at setting it.
      expect(bypassed.stderr).toContain(
        "Behind a proxy, check that the proxy in HTTPS_PROXY can reach the endpoint's host, and that NO_PROXY does not name that host.",
      );
      expect(bypassed.stderr).not.toContain('set HTTPS_PROXY');
    },
  );

  it('without the proxy set, says the host was not found and names HTTPS_PROXY', async (ctx) => {
    needs(ctx, ['unshare', 'ip']);
    const run = await runInNetns('node example.ts', { cwd: dir, env: settings(node24) });
    expect(run.exitCode, describeShell(run)).toBe(1);
    expect(run.stderr).toMatch(/(EAI_AGAIN|ENOTFOUND) contoso\.openai\.azure\.com/);
    expect(run.stderr).toContain(
      "The endpoint's host name was not found: check the resource name in AZURE_OPENAI_CHAT_ENDPOINT. Behind a proxy, set HTTPS_PROXY (see README.md).",
    );
  });

  it('an untrusted certificate is named, with NODE_EXTRA_CA_CERTS and --use-system-ca as the fixes', async () => {
    const { NODE_EXTRA_CA_CERTS: _, ...env } = settings(node24, {
      AZURE_OPENAI_CHAT_ENDPOINT: fixture.standin.url,
    });
    const run = await sh(dir, 'node example.ts', env);
    expect(run.exitCode, describeShell(run)).toBe(1);
    expect(run.stderr).toMatch(/\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
    expect(run.stderr).toContain('set NODE_EXTRA_CA_CERTS to its PEM file');
    expect(run.stderr).toContain('NODE_OPTIONS=--use-system-ca');
    expect(run.stdout).toBe('');
  });

  it("takes each endpoint form Azure shows, the other flavour's URL too", async () => {
    const url = fixture.standin.url;
    // The portal's "Endpoint", a Foundry project URL, the retired /models path, each flavour's Target URI and URL.
    const accepted = [
      `${url}/`,
      `${url}/api/projects/my-project`,
      `${url}/models`,
      `${url}/openai/v1/chat/completions?api-version=preview`,
      `${url}/openai/v1`,
      `${url}/openai/deployments/${DEPLOYMENT}/chat/completions?api-version=2024-06-01`,
      `${url}/openai/deployments/${DEPLOYMENT}`,
    ];
    for (const endpoint of accepted) {
      const before = fixture.standin.requests.length;
      const run = await sh(dir, 'node example.ts', settings(node24, { AZURE_OPENAI_CHAT_ENDPOINT: endpoint }));
      expect(run.exitCode, describeShell(run)).toBe(0);
      expect(run.stdout).toBe(`${REPLY}\n`);
      expect(fixture.standin.requests.slice(before).map((request) => request.path)).toEqual([
        sdk === 'openai' ? '/openai/v1/chat/completions' : `/openai/deployments/${DEPLOYMENT}/chat/completions`,
      ]);
    }
    expect(fixture.standin.problems).toEqual([]);
  });

  it('reports every missing setting in one run', async () => {
    const run = await sh(dir, 'node example.ts', { PATH: `${node24}:/usr/bin:/bin`, HOME: work });
    expect(run.exitCode, describeShell(run)).toBe(1);
    // azure-inference takes the deployment in the endpoint: AZURE_OPENAI_CHAT_DEPLOYMENT is optional there.
    const names =
      sdk === 'openai' ? 'AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT' : 'AZURE_OPENAI_CHAT_ENDPOINT';
    expect(run.stderr).toContain(`${names}, AZURE_OPENAI_CHAT_KEY are not set. Set them, then run this again:`);
  });
});
