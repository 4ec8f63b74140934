// Carrying out --provision: the commands that create what preflight did not find, in order (group, account, model
// deployment, role, then the key for key auth), each shown before it runs. A failure says what this run created, what
// it did not, and the commands to finish (the same run again: it reuses what exists) or to remove what it made.
import { formatCommand } from '../../shared/command.js';
import { StepError } from '../../shared/errors.js';
import type { AzRunner, Command, Provisioning } from '../../types.js';
import { field, parse } from '../az.js';
import { provisionCommands as commands, PLACEHOLDERS } from './commands.js';

/** The commands that would create what is missing; with nothing read yet (a dry run), all of them. */
export function creationCommands(p: Provisioning, withKey: boolean): Command[] {
  const found = p.found;
  const accountId = found?.account?.id ?? PLACEHOLDERS.accountId;
  const userId = found?.userId ?? PLACEHOLDERS.userId;
  return [
    ...(found?.group ? [] : [commands.groupCreate(p)]),
    ...(found?.account ? [] : [commands.accountCreate(p)]),
    ...(found?.deployment ? [] : [commands.deploymentCreate(p)]),
    ...(p.role && !found?.role ? [commands.roleCreate(userId, accountId)] : []),
    ...(withKey ? [commands.keys(p)] : []),
  ];
}

/** What existed already, in words, for the plan's reason. */
export function reuseNote(p: Provisioning): string {
  const found = p.found;
  if (!found) return '--provision (nothing is read from Azure in a dry run)';
  const reused = [
    found.group && `resource group ${p.resourceGroup}`,
    found.account && `account ${p.account}`,
    found.deployment && `deployment ${p.deployment}`,
    found.role && 'your role on it',
  ].filter(Boolean);
  return reused.length ? `--provision; reusing ${reused.join(', ')}` : '--provision';
}

export interface Provisioned {
  /** The account's endpoint as Azure gives it. */
  readonly endpoint: string;
  readonly accountId: string;
  /** key1, for key auth: written only to .env. */
  readonly key: string | undefined;
  /** What this run created, in words. */
  readonly created: readonly string[];
}

export interface ProvisionHooks {
  /** Called with each command just before it runs. */
  readonly onCommand?: (command: Command) => void;
  /** The command line that runs this again (it reuses what exists). */
  readonly again: string;
}

export async function runProvision(
  p: Provisioning,
  az: AzRunner,
  withKey: boolean,
  hooks: ProvisionHooks,
): Promise<Provisioned> {
  const found = p.found;
  if (!found) throw new Error('--provision runs only after its checks');
  // What this run makes, each with whether it existed before: the failure message is built from these.
  const parts = {
    group: { label: `resource group ${p.resourceGroup}`, existed: found.group },
    account: { label: `account ${p.account}`, existed: found.account !== undefined },
    deployment: { label: `deployment ${p.deployment}`, existed: found.deployment },
    role: {
      label: `the role "Cognitive Services OpenAI User" for you on ${p.account}`,
      existed: found.role || !p.role,
    },
  };
  const created = new Set<keyof typeof parts>();
  const run = async (command: Command, what: string, advice?: (reason: string) => string | undefined) => {
    hooks.onCommand?.(command);
    const answer = await az(command.args);
    if (answer.ok) return answer.value;
    throw failure(`${what} failed: ${answer.reason}${advice?.(answer.reason) ?? ''}`);
  };
  const failure = (message: string) => {
    const list = (keys: (keyof typeof parts)[]) => keys.map((key) => parts[key].label).join(', ') || 'nothing';
    const all = Object.keys(parts) as (keyof typeof parts)[];
    const lines = [
      message,
      `Created by this run: ${list([...created])}. Not created: ${list(all.filter((key) => !parts[key].existed && !created.has(key)))}.`,
      ...(created.size > 0 ? [`To remove what this run created: ${removal()}`] : []),
      'To finish, run the same command again: it reuses what exists.',
    ];
    return new StepError(lines.join('\n'), hooks.again);
  };
  // Only a group this run created is deleted whole; otherwise the account (soft-deleted: purge frees its name).
  const removal = () =>
    created.has('group')
      ? formatCommand(commands.groupDelete(p))
      : created.has('account')
        ? `${formatCommand(commands.accountDelete(p))} && ${formatCommand(commands.accountPurge(p))}`
        : 'the role or deployment in the Azure portal';

  if (!found.group) {
    await run(commands.groupCreate(p), `Creating the resource group ${p.resourceGroup}`);
    created.add('group');
  }
  let account = found.account;
  if (!account) {
    const output = parse(await run(commands.accountCreate(p), `Creating the account ${p.account}`));
    created.add('account');
    const id = field(output, 'id');
    const endpoint = field(field(output, 'properties'), 'endpoint');
    if (typeof id !== 'string' || typeof endpoint !== 'string') {
      throw failure(`az cognitiveservices account create gave no id or endpoint for ${p.account}`);
    }
    account = { id, endpoint };
  }
  if (!found.deployment) {
    await run(commands.deploymentCreate(p), `Deploying ${p.model} as ${p.deployment}`, (reason) =>
      /quota|InsufficientQuota/i.test(reason)
        ? '. Your quota in this region is used up: a lower --capacity or another --location may work'
        : undefined,
    );
    created.add('deployment');
  }
  if (p.role && !found.role) {
    const userId = found.userId;
    if (!userId) throw failure('Your user could not be read (az ad signed-in-user show)');
    await run(
      commands.roleCreate(userId, account.id),
      'Assigning you the role "Cognitive Services OpenAI User"',
      (reason) =>
        /AuthorizationFailed|Forbidden|does not have authorization|roleAssignments\/write/i.test(reason)
          ? `. Assigning roles needs Owner, User Access Administrator or Role Based Access Control Administrator on ${p.account}: ask someone who has it to run: ${formatCommand(commands.roleCreate(userId, account.id))}; or use --auth key`
          : undefined,
    );
    created.add('role');
  }
  let key: string | undefined;
  if (withKey) {
    const keys = parse(await run(commands.keys(p), `Reading the key of ${p.account}`));
    const key1 = field(keys, 'key1');
    if (typeof key1 !== 'string' || key1 === '') throw failure(`az gave no key1 for ${p.account}`);
    key = key1;
  }
  return {
    endpoint: account.endpoint,
    accountId: account.id,
    key,
    created: [...created].map((key) => parts[key].label),
  };
}
