// From no resource to an answer: --provision with the fake az, whose new account reports the local HTTPS stand-in
// as its endpoint and the stand-in's key as its key1; then the generated project, installed from the registry, asks
// the stand-in with exactly the values the run wrote. Once from flags (key auth: the key fetched into .env), once in
// a real terminal (tmux: "Create a new resource", a region without the model offered again with the nearest one that
// has it, Microsoft Entra ID with the role assigned and --verify).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Standin, startAzureStandin } from '../helpers/azure-standin.js';
import { CLI, describeRun, runCli, tempDir } from '../helpers/cli.js';
import { type FakeAz, makeFakeAz, USER_ID } from '../helpers/fake-az.js';
import { describeShell, sh } from '../helpers/project.js';
import { needs } from '../helpers/system-tools.js';
import { writeCaBundle } from '../helpers/tls.js';
import { startTerminal, type TerminalSession } from '../helpers/tmux.js';

const KEY = 'pr0visionedKey1fromAzFake000000';
const TOKEN = 'entra-token-for-provisioned-tests';
const DEPLOYMENT = 'chat';
const REPLY = 'There are 5,280 feet in a mile.';

let standin: Standin;
let caBundle: string;
beforeAll(async () => {
  const work = await tempDir('caia-provision-standin-');
  standin = await startAzureStandin({
    dir: join(work, 'ca'),
    deployment: DEPLOYMENT,
    apiKey: KEY,
    bearerToken: TOKEN,
    reply: REPLY,
  });
  caBundle = await writeCaBundle(join(work, 'ca-bundle.pem'), await readFile(standin.caCertPath, 'utf8'));
});
afterAll(async () => {
  await standin?.close();
});

async function fakeAz(): Promise<FakeAz> {
  return makeFakeAz(await tempDir('caia-az-'), {
    token: TOKEN,
    provision: { endpoint: `${standin.url}/`, key: KEY },
  });
}

/** A user's shell: the test CA trusted, the fake az first on PATH, no Azure variables of its own. */
const shellEnv = (az: FakeAz) => ({
  PATH: `${az.bin}:${process.env.PATH}`,
  HOME: process.env.HOME ?? '/tmp',
  NODE_EXTRA_CA_CERTS: caBundle,
});

describe('provisioned, then asked', () => {
  it('from flags, with key auth: the project answers with the endpoint and key the run wrote', async () => {
    const az = await fakeAz();
    const cwd = await tempDir('caia-provision-');
    const run = await runCli(
      [
        'app',
        '--provision',
        '--resource',
        'contoso-new',
        '--resource-group',
        'rg-new',
        '--location',
        'eastus2',
        '--model',
        'gpt-4.1-mini',
        '--deployment',
        DEPLOYMENT,
        '--auth',
        'key',
        '--verify',
        '--no-git',
      ],
      { cwd, env: { PATH: `${az.bin}:${process.env.PATH}` } },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
    const dir = join(cwd, 'app');
    const dotenv = await readFile(join(dir, '.env'), 'utf8');
    expect(dotenv).toContain(`AZURE_OPENAI_CHAT_ENDPOINT='${standin.url}/openai/v1/'`);
    expect(dotenv).toContain(`AZURE_OPENAI_CHAT_KEY='${KEY}'`);

    const before = standin.requests.length;
    const answer = await sh(dir, 'npm start --silent', shellEnv(az));
    expect(answer.exitCode, describeShell(answer)).toBe(0);
    expect(answer.stdout).toBe(`${REPLY}\n`);
    expect(standin.problems).toEqual([]);
    expect(standin.requests.length).toBe(before + 1);
    expect(standin.requests.at(-1)).toMatchObject({ path: '/openai/v1/chat/completions', status: 200 });
    expect(standin.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('provisioned in a terminal, then asked', () => {
  let terminal: TerminalSession | undefined;
  afterEach(async () => {
    await terminal?.close();
    terminal = undefined;
  });

  it('creates a new resource with Microsoft Entra ID, offering the nearest region with the model, and the project answers with a token', async (ctx) => {
    needs(ctx, 'tmux');
    const az = await fakeAz();
    const cwd = await tempDir('caia-provision-tty-');
    terminal = await startTerminal(`node ${CLI}`, { cwd, env: { PATH: `${az.bin}:${process.env.PATH}` } });
    await terminal.waitFor(/Where should the project go\?/);
    await terminal.send('my-app', 'Enter');
    await terminal.waitFor(/Which SDK\?/);
    await terminal.send('Enter'); // OpenAI SDK
    await terminal.waitFor(/What should the project be\?/);
    await terminal.send('Enter'); // console scripts
    await terminal.waitFor(/Write environment setup scripts for which OS\?/);
    await terminal.send('Enter'); // linux
    await terminal.waitFor(/Which Azure OpenAI resource\?[\s\S]*Create a new resource/);
    await terminal.send('Down', 'Down', 'Down'); // past alpha-west, contoso-eastus, Fabrikam-AI
    await terminal.waitFor(/Create a new resource \(with az; every command shown first\)/);
    await terminal.send('Enter');
    await terminal.waitFor(/Name of the new resource/);
    await terminal.send('contoso-new', 'Enter');
    await terminal.waitFor(/Resource group \(created if missing\)/);
    await terminal.send('Enter'); // rg-contoso-new
    await terminal.waitFor(/Azure region/);
    await terminal.send('westus', 'Enter'); // offers gpt-4o only
    await terminal.waitFor(/Which model to deploy\?/);
    await terminal.send('Enter'); // gpt-4.1-mini
    await terminal.waitFor(/Model deployment name/);
    await terminal.send(DEPLOYMENT, 'Enter');
    await terminal.waitFor(/How should the app authenticate\?/);
    await terminal.send('Down', 'Enter'); // Microsoft Entra ID
    await terminal.waitFor(/gpt-4\.1-mini is not offered in westus; nearest regions with it: eastus2/);
    await terminal.waitFor(/Azure region[\s\S]*eastus2/);
    await terminal.send('Enter'); // eastus2
    await terminal.waitFor(/Install dependencies with npm\?/);
    await terminal.send('Enter'); // Yes
    await terminal.waitFor(/Make a git repository/);
    await terminal.send('Right', 'Enter'); // No
    const screen = await terminal.waitFor(/\[exit \d+\]/, 300_000);

    expect(screen).toContain('[exit 0]');
    expect(screen).toContain('Running az group create -n rg-contoso-new -l eastus2 -o json');
    expect(screen).toContain("Running az role assignment create --role 'Cognitive Services OpenAI User'");
    expect(screen).toContain('can take a few minutes to apply');
    expect(screen).toContain(
      'npm create azure-inference-app@latest my-app -- --yes --sdk openai --resource contoso-new --deployment chat --model gpt-4.1-mini --auth entra --provision --resource-group rg-contoso-new --location eastus2 --model-version 2025-04-14 --os linux',
    );
    const state = await az.state();
    expect(Object.keys(state.groups)).toEqual(['rg-contoso-new']);
    expect(state.roles.map((role) => role.assignee)).toEqual([USER_ID]);

    const dir = join(cwd, 'my-app');
    const env = { ...shellEnv(az), AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential' };
    const before = standin.requests.length;
    const answer = await sh(dir, 'source ./setup-env.sh && npm start --silent', env);
    expect(answer.exitCode, describeShell(answer)).toBe(0);
    expect(answer.stdout).toBe(`${REPLY}\n`);
    expect(standin.problems).toEqual([]);
    expect(standin.requests.length).toBe(before + 1);
    expect(standin.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
