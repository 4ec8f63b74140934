// The checks before --provision creates anything, against the fake az's subscription: what exists is found and
// reused, and each value that cannot work is refused naming the field and what would work instead.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { preflight } from '../../../src/azure/provision/preflight.js';
import { ProvisionProblem } from '../../../src/azure/provision/problem.js';
import type { AzRunner, Provisioning } from '../../../src/types.js';
import { tempDir } from '../../helpers/cli.js';
import { makeFakeAz, type ProvisionState, USER_ID } from '../../helpers/fake-az.js';

const request: Provisioning = {
  resourceGroup: 'rg-new',
  location: 'eastus2',
  account: 'contoso-new',
  deployment: 'chat',
  model: 'gpt-4.1-mini',
  modelVersion: undefined,
  sku: 'GlobalStandard',
  capacity: 10,
  role: true,
  found: undefined,
};
const ID =
  '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-new/providers/Microsoft.CognitiveServices/accounts/contoso-new';

/** The fake az, run directly (not through PATH), as az.ts's runner reads it: stdout, or the first line of stderr. */
async function fake(state: Partial<ProvisionState> = {}): Promise<AzRunner> {
  const az = await makeFakeAz(await tempDir('caia-az-'), { provision: state });
  return async (args) => {
    const run = await execa(join(az.bin, 'az'), args, { reject: false });
    return run.exitCode === 0
      ? { ok: true, value: String(run.stdout) }
      : {
          ok: false,
          reason:
            String(run.stderr)
              .split('\n')[0]
              ?.replace(/^ERROR:\s*/, '') ?? '',
        };
  };
}

/** A subscription that already has the group, the account (in swedencentral), its deployment and the role. */
const existing: Partial<ProvisionState> = {
  groups: { 'rg-new': 'swedencentral' },
  accounts: {
    'contoso-new': {
      name: 'contoso-new',
      resourceGroup: 'rg-new',
      location: 'swedencentral',
      kind: 'OpenAI',
      subdomain: 'contoso-new',
      endpoint: 'https://contoso-new.openai.azure.com/',
    },
  },
  deployments: {
    'contoso-new': { chat: { model: 'gpt-4.1-mini', version: '2025-04-14', sku: 'GlobalStandard', capacity: 10 } },
  },
  roles: [{ assignee: USER_ID, role: 'Cognitive Services OpenAI User', scope: ID }],
};

async function problem(run: Promise<unknown>): Promise<ProvisionProblem> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProvisionProblem);
  return error as ProvisionProblem;
}

describe('preflight', { timeout: 120_000 }, () => {
  it('finds nothing in an empty subscription and settles the default model version', async () => {
    const settled = await preflight(request, await fake());
    expect(settled).toMatchObject({
      modelVersion: '2025-04-14',
      found: { group: false, account: undefined, deployment: false, userId: USER_ID, role: false },
    });
  });

  it('finds and reuses what exists, in the region the account is in', async () => {
    const settled = await preflight(request, await fake(existing));
    expect(settled.location).toBe('swedencentral');
    expect(settled.found).toEqual({
      group: true,
      account: { id: ID, endpoint: 'https://contoso-new.openai.azure.com/' },
      deployment: true,
      userId: USER_ID,
      role: true,
    });
  });

  it('refuses a deployment name that holds another model', async () => {
    const error = await problem(preflight({ ...request, model: 'gpt-4o' }, await fake(existing)));
    expect(error.field).toBe('deployment');
    expect(error.message).toBe(
      '--deployment chat: contoso-new already has a deployment of that name, of gpt-4.1-mini: choose another name, or --model gpt-4.1-mini',
    );
  });

  it('refuses a version the region does not have, naming those it has', async () => {
    const error = await problem(preflight({ ...request, modelVersion: '2024-01-01' }, await fake()));
    expect(error).toMatchObject({ field: 'modelVersion', choices: ['2025-04-14'] });
  });

  it('refuses a SKU the model is not offered as', async () => {
    const error = await problem(preflight({ ...request, sku: 'ProvisionedManaged' }, await fake()));
    expect(error).toMatchObject({ field: 'sku', choices: ['GlobalStandard'] });
  });

  it('offers the nearest regions with quota when the region has none left', async () => {
    const error = await problem(
      preflight(
        request,
        await fake({ usage: { eastus2: { 'OpenAI.GlobalStandard.gpt-4.1-mini': { limit: 10, current: 10 } } } }),
      ),
    );
    expect(error.field).toBe('location');
    expect(error.message).toContain(
      'has 0 (thousand tokens per minute) of OpenAI.GlobalStandard.gpt-4.1-mini left in eastus2',
    );
  });
});
