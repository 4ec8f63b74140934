// --verify: with a signed-in Azure CLI, check that the resource and the deployment exist before writing anything.

import { StepError, UsageError } from '../shared/errors.js';
import type { AzRunner, ProjectOptions } from '../types.js';
import { listDeployments, listResources, resourceAt } from './az.js';
import { resourceBase } from './endpoint.js';

/**
 * Throws UsageError (exit 2) naming what does not exist, with the names that do; StepError (exit 1, nothing written)
 * when az itself cannot answer (not installed, signed out, timed out, unreadable output): the input may be right.
 */
export async function verifyAzure(options: ProjectOptions, az: AzRunner): Promise<void> {
  if (options.placeholders) throw new UsageError('--verify needs --resource (or --endpoint) and --deployment');
  const base = options.customEndpoint ?? resourceBase(options.resource ?? '');
  const resources = await listResources(az);
  if (!resources.ok && resources.empty) {
    throw new UsageError(`--verify: no Azure OpenAI resource at ${base}: ${resources.reason}`);
  }
  if (!resources.ok) throw new StepError(`--verify needs a signed-in Azure CLI: ${resources.reason}`, undefined);
  const resource = resourceAt(resources.value, base);
  if (!resource) {
    const names = resources.value.map((r) => r.name).join(', ');
    throw new UsageError(`--verify: no Azure OpenAI resource at ${base} in your subscription; you have: ${names}`);
  }
  const deployments = await listDeployments(az, resource);
  if (!deployments.ok && deployments.empty) throw new UsageError(`--verify: ${deployments.reason}`);
  if (!deployments.ok) {
    throw new StepError(`--verify: the Azure CLI could not list the deployments: ${deployments.reason}`, undefined);
  }
  const found = deployments.value.find((d) => d.name === options.deployment);
  if (!found) {
    const names = deployments.value
      .map((d) => `${d.name} (${[d.model, d.version].filter(Boolean).join(' ')})`)
      .join(', ');
    throw new UsageError(`--verify: ${resource.name} has no deployment "${options.deployment}"; it has: ${names}`);
  }
  if (found.state !== 'Succeeded') {
    throw new UsageError(
      `--verify: the deployment "${found.name}" on ${resource.name} is ${found.state}, not ready yet`,
    );
  }
}
