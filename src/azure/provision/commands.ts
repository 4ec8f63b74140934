// The az commands of --provision, as data: what is read before anything is created, and what creates it. Their
// arguments follow the Azure CLI reference (azure-cli-latest on Microsoft Learn and the azure-cli sources'
// cognitiveservices and role parameters, checked 2026-12-05); the ones Debian's azure-cli 2.45.0 knows are also
// parse-checked by a test with that az.
import type { Command, Provisioning } from '../../types.js';

export const ROLE = 'Cognitive Services OpenAI User';
/** The token audience of Azure OpenAI's data plane. */
export const DATA_PLANE = 'https://cognitiveservices.azure.com';
export const ACCOUNT_KIND = 'OpenAI';
export const ACCOUNT_SKU = 'S0';
export const DEFAULT_DEPLOYMENT_SKU = 'GlobalStandard';
export const DEFAULT_CAPACITY = 10;
/** The management API version of the name check (Microsoft.CognitiveServices/checkDomainAvailability). */
const MANAGEMENT_API = '2024-10-01';

/** Shown in a plan where a value is read only when the commands run. */
export const PLACEHOLDERS = {
  userId: '<your object id: az ad signed-in-user show --query id -o tsv>',
  accountId: '<the account id>',
  version: '<the default version>',
};

type Where = Pick<Provisioning, 'resourceGroup' | 'account'>;
const az = (...args: string[]): Command => ({ command: 'az', args, cwd: '.' });

export const provisionCommands = {
  // Reads: nothing is created by these.
  groupExists: (p: Pick<Provisioning, 'resourceGroup'>) => az('group', 'exists', '-n', p.resourceGroup, '-o', 'json'),
  accountShow: (p: Where) =>
    az('cognitiveservices', 'account', 'show', '-n', p.account, '-g', p.resourceGroup, '-o', 'json'),
  /** Whether <name>.openai.azure.com is free: ARM's checkDomainAvailability, which has no az command of its own. */
  nameCheck: (p: Pick<Provisioning, 'account'>) =>
    az(
      'rest',
      '--method',
      'post',
      '--url',
      `https://management.azure.com/subscriptions/{subscriptionId}/providers/Microsoft.CognitiveServices/checkDomainAvailability?api-version=${MANAGEMENT_API}`,
      '--body',
      JSON.stringify({
        subdomainName: p.account.toLowerCase(),
        type: 'Microsoft.CognitiveServices/accounts',
        kind: ACCOUNT_KIND,
      }),
      '-o',
      'json',
    ),
  models: (location: string) => az('cognitiveservices', 'model', 'list', '-l', location, '-o', 'json'),
  usage: (location: string) => az('cognitiveservices', 'usage', 'list', '-l', location, '-o', 'json'),
  deploymentShow: (p: Where & Pick<Provisioning, 'deployment'>) =>
    az(
      'cognitiveservices',
      'account',
      'deployment',
      'show',
      '-n',
      p.account,
      '-g',
      p.resourceGroup,
      '--deployment-name',
      p.deployment,
      '-o',
      'json',
    ),
  signedInUser: () => az('ad', 'signed-in-user', 'show', '--query', 'id', '-o', 'tsv'),
  roleList: (userId: string, accountId: string) =>
    az('role', 'assignment', 'list', '--assignee', userId, '--role', ROLE, '--scope', accountId, '-o', 'json'),

  // Creates, in this order.
  groupCreate: (p: Pick<Provisioning, 'resourceGroup' | 'location'>) =>
    az('group', 'create', '-n', p.resourceGroup, '-l', p.location, '-o', 'json'),
  accountCreate: (p: Where & Pick<Provisioning, 'location'>) =>
    az(
      'cognitiveservices',
      'account',
      'create',
      '-n',
      p.account,
      '-g',
      p.resourceGroup,
      '-l',
      p.location,
      '--kind',
      ACCOUNT_KIND,
      '--sku',
      ACCOUNT_SKU,
      // The custom subdomain makes the endpoint <name>.openai.azure.com, which Microsoft Entra ID tokens need.
      '--custom-domain',
      p.account.toLowerCase(),
      '--yes',
      '-o',
      'json',
    ),
  deploymentCreate: (p: Provisioning) =>
    az(
      'cognitiveservices',
      'account',
      'deployment',
      'create',
      '-n',
      p.account,
      '-g',
      p.resourceGroup,
      '--deployment-name',
      p.deployment,
      '--model-name',
      p.model,
      '--model-version',
      p.modelVersion ?? PLACEHOLDERS.version,
      '--model-format',
      'OpenAI',
      '--sku-name',
      p.sku,
      '--sku-capacity',
      String(p.capacity),
      '-o',
      'json',
    ),
  roleCreate: (userId: string, accountId: string) =>
    az(
      'role',
      'assignment',
      'create',
      '--role',
      ROLE,
      '--assignee-object-id',
      userId,
      '--assignee-principal-type',
      'User',
      '--scope',
      accountId,
      '-o',
      'json',
    ),
  keys: (p: Where) =>
    az('cognitiveservices', 'account', 'keys', 'list', '-n', p.account, '-g', p.resourceGroup, '-o', 'json'),
  /** A data-plane call with the user's own token: it answers once the role applies (401/403 until then). */
  access: (endpoint: string) =>
    az(
      'rest',
      '--method',
      'get',
      '--url',
      `${endpoint.replace(/\/+$/, '')}/openai/v1/models`,
      '--resource',
      DATA_PLANE,
      '-o',
      'json',
    ),

  // Removing what a run made.
  groupDelete: (p: Pick<Provisioning, 'resourceGroup'>) => az('group', 'delete', '-n', p.resourceGroup, '--yes'),
  accountDelete: (p: Where) => az('cognitiveservices', 'account', 'delete', '-n', p.account, '-g', p.resourceGroup),
  accountPurge: (p: Where & Pick<Provisioning, 'location'>) =>
    az('cognitiveservices', 'account', 'purge', '-n', p.account, '-g', p.resourceGroup, '-l', p.location),
};
