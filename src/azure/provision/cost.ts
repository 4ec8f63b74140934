// What --provision's resources cost and how to delete them: said before anything is created, and in the next steps.
import { formatCommand } from '../../shared/command.js';
import type { Provisioning } from '../../types.js';
import { provisionCommands as commands } from './commands.js';

/** How to delete what --provision made: the whole group only when this run creates it. */
export function removalCommand(p: Provisioning): string {
  return p.found?.group === false
    ? formatCommand(commands.groupDelete(p))
    : `${formatCommand(commands.accountDelete(p))} && ${formatCommand(commands.accountPurge(p))}`;
}

/** What it costs and how to delete it: said before anything is created, and in the next steps. */
export function costNote(p: Provisioning): string {
  return (
    `Cost: the account has no fixed charge; the ${p.sku} deployment of ${p.model} bills per token used (Azure OpenAI pricing). ` +
    `To delete it all later: ${removalCommand(p)}`
  );
}
