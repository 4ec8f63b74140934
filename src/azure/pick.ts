// Choosing the resource, deployment and key from the user's own subscription, through a signed-in Azure CLI, in the
// interactive flow. Any failure says why in one line and returns undefined: the caller asks the person to type.

import { oneOf } from '../shared/validate.js';
import type { AzRunner, AzureDeployment, AzureResource, Prompter } from '../types.js';
import { fetchKey, listDeployments, listResources } from './az.js';

const TYPE_INSTEAD = '\u0000type';
const CREATE = '\u0000create';

/** A resource of the user's, 'create' for a new one (--provision), or undefined to type the names. */
export async function pickResource(prompter: Prompter, az: AzRunner): Promise<AzureResource | 'create' | undefined> {
  const found = await prompter.progress('Looking for your Azure OpenAI resources (az)', () => listResources(az));
  // A signed-in az with no resources yet can still make one.
  if (!found.ok && found.empty) {
    prompter.note(`Azure CLI: ${found.reason}.`);
    const choice = await prompter.ask({
      field: 'resource',
      flag: '--resource',
      message: 'Which Azure OpenAI resource?',
      validate: oneOf([CREATE, TYPE_INSTEAD]),
      choices: [
        { value: CREATE, label: 'Create a new resource', hint: 'with az; every command shown first' },
        { value: TYPE_INSTEAD, label: 'Type a name instead' },
      ],
    });
    return choice === CREATE ? 'create' : undefined;
  }
  if (!found.ok) {
    prompter.note(`Azure CLI: ${found.reason}; type the names instead.`);
    return undefined;
  }
  const choice = await prompter.ask({
    field: 'resource',
    flag: '--resource',
    message: 'Which Azure OpenAI resource?',
    validate: oneOf([...found.value.map((r) => r.name), CREATE, TYPE_INSTEAD]),
    choices: [
      ...found.value.map((r) => ({
        value: r.name,
        label: r.name,
        hint: [r.kind, r.location, r.resourceGroup].filter(Boolean).join(' · '),
      })),
      { value: CREATE, label: 'Create a new resource', hint: 'with az; every command shown first' },
      { value: TYPE_INSTEAD, label: 'Type a name instead' },
    ],
  });
  if (choice === CREATE) return 'create';
  return found.value.find((r) => r.name === choice);
}

export async function pickDeployment(
  prompter: Prompter,
  az: AzRunner,
  resource: AzureResource,
): Promise<AzureDeployment | undefined> {
  const found = await prompter.progress(`Reading the deployments of ${resource.name} (az)`, () =>
    listDeployments(az, resource),
  );
  if (!found.ok) {
    prompter.note(`Azure CLI: ${found.reason}; type the deployment name instead.`);
    return undefined;
  }
  // Deployments still being created or that failed are shown last, marked, so a working one is the default.
  const ready = (d: AzureDeployment) => d.state === 'Succeeded';
  const ordered = [...found.value.filter(ready), ...found.value.filter((d) => !ready(d))];
  const choice = await prompter.ask({
    field: 'deployment',
    flag: '--deployment',
    message: 'Which deployment?',
    validate: oneOf([...ordered.map((d) => d.name), TYPE_INSTEAD]),
    choices: [
      ...ordered.map((d) => ({
        value: d.name,
        label: d.name,
        hint: [[d.model, d.version].filter(Boolean).join(' '), ready(d) ? '' : `(${d.state})`]
          .filter(Boolean)
          .join(' '),
      })),
      { value: TYPE_INSTEAD, label: 'Type a name instead' },
    ],
  });
  return found.value.find((d) => d.name === choice);
}

/** Offers to fetch key1 with az; the key goes only to .env and is never shown. */
export async function pickKey(prompter: Prompter, az: AzRunner, resource: AzureResource): Promise<string | undefined> {
  const fetch = await prompter.confirm({
    field: 'fetchKey',
    message: `Fetch the API key of ${resource.name} with az and save it to .env (git ignores it)? (Microsoft Entra ID needs no key)`,
    initial: true,
  });
  if (!fetch) return undefined;
  const key = await prompter.progress('Fetching the key (az)', () => fetchKey(az, resource));
  if (!key.ok) {
    prompter.note(`Azure CLI: ${key.reason}; paste the key instead, or skip it.`);
    return undefined;
  }
  return key.value;
}
