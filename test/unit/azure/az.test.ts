// Reading the user's resources, deployments and key through az: the parsing with canned answers (no process), and
// the real azRunner against a fake az script on PATH (success, signed out, missing, too slow).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { azCommands, azRunner, fetchKey, listDeployments, listResources, resourceAt } from '../../../src/azure/az.js';
import { verifyAzure } from '../../../src/azure/verify.js';
import { StepError, UsageError } from '../../../src/shared/errors.js';
import type { AzRunner, AzureAnswer, AzureResource } from '../../../src/types.js';
import { tempDir } from '../../helpers/cli.js';
import { ACCOUNTS, DEPLOYMENTS, KEYS, makeFakeAz, NOT_SIGNED_IN } from '../../helpers/fake-az.js';
import { optionsFrom } from '../../helpers/options.js';

/** An AzRunner that answers from a table keyed by the joined arguments, and records each call. */
function canned(answers: Record<string, AzureAnswer<string>>) {
  const calls: string[] = [];
  const az: AzRunner = async (args) => {
    const key = args.join(' ');
    calls.push(key);
    return answers[key] ?? { ok: false, reason: `no canned answer for: ${key}` };
  };
  return { az, calls };
}
const ok = (value: unknown): AzureAnswer<string> => ({
  ok: true,
  value: typeof value === 'string' ? value : JSON.stringify(value),
});
const LIST = 'cognitiveservices account list -o json';
const deploymentsOf = (r: Pick<AzureResource, 'name' | 'resourceGroup'>) => azCommands.deployments(r).args.join(' ');
const keysOf = (r: Pick<AzureResource, 'name' | 'resourceGroup'>) => azCommands.keys(r).args.join(' ');

const contoso: AzureResource = {
  name: 'contoso-eastus',
  kind: 'OpenAI',
  location: 'eastus',
  resourceGroup: 'rg-contoso',
  endpoint: 'https://contoso-eastus.openai.azure.com',
  subdomain: 'contoso-eastus',
};
const fabrikam: AzureResource = {
  name: 'Fabrikam-AI',
  kind: 'AIServices',
  location: 'swedencentral',
  resourceGroup: 'rg-fabrikam',
  endpoint: 'https://fabrikam-models.cognitiveservices.azure.com',
  subdomain: 'fabrikam-models',
};
const alpha: AzureResource = {
  name: 'alpha-west',
  kind: 'OpenAI',
  location: 'westeurope',
  resourceGroup: 'rg-alpha',
  endpoint: 'https://alpha-west.openai.azure.com',
  subdomain: 'alpha-west',
};

describe('azCommands', () => {
  it('are the az commands a person would type, with -o json', () => {
    expect(azCommands.resources()).toEqual({ command: 'az', args: LIST.split(' '), cwd: '.' });
    expect(deploymentsOf(contoso)).toBe(
      'cognitiveservices account deployment list -g rg-contoso -n contoso-eastus -o json',
    );
    expect(keysOf(contoso)).toBe('cognitiveservices account keys list -g rg-contoso -n contoso-eastus -o json');
  });
});

describe('listResources', () => {
  it('keeps the OpenAI and AI Services kinds with valid names, sorted by name, endpoint without the slash', async () => {
    const { az, calls } = canned({ [LIST]: ok(ACCOUNTS) });
    const answer = await listResources(az);
    expect(calls).toEqual([LIST]);
    expect(answer).toEqual({ ok: true, value: [alpha, contoso, fabrikam] });
  });

  it('keeps a custom-domain endpoint as the resource endpoint (not <name>.openai.azure.com)', async () => {
    const { az } = canned({ [LIST]: ok(ACCOUNTS) });
    const answer = await listResources(az);
    if (!answer.ok) throw new Error(answer.reason);
    expect(answer.value.find((r) => r.name === 'Fabrikam-AI')?.endpoint).toBe(
      'https://fabrikam-models.cognitiveservices.azure.com',
    );
  });

  it('skips items missing a field or with an endpoint that is not https', async () => {
    const good = ACCOUNTS[0];
    const { az } = canned({
      [LIST]: ok([
        null,
        'text',
        { ...good, name: undefined },
        { ...good, name: 'no-group', resourceGroup: undefined },
        { ...good, name: 'no-properties', properties: undefined },
        { ...good, name: 'plain-http', properties: { endpoint: 'http://plain-http.openai.azure.com/' } },
        { ...good, name: 'no-location', location: undefined },
        good,
      ]),
    });
    const answer = await listResources(az);
    expect(answer).toEqual({ ok: true, value: [contoso, { ...contoso, name: 'no-location', location: '' }] });
  });

  it('passes a failing az through with its reason', async () => {
    const { az } = canned({ [LIST]: { ok: false, reason: "Please run 'az login' to setup account." } });
    expect(await listResources(az)).toEqual({ ok: false, reason: "Please run 'az login' to setup account." });
  });

  it('says so when there are no resources, or none of an Azure OpenAI kind', async () => {
    const reason = 'no Azure OpenAI or AI Services resources in this subscription';
    expect(await listResources(canned({ [LIST]: ok([]) }).az)).toEqual({ ok: false, reason, empty: true });
    const others = ACCOUNTS.filter((a) => a.kind === 'TextAnalytics');
    expect(others).toHaveLength(1);
    expect(await listResources(canned({ [LIST]: ok(others) }).az)).toEqual({ ok: false, reason, empty: true });
  });

  it.each([
    ['not JSON', 'WARNING: something\n[{"name":'],
    ['an object', '{"value": []}'],
    ['empty', ''],
    ['null', 'null'],
  ])('refuses output that is %s, naming the command', async (_what, stdout) => {
    expect(await listResources(canned({ [LIST]: ok(stdout) }).az)).toEqual({
      ok: false,
      reason: 'az cognitiveservices account list -o json gave output that is not a list',
    });
  });
});

describe('listDeployments', () => {
  it('reads name, model, version and state, sorted, skipping invalid names', async () => {
    const { az, calls } = canned({ [deploymentsOf(contoso)]: ok(DEPLOYMENTS['contoso-eastus']) });
    const answer = await listDeployments(az, contoso);
    expect(calls).toEqual([deploymentsOf(contoso)]);
    expect(answer).toEqual({
      ok: true,
      value: [
        { name: 'gpt-4o', model: 'gpt-4o', version: '2024-08-06', state: 'Succeeded' },
        { name: 'gpt-4o-mini', model: 'gpt-4o-mini', version: '2024-07-18', state: 'Succeeded' },
        { name: 'o3-mini', model: 'o3-mini', version: '2025-01-31', state: 'Creating' },
        { name: 'old-35', model: 'gpt-35-turbo', version: '0125', state: 'Failed' },
      ],
    });
  });

  it('fills what is missing: no model, no version, no state', async () => {
    const { az } = canned({ [deploymentsOf(contoso)]: ok([{ name: 'bare' }, { name: 'half', properties: {} }]) });
    expect(await listDeployments(az, contoso)).toEqual({
      ok: true,
      value: [
        { name: 'bare', model: '', version: '', state: 'Unknown' },
        { name: 'half', model: '', version: '', state: 'Unknown' },
      ],
    });
  });

  it('drops a model name that --model would refuse: it reaches code comments of the project, and is asked for instead', async () => {
    const odd = { name: 'odd', properties: { model: { name: 'gpt-4o */ process.exit(1); /*', version: '1' } } };
    const long = { name: 'long', properties: { model: { name: 'x'.repeat(65), version: '1' } } };
    const { az } = canned({ [deploymentsOf(contoso)]: ok([odd, long]) });
    expect(await listDeployments(az, contoso)).toEqual({
      ok: true,
      value: [
        { name: 'long', model: '', version: '1', state: 'Unknown' },
        { name: 'odd', model: '', version: '1', state: 'Unknown' },
      ],
    });
  });

  it('says so when the resource has none, or only invalid names', async () => {
    expect(await listDeployments(canned({ [deploymentsOf(alpha)]: ok([]) }).az, alpha)).toEqual({
      ok: false,
      reason: 'no deployments on alpha-west',
      empty: true,
    });
    expect(await listDeployments(canned({ [deploymentsOf(alpha)]: ok([{ name: 'a b' }]) }).az, alpha)).toEqual({
      ok: false,
      reason: 'no deployments on alpha-west',
      empty: true,
    });
  });

  it('refuses output that is not a list, and passes a failure through', async () => {
    expect(await listDeployments(canned({ [deploymentsOf(contoso)]: ok('oops') }).az, contoso)).toEqual({
      ok: false,
      reason: 'az gave a deployment list that is not a list',
    });
    expect(
      await listDeployments(
        canned({ [deploymentsOf(contoso)]: { ok: false, reason: 'az exited with code 3' } }).az,
        contoso,
      ),
    ).toEqual({ ok: false, reason: 'az exited with code 3' });
  });
});

describe('fetchKey', () => {
  it('returns key1', async () => {
    const { az, calls } = canned({ [keysOf(contoso)]: ok(KEYS['contoso-eastus']) });
    expect(await fetchKey(az, contoso)).toEqual({ ok: true, value: KEYS['contoso-eastus']?.key1 });
    expect(calls).toEqual([keysOf(contoso)]);
  });

  it.each([
    ['no key1', { key2: 'k2' }],
    ['an empty key1', { key1: '', key2: 'k2' }],
    ['a key1 that is not a string', { key1: 42 }],
    ['not JSON', 'nope'],
  ])('refuses an answer with %s', async (_what, value) => {
    expect(await fetchKey(canned({ [keysOf(contoso)]: ok(value) }).az, contoso)).toEqual({
      ok: false,
      reason: 'az gave no key1',
    });
  });

  it.each([
    ['a single quote', "k3y'x"],
    ['a space', 'k3y x'],
    ['a line break', 'k3y\nAZURE_OPENAI_CHAT_ENDPOINT=https://evil.example'],
    ['an escape sequence', 'k3y\u001b]0;x\u0007'],
  ])('refuses a key1 with %s, as a typed key would be, without showing it', async (_what, key1) => {
    const answer = await fetchKey(canned({ [keysOf(contoso)]: ok({ key1 }) }).az, contoso);
    expect(answer).toEqual({
      ok: false,
      reason:
        "az gave a key1 that is not an API key: it must be 1-512 printable ASCII characters without spaces or single quotes (' would end the value in .env); copy Key 1 from Keys and Endpoint",
    });
  });

  it('passes a failure through', async () => {
    const az = canned({ [keysOf(contoso)]: { ok: false, reason: 'AuthorizationFailed' } }).az;
    expect(await fetchKey(az, contoso)).toEqual({ ok: false, reason: 'AuthorizationFailed' });
  });
});

describe('resourceAt', () => {
  const all = [alpha, contoso, fabrikam];
  it('finds the resource by its endpoint base, ignoring case', () => {
    expect(resourceAt(all, 'https://contoso-eastus.openai.azure.com')).toBe(contoso);
    expect(resourceAt(all, 'https://CONTOSO-EASTUS.openai.azure.com')).toBe(contoso);
    expect(resourceAt(all, 'https://fabrikam-models.cognitiveservices.azure.com')).toBe(fabrikam);
  });

  it('finds nothing for another endpoint', () => {
    expect(resourceAt(all, 'https://nobody.openai.azure.com')).toBeUndefined();
    expect(resourceAt(all, 'https://contoso-eastus.openai.azure.com/openai')).toBeUndefined();
    expect(resourceAt([], 'https://contoso-eastus.openai.azure.com')).toBeUndefined();
  });
});

describe('azRunner with a fake az on PATH', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('returns what az prints, and runs it with the arguments given', async () => {
    const fake = await makeFakeAz(await tempDir('caia-az-'));
    process.env.PATH = `${fake.bin}:${savedPath}`;
    const az = azRunner();
    const resources = await listResources(az);
    expect(resources).toEqual({ ok: true, value: [alpha, contoso, fabrikam] });
    expect(await listDeployments(az, fabrikam)).toEqual({
      ok: true,
      value: [{ name: 'chat', model: 'gpt-4.1', version: '2025-04-14', state: 'Succeeded' }],
    });
    expect(await fetchKey(az, fabrikam)).toEqual({ ok: true, value: KEYS['Fabrikam-AI']?.key1 });
    expect(await fake.calls()).toEqual([LIST, deploymentsOf(fabrikam), keysOf(fabrikam)]);
  });

  it("makes the signed-out stderr line the reason, without 'ERROR:'", async () => {
    const fake = await makeFakeAz(await tempDir('caia-az-'), { signedOut: true });
    process.env.PATH = `${fake.bin}:${savedPath}`;
    expect(NOT_SIGNED_IN.startsWith('ERROR: ')).toBe(true);
    expect(await azRunner()(azCommands.resources().args)).toEqual({
      ok: false,
      reason: "Please run 'az login' to setup account.",
    });
    expect(await listResources(azRunner())).toEqual({ ok: false, reason: "Please run 'az login' to setup account." });
  });

  it('says az is not installed when it is not on PATH', async () => {
    // A PATH with only an empty folder: no az anywhere.
    process.env.PATH = join(await tempDir('caia-noaz-'));
    expect(await azRunner()(azCommands.resources().args)).toEqual({
      ok: false,
      reason: 'the Azure CLI (az) is not installed',
    });
  });

  it('gives up on an az that does not answer in time, well before it would have', async () => {
    const fake = await makeFakeAz(await tempDir('caia-az-'), { sleepSeconds: 5 });
    process.env.PATH = `${fake.bin}:${savedPath}`;
    const started = performance.now();
    const answer = await azRunner(300)(azCommands.resources().args);
    const elapsed = performance.now() - started;
    expect(answer).toEqual({ ok: false, reason: 'az did not answer within 1 s' });
    expect(elapsed).toBeLessThan(2_500);
  });
});

describe('verifyAzure: a wrong name is bad input (exit 2), az that cannot answer a run-time failure (exit 1)', () => {
  const options = async (resource: string, deployment: string) =>
    optionsFrom([resource, '--resource', resource, '--deployment', deployment, '--verify']);
  const contosoDeployments = { [deploymentsOf(contoso)]: ok(DEPLOYMENTS['contoso-eastus']) };

  it.each([
    [
      'signed out',
      { [LIST]: { ok: false, reason: NOT_SIGNED_IN } },
      `--verify needs a signed-in Azure CLI: ${NOT_SIGNED_IN}`,
    ],
    ['unreadable output', { [LIST]: ok('WARNING: [') }, 'gave output that is not a list'],
    [
      'a deployment list it cannot read',
      { [LIST]: ok(ACCOUNTS), [deploymentsOf(contoso)]: ok('oops') },
      '--verify: the Azure CLI could not list the deployments: az gave a deployment list that is not a list',
    ],
  ] as const)('%s: StepError', async (_, answers, message) => {
    const error = await verifyAzure(await options('contoso-eastus', 'gpt-4o'), canned(answers).az).catch((e) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as Error).message).toContain(message);
  });

  it.each([
    ['no resources at all', { [LIST]: ok([]) }, 'contoso-eastus', 'gpt-4o', '--verify: no Azure OpenAI resource at'],
    ['another resource', { [LIST]: ok(ACCOUNTS) }, 'nobody', 'gpt-4o', 'in your subscription; you have:'],
    [
      'no deployments on it',
      { [LIST]: ok(ACCOUNTS), [deploymentsOf(contoso)]: ok([]) },
      'contoso-eastus',
      'gpt-4o',
      '--verify: no deployments on contoso-eastus',
    ],
    [
      'another deployment',
      { [LIST]: ok(ACCOUNTS), ...contosoDeployments },
      'contoso-eastus',
      'gpt-5',
      'has no deployment',
    ],
  ] as const)('%s: UsageError', async (_, answers, resource, deployment, message) => {
    const error = await verifyAzure(await options(resource, deployment), canned(answers).az).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(message);
  });

  it('passes when both exist', async () => {
    const az = canned({ [LIST]: ok(ACCOUNTS), ...contosoDeployments }).az;
    await expect(verifyAzure(await options('contoso-eastus', 'gpt-4o'), az)).resolves.toBeUndefined();
  });
});
