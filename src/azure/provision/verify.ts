// --verify after --provision: the deployment is ready, and with Microsoft Entra ID the data plane takes your token.
// A new role takes minutes to apply, so the second check is asked again for a bounded time (access.ts).
import { formatCommand } from '../../shared/command.js';
import { StepError } from '../../shared/errors.js';
import type { Auth, AzRunner, Command, Provisioning } from '../../types.js';
import { field, parse } from '../az.js';
import { type AccessWait, waitForAccess } from './access.js';
import { provisionCommands as commands } from './commands.js';

export function verifyCommands(p: Provisioning, auth: Auth): Command[] {
  const endpoint = p.found?.account?.endpoint ?? `https://${p.account.toLowerCase()}.openai.azure.com/`;
  return [commands.deploymentShow(p), ...(auth === 'entra' ? [commands.access(endpoint)] : [])];
}

/** Throws StepError (exit 1) when the deployment is not ready or the role has not applied within the wait. */
export async function verifyProvisioned(
  p: Provisioning,
  endpoint: string,
  auth: Auth,
  az: AzRunner,
  wait: AccessWait = {},
): Promise<void> {
  const shown = await az(commands.deploymentShow(p).args);
  if (!shown.ok)
    throw new StepError(`--verify: the deployment ${p.deployment} could not be read: ${shown.reason}`, undefined);
  const state = field(field(parse(shown.value), 'properties'), 'provisioningState');
  if (state !== 'Succeeded') {
    throw new StepError(
      `--verify: the deployment ${p.deployment} on ${p.account} is ${String(state)}, not ready yet`,
      undefined,
    );
  }
  if (auth !== 'entra') return;
  const access = await waitForAccess(az, endpoint, wait);
  if (access.ok) return;
  throw new StepError(
    access.denied
      ? `--verify: Azure still refuses your Microsoft Entra token on ${p.account} (${access.reason}). A new role assignment can take several minutes to apply; the resources are ready. Check again with: ${formatCommand(commands.access(endpoint))}`
      : `--verify: the data plane of ${p.account} did not answer: ${access.reason}`,
    undefined,
  );
}
