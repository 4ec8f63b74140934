// Where the requests go: the endpoint (from --resource, --endpoint or a resource picked with az), the deployment and
// the model behind it. Picking from az happens only in a terminal, when the flags leave the choice open.
import {
  endpointUrl,
  type ParsedEndpoint,
  PLACEHOLDER_DEPLOYMENT,
  PLACEHOLDER_RESOURCE,
  parseEndpoint,
  resourceBase,
  resourceOfUrl,
} from '../azure/endpoint.js';
import { show } from '../shared/validate.js';
import type { AzRunner, AzureResource, CliArgs, Environment, Prompter, Provisioning, Sdk } from '../types.js';
import { FIELDS } from './definitions.js';
import { type Problems, resolveField } from './field.js';

export interface EndpointChoice {
  readonly resource: string | undefined;
  readonly customEndpoint: string | undefined;
  readonly deployment: string;
  readonly model: string | undefined;
  /** The base URL (scheme, host, gateway path), before the flavour's path is added. */
  readonly base: string;
  /** The resource picked with az, for fetching its key. */
  readonly picked: AzureResource | undefined;
  /** The --endpoint URL as parsed, for saying what the chosen flavour makes of it. */
  readonly pasted: ParsedEndpoint | undefined;
  /** --provision (or "Create a new resource" in a terminal): what to create with az. */
  readonly provision?: Provisioning;
}

/** The endpoint's part of the choice, before the deployment and model are settled. */
type Base = Pick<EndpointChoice, 'resource' | 'customEndpoint' | 'base' | 'picked' | 'pasted'> & {
  /** The deployment named in a pasted URL. */
  readonly fromUrl?: string | undefined;
};

interface Asking {
  readonly args: CliArgs;
  readonly prompter: Prompter | undefined;
  readonly problems: Problems;
  readonly notes: string[];
  /** az, offered only in a terminal. */
  readonly azure: AzRunner | undefined;
}

const pick = () => import('../azure/pick.js');

export async function resolveEndpoint(
  args: CliArgs,
  env: Environment,
  prompter: Prompter | undefined,
  problems: Problems,
  notes: string[],
): Promise<EndpointChoice> {
  const asking: Asking = { args, prompter, problems, notes, azure: prompter ? env.azure : undefined };
  if (args.provision) return provisioned(asking);
  if (args.resource !== undefined && args.endpoint !== undefined) {
    problems.messages.push('--resource and --endpoint both name the endpoint: give one');
  }
  let base: Base;
  if (args.endpoint !== undefined) {
    base = await fromEndpointFlag(args.endpoint, asking);
  } else if (args.resource === undefined && prompter && asking.azure) {
    const choice = await (await pick()).pickResource(prompter, asking.azure);
    if (choice === 'create') return provisioned(asking);
    // No resource picked (none there, or the person would rather type it): asked as without az.
    base = choice ? fromPicked(choice) : await fromResourceFlag(asking);
  } else {
    base = await fromResourceFlag(asking);
  }
  return { ...base, ...(await deploymentAndModel(base, asking)) };
}

// --- provisioning: a new resource, created with az ---
async function provisioned({ args, prompter, problems }: Asking): Promise<EndpointChoice> {
  const p = await (await import('./provision.js')).resolveProvisioning(args, prompter, problems);
  const { account, deployment, model } = p;
  const base = resourceBase(account);
  return {
    resource: account,
    customEndpoint: undefined,
    deployment,
    model,
    base,
    picked: undefined,
    pasted: undefined,
    provision: p,
  };
}
// --- end of provisioning ---

async function fromEndpointFlag(given: string, { prompter, problems, notes }: Asking): Promise<Base> {
  const endpoint = await resolveField(FIELDS.endpoint, { given, fallback: undefined }, prompter, problems);
  const parsed = parseEndpoint(endpoint);
  const none = { resource: undefined, picked: undefined };
  if (typeof parsed === 'string') return { ...none, customEndpoint: undefined, base: '', pasted: undefined };
  notes.push(...parsed.notes.map((note) => `--endpoint: ${note}`));
  return { ...none, customEndpoint: parsed.base, base: parsed.base, pasted: parsed, fromUrl: parsed.deployment };
}

function fromPicked(picked: AzureResource): Base {
  const none = { pasted: undefined };
  if (new URL(picked.endpoint).hostname !== `${picked.name.toLowerCase()}.openai.azure.com`) {
    // A custom domain (cognitiveservices.azure.com or the company's own): the endpoint is taken as given.
    return { ...none, resource: undefined, customEndpoint: picked.endpoint, base: picked.endpoint, picked };
  }
  return { ...none, resource: picked.name, customEndpoint: undefined, base: resourceBase(picked.name), picked };
}

async function fromResourceFlag({ args, prompter, problems, notes }: Asking): Promise<Base> {
  const fallback = args.yes ? PLACEHOLDER_RESOURCE : undefined;
  const resource = await resolveField(FIELDS.resource, { given: args.resource, fallback }, prompter, problems);
  const url = /^https:\/\//i.test(resource) ? parseEndpoint(resource) : undefined;
  if (url === undefined || typeof url === 'string') {
    return { resource, customEndpoint: undefined, base: resourceBase(resource), picked: undefined, pasted: undefined };
  }
  // A pasted URL: the resource's name when it is <name>.openai.azure.com, else the endpoint itself.
  notes.push(...url.notes.map((note) => `--resource: ${note}`));
  const name = resourceOfUrl(url);
  return {
    resource: name,
    customEndpoint: name === undefined ? url.base : undefined,
    base: name === undefined ? url.base : resourceBase(name),
    picked: undefined,
    pasted: url,
    fromUrl: url.deployment,
  };
}

async function deploymentAndModel(
  { picked, fromUrl }: Base,
  { args, prompter, problems, azure }: Asking,
): Promise<Pick<EndpointChoice, 'deployment' | 'model'>> {
  if (fromUrl !== undefined && args.deployment !== undefined && args.deployment !== fromUrl) {
    problems.messages.push(
      `--deployment ${show(args.deployment)} differs from the deployment ${show(fromUrl)} in --endpoint`,
    );
  }
  const pickedDeployment =
    picked && args.deployment === undefined && prompter && azure
      ? await (await pick()).pickDeployment(prompter, azure, picked)
      : undefined;
  const deployment =
    pickedDeployment?.name ??
    (await resolveField(
      FIELDS.deployment,
      { given: args.deployment ?? fromUrl, fallback: args.yes ? PLACEHOLDER_DEPLOYMENT : undefined },
      prompter,
      problems,
    ));
  // The model az reports for a picked deployment is not asked again; otherwise a terminal asks, and Enter skips.
  const model =
    args.model === undefined && pickedDeployment?.model
      ? pickedDeployment.model
      : await resolveField(FIELDS.model, { given: args.model, fallback: '' }, prompter, problems);
  return { deployment, model: model === '' ? undefined : model };
}

/** The value of AZURE_OPENAI_CHAT_ENDPOINT for a flavour. */
export function endpointFor(sdk: Sdk, choice: EndpointChoice): string {
  return endpointUrl(sdk, choice.base, choice.deployment);
}
