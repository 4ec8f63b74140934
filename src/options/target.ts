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
import type { AzureResource, CliArgs, Environment, Prompter, Provisioning, Sdk } from '../types.js';
import { FIELDS } from './definitions.js';
import { type Findings, resolveField } from './field.js';

export interface Target {
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

export async function resolveTarget(
  args: CliArgs,
  env: Environment,
  prompter: Prompter | undefined,
  findings: Findings,
  notes: string[],
): Promise<Target> {
  const azure = prompter ? env.azure : undefined;
  const pick = () => import('../azure/pick.js');
  // --- provisioning: a new resource, created with az ---
  const provision = () => import('./provision.js');
  const provisioned = async (): Promise<Target> => {
    const p = await (await provision()).provisionTarget(args, prompter, findings);
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
  };
  if (args.provision) return provisioned();
  if (args.resource !== undefined && args.endpoint !== undefined) {
    findings.problems.push('--resource and --endpoint both name the endpoint: give one');
  }

  let base = '';
  let resource: string | undefined;
  let customEndpoint: string | undefined;
  let fromUrl: string | undefined;
  let picked: AzureResource | undefined;
  let pasted: ParsedEndpoint | undefined;
  if (args.endpoint !== undefined) {
    const endpoint = await resolveField(
      FIELDS.endpoint,
      { given: args.endpoint, fallback: undefined },
      prompter,
      findings,
    );
    const parsed = parseEndpoint(endpoint);
    if (typeof parsed !== 'string') {
      pasted = parsed;
      base = parsed.base;
      customEndpoint = parsed.base;
      fromUrl = parsed.deployment;
      notes.push(...parsed.notes.map((note) => `--endpoint: ${note}`));
    }
  } else if (args.resource === undefined && prompter && azure) {
    const choice = await (await pick()).pickResource(prompter, azure);
    if (choice === 'create') return provisioned();
    picked = choice;
  }
  if (picked && new URL(picked.endpoint).hostname !== `${picked.name.toLowerCase()}.openai.azure.com`) {
    // A custom domain (cognitiveservices.azure.com or the company's own): the endpoint is taken as given.
    base = picked.endpoint;
    customEndpoint = picked.endpoint;
  } else if (picked) {
    resource = picked.name;
    base = resourceBase(resource);
  } else if (args.endpoint === undefined) {
    resource = await resolveField(
      FIELDS.resource,
      { given: args.resource, fallback: args.yes ? PLACEHOLDER_RESOURCE : undefined },
      prompter,
      findings,
    );
    const url = /^https:\/\//i.test(resource) ? parseEndpoint(resource) : undefined;
    if (url !== undefined && typeof url !== 'string') {
      // A pasted URL: the resource's name when it is <name>.openai.azure.com, else the endpoint itself.
      pasted = url;
      fromUrl = url.deployment;
      notes.push(...url.notes.map((note) => `--resource: ${note}`));
      resource = resourceOfUrl(url);
      if (resource === undefined) customEndpoint = url.base;
    }
    base = resource === undefined ? (customEndpoint ?? '') : resourceBase(resource);
  }

  if (fromUrl !== undefined && args.deployment !== undefined && args.deployment !== fromUrl) {
    findings.problems.push(
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
      findings,
    ));
  // The model az reports for a picked deployment is not asked again; otherwise a terminal asks, and Enter skips.
  const model =
    args.model === undefined && pickedDeployment?.model
      ? pickedDeployment.model
      : await resolveField(FIELDS.model, { given: args.model, fallback: '' }, prompter, findings);
  return { resource, customEndpoint, deployment, model: model === '' ? undefined : model, base, picked, pasted };
}

/** The value of AZURE_OPENAI_CHAT_ENDPOINT for a flavour. */
export function endpointFor(sdk: Sdk, target: Target): string {
  return endpointUrl(sdk, target.base, target.deployment);
}
