// --provision end to end, through the built CLI with the fake az first on PATH: the commands in order and each shown
// before it runs, --dry-run and --json listing them, a second run reusing everything, the checks that stop a run
// before anything is created (a taken name, a model not offered in the region, no quota, signed out), a failure
// part way (no permission to assign roles) saying what was created and how to finish or remove it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLI, type CliRun, describeRun, runCli, tempDir } from '../helpers/cli.js';
import { type FakeAz, type FakeAzOptions, makeFakeAz, PROVISION_DEFAULTS, USER_ID } from '../helpers/fake-az.js';

const noSteps = ['--no-install', '--no-git'];
const NEW = ['--provision', '--resource', 'contoso-new', '--resource-group', 'rg-new', '--location', 'eastus2'];
const MODEL = ['--model', 'gpt-4.1-mini', '--deployment', 'chat'];
const ACCOUNT_ID = `/subscriptions/${PROVISION_DEFAULTS.subscription}/resourceGroups/rg-new/providers/Microsoft.CognitiveServices/accounts/contoso-new`;
const ROLE = `role assignment create --role Cognitive Services OpenAI User --assignee-object-id ${USER_ID} --assignee-principal-type User --scope ${ACCOUNT_ID} -o json`;

function expectExit(run: CliRun, code: number): void {
  expect(run.exitCode, describeRun(run)).toBe(code);
}

async function setup(options: FakeAzOptions = {}): Promise<{ cwd: string; az: FakeAz; PATH: string }> {
  const az = await makeFakeAz(await tempDir('caia-az-'), { provision: {}, ...options });
  return { cwd: await tempDir('caia-provision-'), az, PATH: `${az.bin}:${process.env.PATH}` };
}

/** The calls that create something, in order. */
const creations = (calls: string[]) => calls.filter((call) => /\bcreate\b|keys list/.test(call));

describe('--provision from flags', () => {
  it('creates the group, the account with its subdomain, the deployment and the role, in order, showing each; then writes the project', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'entra', '--verify', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 0);
    const calls = await az.calls();
    expect(creations(calls)).toEqual([
      'group create -n rg-new -l eastus2 -o json',
      'cognitiveservices account create -n contoso-new -g rg-new -l eastus2 --kind OpenAI --sku S0 --custom-domain contoso-new --yes -o json',
      'cognitiveservices account deployment create -n contoso-new -g rg-new --deployment-name chat --model-name gpt-4.1-mini --model-version 2025-04-14 --model-format OpenAI --sku-name GlobalStandard --sku-capacity 10 -o json',
      ROLE,
    ]);
    // The checks came first, before anything was created.
    const firstCreate = calls.findIndex((call) => call.startsWith('group create'));
    for (const check of [
      'group exists',
      'checkDomainAvailability',
      'model list -l eastus2',
      'usage list -l eastus2',
      'ad signed-in-user show',
    ]) {
      const at = calls.findIndex((call) => call.includes(check));
      expect(at, check).toBeGreaterThanOrEqual(0);
      expect(at, check).toBeLessThan(firstCreate);
    }
    // Each command is shown before it runs, with the cost and how to delete it.
    const output = run.stdout + run.stderr;
    expect(output).toContain('Cost: the account has no fixed charge');
    expect(output).toContain('To delete it all later: az group delete -n rg-new --yes');
    const shown = output.indexOf('Running az group create -n rg-new -l eastus2 -o json');
    expect(shown).toBeGreaterThanOrEqual(0);
    expect(output.indexOf("Running az role assignment create --role 'Cognitive Services OpenAI User'")).toBeGreaterThan(
      shown,
    );
    expect(output).toContain('# your new role on the resource can take a few minutes to apply');
    const state = await az.state();
    expect(state.roles).toEqual([{ assignee: USER_ID, role: 'Cognitive Services OpenAI User', scope: ACCOUNT_ID }]);
    const script = await readFile(join(cwd, 'my-app', 'setup-env.sh'), 'utf8');
    expect(script).toContain("AZURE_OPENAI_CHAT_ENDPOINT='https://contoso-new.openai.azure.com/openai/v1/'");
    expect(script).toContain("AZURE_OPENAI_CHAT_DEPLOYMENT='chat'");
  });

  it('a second run reuses everything and creates nothing', async () => {
    const { cwd, az, PATH } = await setup();
    const first = await runCli(['one', ...NEW, ...MODEL, '--auth', 'entra', ...noSteps], { cwd, env: { PATH } });
    expectExit(first, 0);
    const before = (await az.calls()).length;
    const second = await runCli(['two', ...NEW, ...MODEL, '--auth', 'entra', ...noSteps], { cwd, env: { PATH } });
    expectExit(second, 0);
    const again = (await az.calls()).slice(before);
    expect(creations(again)).toEqual([]);
    expect(second.stdout + second.stderr).toContain(
      'Azure has it all already: reusing resource group rg-new, account contoso-new, deployment chat, your role on it',
    );
    // The group was there before this run: deleting is the account's, never the group's.
    expect(second.stdout + second.stderr).toContain(
      'az cognitiveservices account delete -n contoso-new -g rg-new && az cognitiveservices account purge -n contoso-new -g rg-new -l eastus2',
    );
  });

  it('key auth fetches the key into .env only', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'key', ...noSteps], { cwd, env: { PATH } });
    expectExit(run, 0);
    const key = PROVISION_DEFAULTS.key;
    expect(creations(await az.calls()).at(-1)).toBe(
      'cognitiveservices account keys list -n contoso-new -g rg-new -o json',
    );
    expect(await readFile(join(cwd, 'my-app', '.env'), 'utf8')).toContain(`AZURE_OPENAI_CHAT_KEY='${key}'`);
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(run.stdout + run.stderr).toContain('The API key from az is saved in .env');
    expect(await az.calls()).not.toContainEqual(expect.stringContaining('role assignment'));
  });

  it('--dry-run lists every command and runs no az; --json has them as the plan says', async () => {
    const { cwd, az, PATH } = await setup();
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'entra', '--dry-run', '--json', ...noSteps], {
      cwd,
      env: { PATH },
    });
    expectExit(run, 0);
    expect(await az.calls()).toEqual([]);
    const result = JSON.parse(run.stdout) as { commands: { command: string; status: string; note?: string }[] };
    const planned = result.commands.filter((c) => c.command.startsWith('az ')).map((c) => c.command);
    expect(planned).toEqual([
      'az group create -n rg-new -l eastus2 -o json',
      'az cognitiveservices account create -n contoso-new -g rg-new -l eastus2 --kind OpenAI --sku S0 --custom-domain contoso-new --yes -o json',
      "az cognitiveservices account deployment create -n contoso-new -g rg-new --deployment-name chat --model-name gpt-4.1-mini --model-version '<the default version>' --model-format OpenAI --sku-name GlobalStandard --sku-capacity 10 -o json",
      "az role assignment create --role 'Cognitive Services OpenAI User' --assignee-object-id '<your object id: az ad signed-in-user show --query id -o tsv>' --assignee-principal-type User --scope '<the account id>' -o json",
    ]);
    expect(result.commands[0]?.status).toBe('planned');
    expect(await readdir(cwd)).toEqual([]);
  });
});

describe('--provision checks before creating anything', () => {
  const refused = async (options: FakeAzOptions, args: string[]) => {
    const { cwd, az, PATH } = await setup(options);
    const run = await runCli(['my-app', ...args, ...noSteps], { cwd, env: { PATH } });
    expect(creations(await az.calls()), describeRun(run)).toEqual([]);
    expect(await readdir(cwd)).toEqual([]);
    return run;
  };

  it('a taken name is exit 2 naming it', async () => {
    const run = await refused({}, [
      '--provision',
      '--resource',
      'taken-name',
      '--resource-group',
      'rg-new',
      '--location',
      'eastus2',
      ...MODEL,
    ]);
    expectExit(run, 2);
    expect(run.stderr).toContain(
      '--resource taken-name: taken-name.openai.azure.com is not available (Sub domain name is not available.): the name is taken or not valid as a subdomain',
    );
  });

  it('a model not offered in the region is exit 2 naming the nearest regions with it and the region’s models', async () => {
    const run = await refused({}, [...NEW.slice(0, 5), '--location', 'westus', ...MODEL]);
    expectExit(run, 2);
    expect(run.stderr).toContain(
      '--model gpt-4.1-mini is not offered in westus; nearest regions with it: eastus2. Models you can deploy in westus: gpt-4o',
    );
  });

  it('no quota left is exit 2 with what is left and where else to look', async () => {
    const run = await refused(
      { provision: { usage: { eastus2: { 'OpenAI.GlobalStandard.gpt-4.1-mini': { limit: 50, current: 46 } } } } },
      [...NEW, ...MODEL],
    );
    expectExit(run, 2);
    expect(run.stderr).toContain(
      '--capacity 10: your subscription has 4 (thousand tokens per minute) of OpenAI.GlobalStandard.gpt-4.1-mini left in eastus2: ask for --capacity 4 or less,',
    );
  });

  it('a signed-out az is exit 1 with its reason', async () => {
    const run = await refused({ signedOut: true }, [...NEW, ...MODEL]);
    expectExit(run, 1);
    expect(run.stderr).toContain(
      "--provision could not read your subscription with the Azure CLI: Please run 'az login' to setup account.",
    );
  });

  it('a provisioning flag without --provision is exit 2 naming it', async () => {
    const run = await refused({}, [
      '--resource',
      'contoso',
      '--deployment',
      'chat',
      '--location',
      'eastus2',
      '--capacity',
      '5',
    ]);
    expectExit(run, 2);
    expect(run.stderr).toContain('--location goes with --provision\n--capacity goes with --provision');
  });

  it('missing flags are named, and nothing runs', async () => {
    const run = await refused({}, ['--provision', '--resource', 'contoso-new']);
    expectExit(run, 2);
    expect(run.stderr).toContain('Missing --resource-group, --location, --model, --deployment.');
  });
});

describe('--provision failing part way', () => {
  it('Ctrl-C while the account is being created says what was made, what was under way, and how to finish or remove it', async () => {
    const { cwd, az, PATH } = await setup({ provision: { failures: { hang: 'cognitiveservices account create' } } });
    const child = execa(process.execPath, [CLI, 'my-app', ...NEW, ...MODEL, ...noSteps], {
      cwd,
      env: { PATH, CI: undefined },
      reject: false,
      stdin: 'ignore',
    });
    // Waits for the call itself, not for a time: the fake never answers it.
    while (!(await az.calls()).some((call) => call.startsWith('cognitiveservices account create'))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGINT');
    const run = await child;
    expect(run.exitCode, String(run.stderr)).toBe(130);
    expect(String(run.stderr)).toContain(
      'Cancelled: nothing was written here. Created by this run: resource group rg-new. Under way when stopped: account contoso-new (Azure may hold it). Not created: deployment chat. To remove what this run created: az group delete -n rg-new --yes The same command again finishes it (it reuses what exists).',
    );
    expect(await readdir(cwd)).toEqual([]);
  });

  it('no permission to assign roles: says what was created, what was not, how to finish and how to remove it', async () => {
    const { cwd, az, PATH } = await setup({ provision: { failures: { roleCreate: true } } });
    const run = await runCli(['my-app', ...NEW, ...MODEL, '--auth', 'entra', ...noSteps], { cwd, env: { PATH } });
    expectExit(run, 1);
    expect(run.stderr).toContain('does not have authorization to perform action');
    expect(run.stderr).toContain(
      'Assigning roles needs Owner, User Access Administrator or Role Based Access Control Administrator on contoso-new',
    );
    expect(run.stderr).toContain(
      `ask someone who has it to run: az ${ROLE.replace('Cognitive Services OpenAI User', "'Cognitive Services OpenAI User'")}; or use --auth key`,
    );
    expect(run.stderr).toContain(
      'Created by this run: resource group rg-new, account contoso-new, deployment chat. Not created: the role "Cognitive Services OpenAI User" for you on contoso-new.',
    );
    expect(run.stderr).toContain('To remove what this run created: az group delete -n rg-new --yes');
    expect(run.stderr).toMatch(
      /To finish, run:\n {2}npm create azure-inference-app@latest my-app -- --yes .*--provision --resource-group rg-new --location eastus2/,
    );
    expect(await readdir(cwd)).toEqual([]);
    expect(Object.keys((await az.state()).accounts)).toEqual(['contoso-new']);
  });
});
