// The Azure CLI end to end, through the built CLI with a fake az first on PATH: --verify before writing (found,
// wrong deployment, wrong resource, signed out, dry run), az never run without --verify, and the interactive pickers
// in a real terminal fetching the key into .env.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, type CliRun, describeRun, runCli, tempDir } from '../helpers/cli.js';
import {
  ACCOUNTS,
  type ArmAccount,
  type ArmDeployment,
  DEPLOYMENTS,
  type FakeAz,
  type FakeAzOptions,
  KEYS,
  makeFakeAz,
} from '../helpers/fake-az.js';
import { needs } from '../helpers/system-tools.js';
import { startTerminal, type TerminalSession } from '../helpers/tmux.js';

const LIST = 'cognitiveservices account list -o json';
const noSteps = ['--no-install', '--no-git'];

function expectExit(run: CliRun, code: number): void {
  expect(run.exitCode, describeRun(run)).toBe(code);
}

/** A fresh empty working folder, and a fake az (in its own folder) first on PATH. */
async function setup(options: FakeAzOptions = {}): Promise<{ cwd: string; az: FakeAz; PATH: string }> {
  const az = await makeFakeAz(await tempDir('caia-az-'), options);
  return { cwd: await tempDir('caia-verify-'), az, PATH: `${az.bin}:${process.env.PATH}` };
}

describe('--verify with the Azure CLI', () => {
  it('checks the resource and deployment, then writes the project', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(
      ['my-app', '--resource', 'contoso-eastus', '--deployment', 'gpt-4o-mini', '--verify', ...noSteps],
      { cwd, env: { PATH } },
    );
    expectExit(run, 0);
    expect(run.stdout + run.stderr).toContain('Checking the resource and deployment with the Azure CLI');
    expect(await az.calls()).toEqual([
      LIST,
      'cognitiveservices account deployment list -g rg-contoso -n contoso-eastus -o json',
    ]);
    expect(await readdir(join(cwd, 'my-app'))).toContain('package.json');
  });

  it('finds a custom-domain resource by --endpoint', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(
      [
        'my-app',
        '--endpoint',
        'https://fabrikam-models.cognitiveservices.azure.com/',
        '--deployment',
        'chat',
        '--verify',
        ...noSteps,
      ],
      { cwd, env: { PATH } },
    );
    expectExit(run, 0);
    expect((await az.calls())[1]).toBe(
      'cognitiveservices account deployment list -g rg-fabrikam -n Fabrikam-AI -o json',
    );
    expect(await readFile(join(cwd, 'my-app', 'setup-env.sh'), 'utf8')).toContain(
      "AZURE_OPENAI_CHAT_ENDPOINT='https://fabrikam-models.cognitiveservices.azure.com/openai/v1/'",
    );
  });

  it('a wrong deployment exits 2 naming the real deployments, and writes nothing', async () => {
    const { cwd, PATH } = await setup();
    const run = await runCli(
      ['my-app', '--resource', 'contoso-eastus', '--deployment', 'gpt-5', '--verify', ...noSteps],
      { cwd, env: { PATH } },
    );
    expectExit(run, 2);
    expect(run.stderr).toContain(
      '--verify: contoso-eastus has no deployment "gpt-5"; it has: gpt-4o (gpt-4o 2024-08-06), gpt-4o-mini (gpt-4o-mini 2024-07-18), o3-mini (o3-mini 2025-01-31), old-35 (gpt-35-turbo 0125)',
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a deployment still being created exits 2 saying so', async () => {
    const { cwd, PATH } = await setup();
    const run = await runCli(
      ['my-app', '--resource', 'contoso-eastus', '--deployment', 'o3-mini', '--verify', ...noSteps],
      { cwd, env: { PATH } },
    );
    expectExit(run, 2);
    expect(run.stderr).toContain('--verify: the deployment "o3-mini" on contoso-eastus is Creating, not ready yet');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a wrong resource exits 2 listing the resources, and writes nothing', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(['my-app', '--resource', 'nobody', '--deployment', 'gpt-4o', '--verify', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 2);
    expect(run.stderr).toContain(
      '--verify: no Azure OpenAI resource at https://nobody.openai.azure.com in your subscription; you have: alpha-west, contoso-eastus, Fabrikam-AI',
    );
    expect(await az.calls()).toEqual([LIST]);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('a signed-out az is a run-time failure: exit 1 naming the reason, nothing written, the command to run again', async () => {
    const { cwd, PATH } = await setup({ signedOut: true });
    const run = await runCli(
      ['my-app', '--resource', 'contoso-eastus', '--deployment', 'gpt-4o', '--verify', ...noSteps],
      { cwd, env: { PATH } },
    );
    expectExit(run, 1);
    expect(run.stderr).toContain("--verify needs a signed-in Azure CLI: Please run 'az login' to setup account.");
    expect(run.stderr).not.toContain('ERROR: Please');
    expect(run.stderr).toMatch(
      /Nothing was written\. To try again, run:\n {2}npm create azure-inference-app@latest my-app -- --yes .*--resource contoso-eastus --deployment gpt-4o .*--verify\n/,
    );
    expect(run.stderr).not.toContain('--help');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('finds an AI Services resource named by --resource (it answers on <name>.openai.azure.com too)', async () => {
    // An AI Services (Foundry) resource whose custom subdomain is its name: ARM gives its cognitiveservices.azure.com
    // endpoint, and the project built from --resource uses https://northwind-ai.openai.azure.com, which it serves.
    const northwind: ArmAccount = {
      name: 'northwind-ai',
      kind: 'AIServices',
      location: 'eastus2',
      resourceGroup: 'rg-northwind',
      properties: {
        endpoint: 'https://northwind-ai.cognitiveservices.azure.com/',
        customSubDomainName: 'northwind-ai',
      },
    };
    const chat = DEPLOYMENTS['Fabrikam-AI'] as readonly ArmDeployment[];
    const { cwd, PATH } = await setup({
      accounts: [...ACCOUNTS, northwind],
      deployments: { ...DEPLOYMENTS, 'northwind-ai': chat },
    });
    const run = await runCli(['my-app', '--resource', 'northwind-ai', '--deployment', 'chat', '--verify', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 0);
  });

  it('--dry-run --verify lists the az commands and never runs az', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(
      ['my-app', '--resource', 'contoso-eastus', '--deployment', 'gpt-4o', '--verify', '--dry-run', ...noSteps],
      { cwd, env: { PATH } },
    );
    expectExit(run, 0);
    expect(run.stdout).toContain('and run:');
    expect(run.stdout).toContain('  az cognitiveservices account list -o json   (--verify)');
    expect(run.stdout).toContain(
      "  az cognitiveservices account deployment list -g '<its group>' -n contoso-eastus -o json   (--verify)",
    );
    expect(await az.calls()).toEqual([]);
    expect(await readdir(cwd)).toEqual([]);
  });

  it('without --verify a run with no terminal never runs az', async () => {
    const { cwd, az, PATH } = await setup();
    const flags = await runCli(['a', '--resource', 'contoso-eastus', '--deployment', 'gpt-4o', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(flags, 0);
    const yes = await runCli(['b', '--yes', ...noSteps], { cwd, env: { PATH } });
    expectExit(yes, 0);
    const missing = await runCli(['c', ...noSteps], { cwd, env: { PATH } });
    expectExit(missing, 2);
    expect(await az.calls()).toEqual([]);
  });
});

describe('the Azure CLI pickers in a terminal', () => {
  beforeEach((ctx) => needs(ctx, ['tmux', 'bash']));
  let terminal: TerminalSession | undefined;
  afterEach(async () => {
    await terminal?.close();
    terminal = undefined;
  });

  it('picks a custom-domain resource and deployment with the arrow keys and fetches the key into .env', async () => {
    const { cwd, az, PATH } = await setup();
    const key = KEYS['Fabrikam-AI']?.key1 ?? '';
    expect(key).not.toBe('');
    terminal = await startTerminal(`node ${CLI}`, { cwd, env: { PATH } });
    await terminal.waitFor(/Where should the project go\?/);
    await terminal.send('my-app', 'Enter');
    await terminal.waitFor(/Which SDK\?/);
    await terminal.send('Enter'); // OpenAI SDK with Azure (recommended, first)
    await terminal.waitFor(/What should the project be\?/);
    await terminal.send('Enter'); // console scripts
    await terminal.waitFor(/Write environment setup scripts for which OS\?/);
    await terminal.send('Enter'); // linux
    await terminal.waitFor(/Which Azure OpenAI resource\?[\s\S]*alpha-west \(OpenAI · westeurope · rg-alpha\)/);
    const list = await terminal.screen();
    expect(list).toMatch(/Looking for your Azure OpenAI resources \(az\)/);
    expect(list).toMatch(/alpha-west[\s\S]*contoso-eastus[\s\S]*Fabrikam-AI[\s\S]*Type a name instead/);
    expect(list).not.toContain('contoso-language');
    expect(list).not.toContain('bad_name');
    await terminal.send('Down');
    await terminal.waitFor(/contoso-eastus \(OpenAI · eastus · rg-contoso\)/);
    await terminal.send('Down');
    await terminal.waitFor(/Fabrikam-AI \(AIServices · swedencentral · rg-fabrikam\)/);
    await terminal.send('Enter');
    await terminal.waitFor(/Which deployment\?[\s\S]*chat \(gpt-4\.1 2025-04-14\)/);
    await terminal.send('Enter');
    await terminal.waitFor(/How should the app authenticate\?/);
    await terminal.send('Enter'); // API key
    await terminal.waitFor(/Fetch the API key of Fabrikam-AI with az/);
    await terminal.send('Enter'); // Yes
    await terminal.waitFor(/Install dependencies with npm\?/);
    await terminal.send('Right', 'Enter'); // No
    await terminal.waitFor(/Make a git repository/);
    await terminal.send('Right', 'Enter'); // No
    const screen = await terminal.waitFor(/\[exit \d+\]/);

    expect(screen).toContain('[exit 0]');
    expect(screen).toContain('The API key from az is saved in .env');
    expect(screen).toContain('--endpoint https://fabrikam-models.cognitiveservices.azure.com --deployment chat');
    expect(screen).not.toContain(key);
    expect(await az.calls()).toEqual([
      LIST,
      'cognitiveservices account deployment list -g rg-fabrikam -n Fabrikam-AI -o json',
      'cognitiveservices account keys list -g rg-fabrikam -n Fabrikam-AI -o json',
    ]);

    const dir = join(cwd, 'my-app');
    expect(await readFile(join(dir, '.env'), 'utf8')).toContain(`AZURE_OPENAI_CHAT_KEY='${key}'`);
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      if (!entry.isFile() || file === join(dir, '.env')) continue;
      expect(await readFile(file, 'utf8'), file).not.toContain(key);
    }
    const script = await readFile(join(dir, 'setup-env.sh'), 'utf8');
    expect(script).toMatch(
      /export AZURE_OPENAI_CHAT_ENDPOINT='?https:\/\/fabrikam-models\.cognitiveservices\.azure\.com\/openai\/v1\/'?\n/,
    );
    expect(script).not.toContain('fabrikam-ai.openai.azure.com');
  });
});
