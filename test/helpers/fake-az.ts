// The one fake Azure CLI of the tests: a POSIX shell script that answers `az cognitiveservices account list`,
// `... deployment list -g <rg> -n <name>` and `... keys list -g <rg> -n <name>` with the ARM JSON fixtures below
// (written next to it as files) for the pickers and --verify, and, given a token, `az account get-access-token` for
// Microsoft Entra ID (so DefaultAzureCredential, limited to AzureCliCredential, never reaches the cloud). It logs every
// call's arguments, one line each. With `provision`, it also creates and reads resource groups, accounts,
// deployments and role assignments, kept in a state file (fake-az-provision.mjs answers those commands).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One item of `az cognitiveservices account list -o json`, as ARM gives it (trimmed to the fields that matter). */
export interface ArmAccount {
  readonly name: string;
  readonly kind: string;
  readonly location: string;
  readonly resourceGroup: string;
  readonly properties: { readonly endpoint: string; readonly customSubDomainName?: string };
}

/** One item of `az cognitiveservices account deployment list -o json`. */
export interface ArmDeployment {
  readonly name: string;
  readonly properties: {
    readonly model: { readonly name: string; readonly version: string };
    readonly provisioningState: 'Succeeded' | 'Creating' | 'Failed';
  };
  readonly sku: { readonly name: string; readonly capacity: number };
}

export const ACCOUNTS: readonly ArmAccount[] = [
  {
    name: 'contoso-eastus',
    kind: 'OpenAI',
    location: 'eastus',
    resourceGroup: 'rg-contoso',
    properties: { endpoint: 'https://contoso-eastus.openai.azure.com/', customSubDomainName: 'contoso-eastus' },
  },
  {
    // Not an Azure OpenAI kind: never offered.
    name: 'contoso-language',
    kind: 'TextAnalytics',
    location: 'eastus',
    resourceGroup: 'rg-contoso',
    properties: { endpoint: 'https://contoso-language.cognitiveservices.azure.com/' },
  },
  {
    // An AI Services resource on a custom subdomain: its endpoint is not <name>.openai.azure.com.
    name: 'Fabrikam-AI',
    kind: 'AIServices',
    location: 'swedencentral',
    resourceGroup: 'rg-fabrikam',
    properties: {
      endpoint: 'https://fabrikam-models.cognitiveservices.azure.com/',
      customSubDomainName: 'fabrikam-models',
    },
  },
  {
    // A name the project could not use: skipped.
    name: 'bad_name',
    kind: 'OpenAI',
    location: 'westus',
    resourceGroup: 'rg-odd',
    properties: { endpoint: 'https://bad-name.openai.azure.com/' },
  },
  {
    name: 'alpha-west',
    kind: 'OpenAI',
    location: 'westeurope',
    resourceGroup: 'rg-alpha',
    properties: { endpoint: 'https://alpha-west.openai.azure.com/', customSubDomainName: 'alpha-west' },
  },
];

const deployment = (
  name: string,
  model: string,
  version: string,
  provisioningState: ArmDeployment['properties']['provisioningState'] = 'Succeeded',
): ArmDeployment => ({
  name,
  properties: { model: { name: model, version }, provisioningState },
  sku: { name: 'GlobalStandard', capacity: 10 },
});

/** Deployments by resource name; a resource missing here has none (an empty list). */
export const DEPLOYMENTS: Readonly<Record<string, readonly ArmDeployment[]>> = {
  'contoso-eastus': [
    deployment('o3-mini', 'o3-mini', '2025-01-31', 'Creating'),
    deployment('gpt-4o-mini', 'gpt-4o-mini', '2024-07-18'),
    deployment('bad deployment', 'gpt-4o', '2024-08-06'),
    deployment('gpt-4o', 'gpt-4o', '2024-08-06'),
    deployment('old-35', 'gpt-35-turbo', '0125', 'Failed'),
  ],
  'Fabrikam-AI': [deployment('chat', 'gpt-4.1', '2025-04-14')],
};

export const KEYS: Readonly<Record<string, { readonly key1: string; readonly key2: string }>> = {
  'contoso-eastus': { key1: 'c0ntosoKey1fromAzFake0000000000', key2: 'c0ntosoKey2fromAzFake0000000000' },
  'Fabrikam-AI': { key1: 'fabr1kamKey1fromAzFake000000000', key2: 'fabr1kamKey2fromAzFake000000000' },
  'alpha-west': { key1: 'alphaKey1fromAzFake000000000000', key2: 'alphaKey2fromAzFake000000000000' },
};

export const NOT_SIGNED_IN = "ERROR: Please run 'az login' to setup account.";

export interface FakeAzOptions {
  readonly accounts?: readonly ArmAccount[];
  readonly deployments?: Readonly<Record<string, readonly ArmDeployment[]>>;
  readonly keys?: Readonly<Record<string, { readonly key1: string; readonly key2: string }>>;
  /** Answer every call like a signed-out az: NOT_SIGNED_IN on stderr, exit 1. */
  readonly signedOut?: boolean;
  /** Sleep this long before answering (as a child of the script, like the real az's python under its shell). */
  readonly sleepSeconds?: number;
  /** Print this instead of the account list. */
  readonly accountListStdout?: string;
  /** Answer `az account get-access-token` (what AzureCliCredential runs) with this Microsoft Entra token. */
  readonly token?: string;
  /** Answer the commands of --provision from this starting state. */
  readonly provision?: Partial<ProvisionState>;
}

/** A model a region offers, and the quota name of each of its SKUs. */
export interface OfferedModel {
  readonly name: string;
  readonly version: string;
  readonly isDefault?: boolean;
  readonly skus: readonly { readonly name: string; readonly usageName: string }[];
}

/** What the fake subscription holds; fake-az-provision.mjs reads and writes it. */
export interface ProvisionState {
  subscription: string;
  groups: Record<string, string>;
  accounts: Record<
    string,
    { name: string; resourceGroup: string; location: string; kind: string; subdomain: string; endpoint: string }
  >;
  deployments: Record<string, Record<string, { model: string; version: string; sku: string; capacity: number }>>;
  roles: { assignee: string; role: string; scope: string }[];
  /** Subdomains other people's resources hold. */
  takenNames: string[];
  models: Record<string, OfferedModel[]>;
  usage: Record<string, Record<string, { limit: number; current: number }>>;
  userId: string;
  /** The endpoint a new account reports (the stand-in's); <subdomain>.openai.azure.com when absent. */
  endpoint?: string;
  key: string;
  failures: { roleCreate?: boolean; accountCreate?: string; accessDenied?: number; hang?: string };
}

export const USER_ID = '11111111-2222-3333-4444-555555555555';
const gpt41mini = (usage = 'OpenAI.GlobalStandard.gpt-4.1-mini'): OfferedModel => ({
  name: 'gpt-4.1-mini',
  version: '2025-04-14',
  isDefault: true,
  skus: [{ name: 'GlobalStandard', usageName: usage }],
});
/** A subscription with gpt-4.1-mini in eastus2 and swedencentral, gpt-4o only in westus, and quota for both. */
export const PROVISION_DEFAULTS: ProvisionState = {
  subscription: '00000000-0000-0000-0000-000000000001',
  groups: {},
  accounts: {},
  deployments: {},
  roles: [],
  takenNames: ['taken-name'],
  models: {
    eastus2: [gpt41mini()],
    swedencentral: [gpt41mini()],
    westus: [
      {
        name: 'gpt-4o',
        version: '2024-11-20',
        isDefault: true,
        skus: [{ name: 'GlobalStandard', usageName: 'OpenAI.GlobalStandard.gpt-4o' }],
      },
    ],
  },
  usage: {
    eastus2: { 'OpenAI.GlobalStandard.gpt-4.1-mini': { limit: 50, current: 0 } },
    swedencentral: { 'OpenAI.GlobalStandard.gpt-4.1-mini': { limit: 50, current: 0 } },
    westus: { 'OpenAI.GlobalStandard.gpt-4o': { limit: 50, current: 0 } },
  },
  userId: USER_ID,
  key: 'pr0visionedKey1fromAzFake000000',
  failures: {},
};
const PROVISION_SCRIPT = fileURLToPath(new URL('./fake-az-provision.mjs', import.meta.url));

export interface FakeAz {
  /** The folder holding `az`, for the front of PATH. */
  readonly bin: string;
  /** Where each call's arguments are appended, one line per call. */
  readonly log: string;
  /** The calls so far (empty when az never ran). */
  calls(): Promise<string[]>;
  /** The fake subscription now (with `provision`). */
  state(): Promise<ProvisionState>;
}

/** Writes the fake `az` into `dir/bin` with its JSON fixtures in `dir/fixtures`. */
export async function makeFakeAz(dir: string, options: FakeAzOptions = {}): Promise<FakeAz> {
  const bin = join(dir, 'bin');
  const fixtures = join(dir, 'fixtures');
  const log = join(dir, 'az.log');
  await mkdir(bin, { recursive: true });
  await mkdir(fixtures, { recursive: true });
  const accounts = options.accounts ?? ACCOUNTS;
  const deployments = options.deployments ?? DEPLOYMENTS;
  const keys = options.keys ?? KEYS;

  const accountFile = join(fixtures, 'accounts.json');
  await writeFile(accountFile, options.accountListStdout ?? `${JSON.stringify(accounts, null, 2)}\n`);
  const branches: string[] = [`  'cognitiveservices account list -o json') cat ${sh(accountFile)} ;;`];
  if (options.token !== undefined) {
    branches.push(
      '  "account get-access-token --output json --resource "*)',
      '    expires=$(( $(date +%s) + 3600 ))',
      `    printf '{"accessToken":"%s","expiresOn":"2099-01-01 00:00:00.000000","expires_on":%s,"tokenType":"Bearer"}\\n' ${sh(options.token)} "$expires" ;;`,
    );
  }
  for (const [index, account] of accounts.entries()) {
    const where = `-g ${account.resourceGroup} -n ${account.name} -o json`;
    const deploymentFile = join(fixtures, `deployments-${index}.json`);
    await writeFile(deploymentFile, `${JSON.stringify(deployments[account.name] ?? [], null, 2)}\n`);
    branches.push(`  ${sh(`cognitiveservices account deployment list ${where}`)}) cat ${sh(deploymentFile)} ;;`);
    const key = keys[account.name];
    if (key) {
      const keyFile = join(fixtures, `keys-${index}.json`);
      await writeFile(keyFile, `${JSON.stringify(key, null, 2)}\n`);
      branches.push(`  ${sh(`cognitiveservices account keys list ${where}`)}) cat ${sh(keyFile)} ;;`);
    }
  }
  const stateFile = join(fixtures, 'provision-state.json');
  if (options.provision) {
    await writeFile(stateFile, `${JSON.stringify({ ...PROVISION_DEFAULTS, ...options.provision }, null, 2)}\n`);
    // Before the generic answers below: account keys of the created accounts, and every provisioning command.
    branches.push(
      `  'group '*|'cognitiveservices account show '*|'cognitiveservices account create '*|'cognitiveservices account deployment show '*|'cognitiveservices account deployment create '*|'cognitiveservices model list '*|'cognitiveservices usage list '*|'cognitiveservices account keys list '*|'ad signed-in-user show'*|'role assignment '*|'rest '*)`,
      `    ${sh(process.execPath)} ${sh(PROVISION_SCRIPT)} ${sh(stateFile)} "$@" ;;`,
    );
  }
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> ${sh(log)}`,
    // Not `exec`: the real az is a shell script that runs python as its child, so a time limit must stop both.
    ...(options.sleepSeconds ? [`sleep ${options.sleepSeconds}`] : []),
    ...(options.signedOut ? [`echo ${sh(NOT_SIGNED_IN)} >&2`, 'exit 1'] : []),
    'case "$*" in',
    ...branches,
    '  *"deployment list"*|*"keys list"*)',
    '    echo "ERROR: (ResourceNotFound) The Resource was not found: $*" >&2',
    '    exit 3 ;;',
    '  *)',
    '    echo "ERROR: the fake az does not know: $*" >&2',
    '    exit 2 ;;',
    'esac',
    '',
  ].join('\n');
  await writeFile(join(bin, 'az'), script, { mode: 0o755 });
  return {
    bin,
    log,
    calls: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line !== ''),
    state: async () => JSON.parse(await readFile(stateFile, 'utf8')) as ProvisionState,
  };
}

function sh(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
