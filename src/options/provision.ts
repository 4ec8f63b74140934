// --provision's values: the new account's name, group, region, model and deployment (flag > answer > default), then
// the checks with az before anything is created. In a terminal a failed check is asked again with what would work
// (the nearest regions with the model, the models of the region, the quota left); without one it is a usage error.
import { DEFAULT_CAPACITY, DEFAULT_DEPLOYMENT_SKU } from '../azure/provision/commands.js';
import { type ProblemField, ProvisionProblem } from '../azure/provision/problem.js';
import { oneOf } from '../shared/validate.js';
import type { CliArgs, Environment, Prompter, Provisioning } from '../types.js';
import { FIELDS, type FieldDefinition, PROVISION_FIELDS } from './definitions.js';
import { type Problems, resolveField } from './field.js';

/** A current chat model offered widely: the suggestion in a terminal. */
export const SUGGESTED_MODEL = 'gpt-4.1-mini';
export const SUGGESTED_LOCATION = 'eastus2';

export async function resolveProvisioning(
  args: CliArgs,
  prompter: Prompter | undefined,
  problems: Problems,
): Promise<Provisioning> {
  if (args.endpoint !== undefined)
    problems.messages.push('--provision creates the endpoint: give --resource, not --endpoint');
  const field = (definition: FieldDefinition, given: string | undefined, fallback?: string, suggested?: string) =>
    resolveField(definition, { given, fallback, ...(suggested ? { suggested } : {}) }, prompter, problems);
  prompter?.note('A new Azure OpenAI resource: each az command is shown before it runs.');
  const account = await field(
    {
      ...FIELDS.resource,
      question: { field: 'resource', message: 'Name of the new resource (its endpoint is <name>.openai.azure.com)' },
    },
    args.resource,
  );
  const resourceGroup = await field(
    PROVISION_FIELDS.resourceGroup,
    args.resourceGroup,
    undefined,
    account ? `rg-${account}` : undefined,
  );
  const location = await field(PROVISION_FIELDS.location, args.location, undefined, SUGGESTED_LOCATION);
  const model = await field(PROVISION_FIELDS.model, args.model, undefined, SUGGESTED_MODEL);
  const deployment = await field(FIELDS.deployment, args.deployment, undefined, model || undefined);
  const modelVersion = await field(PROVISION_FIELDS.modelVersion, args.modelVersion, '');
  const sku = await field(PROVISION_FIELDS.sku, args.sku, DEFAULT_DEPLOYMENT_SKU);
  const capacity = await field(PROVISION_FIELDS.capacity, args.capacity, String(DEFAULT_CAPACITY));
  return {
    account,
    resourceGroup,
    location,
    model,
    deployment,
    modelVersion: modelVersion === '' ? undefined : modelVersion,
    sku,
    capacity: Number(capacity),
    role: false,
    found: undefined,
  };
}

/**
 * Runs the checks (not in a dry run: nothing is run then). A problem is asked again in a terminal, with the values
 * that would work as choices; without a terminal it is thrown (exit 2), as az failing is (exit 1).
 */
export async function settleProvision(
  request: Provisioning,
  env: Environment,
  prompter: Prompter | undefined,
  dryRun: boolean,
): Promise<Provisioning> {
  if (dryRun) return request;
  const az = env.azure ?? (await import('../azure/az.js')).azRunner(60_000);
  const { preflight } = await import('../azure/provision/preflight.js');
  let current = request;
  for (;;) {
    try {
      return prompter
        ? await prompter.progress('Checking the name, the model and your quota (az)', () => preflight(current, az))
        : await preflight(current, az);
    } catch (error) {
      if (!(error instanceof ProvisionProblem) || !prompter) throw error;
      prompter.note(error.message);
      current = await askAgain(current, error, prompter);
    }
  }
}

const FIELD_OF: Record<ProblemField, FieldDefinition> = {
  resource: FIELDS.resource,
  location: PROVISION_FIELDS.location,
  model: PROVISION_FIELDS.model,
  modelVersion: PROVISION_FIELDS.modelVersion,
  sku: PROVISION_FIELDS.sku,
  capacity: PROVISION_FIELDS.capacity,
  deployment: FIELDS.deployment,
};

async function askAgain(current: Provisioning, problem: ProvisionProblem, prompter: Prompter): Promise<Provisioning> {
  const definition = FIELD_OF[problem.field];
  const TYPE = '\u0000type';
  let answer = await prompter.ask({
    ...definition.question,
    flag: definition.flag,
    validate: problem.choices.length ? oneOf([...problem.choices, TYPE]) : definition.validate,
    ...(problem.choices.length
      ? {
          choices: [
            ...problem.choices.map((value) => ({ value, label: value })),
            { value: TYPE, label: 'Type another' },
          ],
        }
      : {}),
  });
  if (answer === TYPE) {
    answer = await prompter.ask({ ...definition.question, flag: definition.flag, validate: definition.validate });
  }
  switch (problem.field) {
    case 'resource':
      return { ...current, account: answer };
    case 'capacity':
      return { ...current, capacity: Number(answer) };
    case 'model':
      // A deployment named after the model follows it.
      return {
        ...current,
        model: answer,
        deployment: current.deployment === current.model ? answer : current.deployment,
        modelVersion: undefined,
      };
    default:
      return { ...current, [problem.field]: answer };
  }
}
