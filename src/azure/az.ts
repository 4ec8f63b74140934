// The user's own Azure OpenAI resources and deployments, read through a signed-in Azure CLI (az). Every call is
// time-limited and any failure comes back as a reason, so callers fall back to typing names.
import { formatCommand, runCommand } from '../shared/command.js';
import { validateApiKey, validateDeployment, validateModel, validateResource } from '../shared/validate.js';
import type { AzRunner, AzureAnswer, AzureDeployment, AzureResource, Command } from '../types.js';
import { parseEndpoint } from './endpoint.js';

export const AZ_TIMEOUT_MS = 15_000;
const KINDS = new Set(['OpenAI', 'AIServices']);

export const azCommands = {
  resources: (): Command => ({ command: 'az', args: ['cognitiveservices', 'account', 'list', '-o', 'json'], cwd: '.' }),
  deployments: (r: Pick<AzureResource, 'name' | 'resourceGroup'>): Command => ({
    command: 'az',
    args: ['cognitiveservices', 'account', 'deployment', 'list', '-g', r.resourceGroup, '-n', r.name, '-o', 'json'],
    cwd: '.',
  }),
  keys: (r: Pick<AzureResource, 'name' | 'resourceGroup'>): Command => ({
    command: 'az',
    args: ['cognitiveservices', 'account', 'keys', 'list', '-g', r.resourceGroup, '-n', r.name, '-o', 'json'],
    cwd: '.',
  }),
};

/** The real az, with a time limit; its stderr's first line becomes the reason (for example "Please run 'az login'"). */
export function azRunner(timeoutMs = AZ_TIMEOUT_MS): AzRunner {
  return async (args) => {
    const result = await runCommand({ command: 'az', args, cwd: process.cwd() }, 'capture', { timeoutMs });
    if (result.ok) return { ok: true, value: result.stdout ?? '' };
    const said = (result.stderr ?? '').split('\n').find((line) => line.trim() !== '');
    const notFound = result.reason?.includes('not found');
    return {
      ok: false,
      reason: notFound
        ? 'the Azure CLI (az) is not installed'
        : (said?.replace(/^ERROR:\s*/, '') ?? result.reason ?? 'az failed'),
    };
  };
}

export async function listResources(az: AzRunner): Promise<AzureAnswer<AzureResource[]>> {
  const answer = await az(azCommands.resources().args);
  if (!answer.ok) return answer;
  const data = parse(answer.value);
  if (!Array.isArray(data))
    return { ok: false, reason: `${formatCommand(azCommands.resources())} gave output that is not a list` };
  const resources: AzureResource[] = [];
  for (const item of data) {
    const kind = field(item, 'kind');
    const name = field(item, 'name');
    const resourceGroup = field(item, 'resourceGroup');
    const raw = field(field(item, 'properties'), 'endpoint');
    if (typeof kind !== 'string' || !KINDS.has(kind)) continue;
    if (
      typeof name !== 'string' ||
      validateResource(name) ||
      typeof resourceGroup !== 'string' ||
      typeof raw !== 'string'
    )
      continue;
    const endpoint = parseEndpoint(raw);
    if (typeof endpoint === 'string') continue;
    const location = field(item, 'location');
    const subdomain = field(field(item, 'properties'), 'customSubDomainName');
    resources.push({
      name,
      kind,
      location: typeof location === 'string' ? location : '',
      resourceGroup,
      subdomain: (typeof subdomain === 'string' && subdomain !== '' ? subdomain : name).toLowerCase(),
      endpoint: endpoint.base,
    });
  }
  if (resources.length === 0)
    return { ok: false, reason: 'no Azure OpenAI or AI Services resources in this subscription', empty: true };
  return { ok: true, value: resources.sort((a, b) => a.name.localeCompare(b.name)) };
}

export async function listDeployments(az: AzRunner, resource: AzureResource): Promise<AzureAnswer<AzureDeployment[]>> {
  const answer = await az(azCommands.deployments(resource).args);
  if (!answer.ok) return answer;
  const data = parse(answer.value);
  if (!Array.isArray(data)) return { ok: false, reason: 'az gave a deployment list that is not a list' };
  const deployments: AzureDeployment[] = [];
  for (const item of data) {
    const name = field(item, 'name');
    if (typeof name !== 'string' || validateDeployment(name)) continue;
    const properties = field(item, 'properties');
    const model = field(properties, 'model');
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    // The model is taken as --model would be (it reaches the project's files), or left for the user to give.
    const modelName = text(field(model, 'name'));
    deployments.push({
      name,
      model: validateModel(modelName) ? '' : modelName,
      version: text(field(model, 'version')),
      state: text(field(properties, 'provisioningState')) || 'Unknown',
    });
  }
  if (deployments.length === 0) return { ok: false, reason: `no deployments on ${resource.name}`, empty: true };
  return { ok: true, value: deployments.sort((a, b) => a.name.localeCompare(b.name)) };
}

/**
 * key1 of the resource; the caller writes it only to .env and never prints it. It is checked as a typed or piped key
 * is: a key1 that is not one (quotes, spaces, control characters) is refused without being shown.
 */
export async function fetchKey(az: AzRunner, resource: AzureResource): Promise<AzureAnswer<string>> {
  const answer = await az(azCommands.keys(resource).args);
  if (!answer.ok) return answer;
  const key = field(parse(answer.value), 'key1');
  if (typeof key !== 'string' || key === '') return { ok: false, reason: 'az gave no key1' };
  const broken = validateApiKey(key);
  return broken
    ? { ok: false, reason: `az gave a key1 that is not an API key: it ${broken}` }
    : { ok: true, value: key };
}

/**
 * The resource that answers at `base`, if the user has one: its listed endpoint, or <subdomain>.openai.azure.com,
 * which AI Services resources (listed under cognitiveservices.azure.com) answer at too.
 */
export function resourceAt(resources: readonly AzureResource[], base: string): AzureResource | undefined {
  const wanted = base.toLowerCase();
  return resources.find(
    (resource) =>
      resource.endpoint.toLowerCase() === wanted || `https://${resource.subdomain}.openai.azure.com` === wanted,
  );
}

export function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
