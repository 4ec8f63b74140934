// Before --provision creates anything: what exists already (group, account, deployment, role), whether the name is
// free, and whether the subscription can deploy the model in the region (offered there, with quota). Reads only.
// A problem the user can fix (a taken name, a model or quota missing in the region) is a ProvisionProblem naming the
// field and what would work instead; az failing itself (signed out, not installed) is a StepError.
import { StepError } from '../../shared/errors.js';
import type { AzRunner, ProvisionFound, Provisioning } from '../../types.js';
import { field, parse } from '../az.js';
import { provisionCommands as commands } from './commands.js';
import { ProvisionProblem } from './problem.js';

/** Regions near each other, by area: where to look first when a model or its quota is missing. */
const AREAS: readonly (readonly string[])[] = [
  ['eastus', 'eastus2', 'northcentralus', 'southcentralus', 'westus', 'westus3', 'canadaeast', 'brazilsouth'],
  [
    'swedencentral',
    'westeurope',
    'francecentral',
    'germanywestcentral',
    'uksouth',
    'norwayeast',
    'switzerlandnorth',
    'polandcentral',
    'spaincentral',
    'italynorth',
  ],
  [
    'japaneast',
    'koreacentral',
    'australiaeast',
    'southindia',
    'southeastasia',
    'eastasia',
    'uaenorth',
    'southafricanorth',
  ],
];
/** How many other regions are asked about a missing model: each is one az call. */
const NEIGHBOURS_ASKED = 4;

export function nearbyRegions(location: string): string[] {
  const area = AREAS.find((regions) => regions.includes(location)) ?? AREAS[0] ?? [];
  const others = AREAS.filter((regions) => regions !== area).flat();
  return [...area, ...others].filter((region) => region !== location);
}

/** One model of `az cognitiveservices model list`, as far as provisioning needs it. */
export interface OfferedModel {
  readonly name: string;
  readonly version: string;
  readonly isDefault: boolean;
  readonly chat: boolean;
  readonly skus: readonly { readonly name: string; readonly usageName: string }[];
}

export async function preflight(request: Provisioning, az: AzRunner): Promise<Provisioning> {
  const { group, account, location } = await findAccount(request, az);
  const deployment = account ? await findDeployment(request, az) : false;
  const { chosen, sku } = await chooseModel(request, az, location, account);
  if (!deployment) await checkQuota(request, az, location, sku);
  const { userId, role } = await findUser(request, az, account);
  return {
    ...request,
    location,
    modelVersion: chosen.version,
    sku: sku.name,
    found: { group, account, deployment, userId, role },
  };
}

type Account = ProvisionFound['account'];

function failed(what: string, reason: string): StepError {
  return new StepError(`--provision could not ${what} with the Azure CLI: ${reason}`, undefined);
}

/** The resource group and the account when they exist (the account's region wins), else whether the name is free. */
async function findAccount(request: Provisioning, az: AzRunner) {
  const group = await az(commands.groupExists(request).args);
  if (!group.ok) throw failed('read your subscription', group.reason);
  const groupExists = group.value.trim() === 'true';
  let account: Account;
  let location = request.location;
  if (groupExists) {
    const shown = await az(commands.accountShow(request).args);
    if (shown.ok) {
      const data = parse(shown.value);
      const id = field(data, 'id');
      const endpoint = field(field(data, 'properties'), 'endpoint');
      const kind = field(data, 'kind');
      const where = field(data, 'location');
      if (typeof id !== 'string' || typeof endpoint !== 'string') throw failed('read the account', 'no id or endpoint');
      if (kind !== 'OpenAI' && kind !== 'AIServices') {
        throw new ProvisionProblem(
          `--resource ${request.account}: a ${String(kind)} resource of that name is in ${request.resourceGroup}; it cannot serve a model deployment: choose another name`,
          'resource',
        );
      }
      account = { id, endpoint };
      if (typeof where === 'string' && where !== '') location = where;
    } else if (!notFound(shown.reason)) {
      throw failed('read the account', shown.reason);
    }
  }
  if (!account) await checkNameFree(request, az);
  return { group: groupExists, account, location };
}

/** Account names are global subdomains: one taken anywhere cannot be created. */
async function checkNameFree(request: Provisioning, az: AzRunner): Promise<void> {
  const check = await az(commands.nameCheck(request).args);
  if (!check.ok) throw failed('check the name', check.reason);
  const data = parse(check.value);
  if (field(data, 'isSubdomainAvailable') === false) {
    const reason = field(data, 'reason');
    throw new ProvisionProblem(
      `--resource ${request.account}: ${request.account.toLowerCase()}.openai.azure.com is not available${typeof reason === 'string' && reason !== '' ? ` (${reason})` : ''}: the name is taken or not valid as a subdomain. Names are global: choose another`,
      'resource',
    );
  }
}

/** Whether the account has the deployment already; one of that name serving another model is a problem. */
async function findDeployment(request: Provisioning, az: AzRunner): Promise<boolean> {
  const shown = await az(commands.deploymentShow(request).args);
  if (shown.ok) {
    const model = field(field(field(parse(shown.value), 'properties'), 'model'), 'name');
    if (typeof model === 'string' && model.toLowerCase() !== request.model.toLowerCase()) {
      throw new ProvisionProblem(
        `--deployment ${request.deployment}: ${request.account} already has a deployment of that name, of ${model}: choose another name, or --model ${model}`,
        'deployment',
      );
    }
    return true;
  }
  if (!notFound(shown.reason)) throw failed('read the deployment', shown.reason);
  return false;
}

/** The model version (asked for, else the default, else the newest) and SKU offered in the region. */
async function chooseModel(request: Provisioning, az: AzRunner, location: string, account: Account) {
  const offered = await modelsIn(az, location);
  if (!offered.ok) throw failed(`list the models of ${location}`, offered.reason);
  const versions = offered.value.filter((m) => m.name.toLowerCase() === request.model.toLowerCase());
  if (versions.length === 0) {
    const chat = [...new Set(offered.value.filter((m) => m.chat).map((m) => m.name))].sort();
    if (account) {
      throw new ProvisionProblem(
        `--model ${request.model} is not offered in ${location}, where ${request.account} is. Models you can deploy there: ${chat.join(', ') || 'none'}`,
        'model',
        chat,
      );
    }
    const regions = await regionsWith(az, location, (models) => models.some((m) => m.name === request.model));
    throw new ProvisionProblem(
      `--model ${request.model} is not offered in ${location}${regions.length ? `; nearest regions with it: ${regions.join(', ')}` : ''}. Models you can deploy in ${location}: ${chat.join(', ') || 'none'}`,
      'location',
      regions,
    );
  }
  const chosen = request.modelVersion
    ? versions.find((m) => m.version === request.modelVersion)
    : (versions.find((m) => m.isDefault) ?? [...versions].sort((a, b) => b.version.localeCompare(a.version))[0]);
  if (!chosen) {
    const known = versions.map((m) => m.version);
    throw new ProvisionProblem(
      `--model-version ${request.modelVersion}: ${request.model} in ${location} has versions ${known.join(', ')}`,
      'modelVersion',
      known,
    );
  }
  const sku = chosen.skus.find((s) => s.name.toLowerCase() === request.sku.toLowerCase());
  if (!sku) {
    const skus = chosen.skus.map((s) => s.name);
    throw new ProvisionProblem(
      `--sku ${request.sku}: ${request.model} ${chosen.version} in ${location} is offered as ${skus.join(', ') || 'nothing'}`,
      'sku',
      skus,
    );
  }
  return { chosen, sku };
}

/** Whether the subscription's quota for the SKU in the region holds the capacity asked for. */
async function checkQuota(
  request: Provisioning,
  az: AzRunner,
  location: string,
  sku: OfferedModel['skus'][number],
): Promise<void> {
  const usage = await az(commands.usage(location).args);
  if (!usage.ok) throw failed(`read your quota in ${location}`, usage.reason);
  const data = parse(usage.value);
  const entry = Array.isArray(data)
    ? data.find((item) => field(field(item, 'name'), 'value') === sku.usageName)
    : undefined;
  const limit = Number(field(entry, 'limit') ?? 0);
  const used = Number(field(entry, 'currentValue') ?? 0);
  const free = Math.max(0, limit - used);
  if (free >= request.capacity) return;
  const regions = await regionsWith(az, location, (models) =>
    models.some((m) => m.name === request.model && m.skus.some((s) => s.name === sku.name)),
  );
  throw new ProvisionProblem(
    `--capacity ${request.capacity}: your subscription has ${free} (thousand tokens per minute) of ${sku.usageName} left in ${location}${
      free > 0 ? `: ask for --capacity ${free} or less,` : ''
    } or choose another region${regions.length ? ` (${regions.join(', ')})` : ''}, or ask for more quota in the Azure portal`,
    free > 0 ? 'capacity' : 'location',
    free > 0 ? [String(free)] : regions,
  );
}

/** For the data-plane role: the signed-in user, and whether they hold a role on the account already. */
async function findUser(request: Provisioning, az: AzRunner, account: Account) {
  if (!request.role) return { userId: undefined, role: false };
  const user = await az(commands.signedInUser().args);
  if (!user.ok) throw failed('read your user (az ad signed-in-user show)', user.reason);
  const userId = user.value.trim();
  if (!account) return { userId, role: false };
  const roles = await az(commands.roleList(userId, account.id).args);
  if (!roles.ok) throw failed('list your role assignments', roles.reason);
  const list = parse(roles.value);
  return { userId, role: Array.isArray(list) && list.length > 0 };
}

/** The OpenAI models offered in a region. */
export async function modelsIn(
  az: AzRunner,
  location: string,
): Promise<{ ok: true; value: OfferedModel[] } | { ok: false; reason: string }> {
  const answer = await az(commands.models(location).args);
  if (!answer.ok) return answer;
  const data = parse(answer.value);
  if (!Array.isArray(data)) return { ok: false, reason: 'the model list is not a list' };
  const models: OfferedModel[] = [];
  for (const item of data) {
    if (field(item, 'kind') !== 'OpenAI') continue;
    const model = field(item, 'model');
    const name = field(model, 'name');
    const version = field(model, 'version');
    if (typeof name !== 'string' || typeof version !== 'string') continue;
    const skus = field(model, 'skus');
    models.push({
      name,
      version,
      isDefault: field(model, 'isDefaultVersion') === true,
      chat: String(field(field(model, 'capabilities'), 'chatCompletion')) === 'true',
      skus: (Array.isArray(skus) ? skus : []).flatMap((sku) => {
        const skuName = field(sku, 'name');
        const usageName = field(sku, 'usageName');
        return typeof skuName === 'string'
          ? [{ name: skuName, usageName: typeof usageName === 'string' ? usageName : '' }]
          : [];
      }),
    });
  }
  return { ok: true, value: models };
}

/** Up to a few nearby regions where `works` holds for the offered models, nearest first. */
async function regionsWith(az: AzRunner, location: string, works: (models: OfferedModel[]) => boolean) {
  const found: string[] = [];
  for (const region of nearbyRegions(location).slice(0, NEIGHBOURS_ASKED)) {
    const models = await modelsIn(az, region);
    if (models.ok && works(models.value)) found.push(region);
  }
  return found;
}

/** az's words for a resource that does not exist. */
function notFound(reason: string): boolean {
  return /ResourceNotFound|ResourceGroupNotFound|DeploymentNotFound|was not found|could not be found|NotFound/i.test(
    reason,
  );
}
