// The az commands of --provision, given to a real Azure CLI that can only parse them: signed out (an empty
// AZURE_CONFIG_DIR) and with no network (unshare -rn). A command whose arguments az accepts gets as far as "Please run
// 'az login'" (exit 1); one it cannot parse is refused with exit 2 ("unrecognized arguments", "the following arguments
// are required", "misspelled or not recognized"). .ci/run installs Debian's azure-cli 2.45.0 (2023): the commands and
// arguments added since then are listed below and checked against today's reference only (src/azure/provision/commands.ts).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { provisionCommands as commands } from '../../src/azure/provision/commands.js';
import type { Provisioning } from '../../src/types.js';
import { needs } from '../helpers/system-tools.js';

const p: Provisioning = {
  resourceGroup: 'rg-new',
  location: 'eastus2',
  account: 'contoso-new',
  deployment: 'chat',
  model: 'gpt-4.1-mini',
  modelVersion: '2025-04-14',
  sku: 'GlobalStandard',
  capacity: 10,
  role: true,
  found: undefined,
};
const ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-new/providers/Microsoft.CognitiveServices/accounts/contoso-new';
const USER = '11111111-2222-3333-4444-555555555555';

/** Every command --provision runs or prints, by name. */
const ALL: Record<string, readonly string[]> = {
  groupExists: commands.groupExists(p).args,
  accountShow: commands.accountShow(p).args,
  nameCheck: commands.nameCheck(p).args,
  models: commands.models(p.location).args,
  usage: commands.usage(p.location).args,
  deploymentShow: commands.deploymentShow(p).args,
  signedInUser: commands.signedInUser().args,
  roleList: commands.roleList(USER, ID).args,
  groupCreate: commands.groupCreate(p).args,
  accountCreate: commands.accountCreate(p).args,
  deploymentCreate: commands.deploymentCreate(p).args,
  roleCreate: commands.roleCreate(USER, ID).args,
  keys: commands.keys(p).args,
  access: commands.access('https://contoso-new.openai.azure.com/').args,
  groupDelete: commands.groupDelete(p).args,
  accountDelete: commands.accountDelete(p).args,
  accountPurge: commands.accountPurge(p).args,
};

/** What az 2.45.0 does not know yet: the commands, and the deployment's SKU arguments (it wanted --scale-type). */
const NEWER_THAN_2_45 = ['models', 'usage', 'deploymentCreate'];

async function azParse(args: readonly string[]) {
  const config = await mkdtemp(join(tmpdir(), 'caia-azconfig-'));
  const result = await execa('unshare', ['-rn', 'az', ...args], {
    env: {
      AZURE_CONFIG_DIR: config,
      AZURE_CORE_COLLECT_TELEMETRY: 'false',
      AZURE_EXTENSION_USE_DYNAMIC_INSTALL: 'no',
      AZURE_CORE_NO_COLOR: 'true',
    },
    reject: false,
    stdin: 'ignore',
    timeout: 120_000,
  });
  return { exitCode: result.exitCode, stderr: String(result.stderr) };
}

const parsed = (run: { exitCode?: number; stderr: string }) =>
  run.exitCode === 1 && run.stderr.includes("Please run 'az login'");

describe('the Azure CLI parses the commands of --provision', () => {
  it('every command, as planned, but those newer than the installed az', async (ctx) => {
    needs(ctx, ['az', 'unshare']);
    const version = JSON.parse(
      (await execa('az', ['version', '-o', 'json'], { env: { AZURE_CORE_COLLECT_TELEMETRY: 'false' } })).stdout,
    )['azure-cli'] as string;
    const old = version === '2.45.0';
    for (const [name, args] of Object.entries(ALL)) {
      if (old && NEWER_THAN_2_45.includes(name)) continue;
      const run = await azParse(args);
      expect(parsed(run), `az ${args.join(' ')} (az ${version}):\n${run.stderr}`).toBe(true);
    }
    // az starts slowly (seconds a command on a busy machine): a safety net, not a measure.
  }, 900_000);

  it('az 2.45.0 knows neither the model and usage lists nor the deployment SKU arguments; the rest of the deployment parses', async (ctx) => {
    needs(ctx, ['az', 'unshare']);
    const version = JSON.parse(
      (await execa('az', ['version', '-o', 'json'], { env: { AZURE_CORE_COLLECT_TELEMETRY: 'false' } })).stdout,
    )['azure-cli'] as string;
    if (version !== '2.45.0') ctx.skip(`az ${version} is not Debian's 2.45.0: the first test checks every command`);
    for (const name of ['models', 'usage']) {
      const run = await azParse(ALL[name] as readonly string[]);
      expect(run.exitCode, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/misspelled or not recognized/);
    }
    const create = [...(ALL.deploymentCreate as readonly string[])];
    const withSku = await azParse([...create, '--scale-type', 'Standard']);
    expect(withSku.stderr).toContain('unrecognized arguments: --sku-name GlobalStandard --sku-capacity 10');
    // Without the SKU arguments (and with 2.45's own --scale-type) every other argument is accepted.
    const sku = create.indexOf('--sku-name');
    create.splice(sku, 4);
    expect(parsed(await azParse([...create, '--scale-type', 'Standard']))).toBe(true);
  });

  it('the parse check can fail: an unknown argument is refused', async (ctx) => {
    needs(ctx, ['az', 'unshare']);
    const run = await azParse([...(ALL.accountCreate as readonly string[]), '--custom-domian', 'x']);
    expect(parsed(run)).toBe(false);
    expect(run.stderr).toContain('unrecognized arguments: --custom-domian x');
  });
});
