// Carrying out --provision: the commands that create what preflight did not find, in order (group, account, model
// deployment, role, then the key for key auth), each shown before it runs. A failure says what this run created, what
// it did not, and the commands to finish (the same run again: it reuses what exists) or to remove what it made.
import { formatCommand } from '../../shared/command.js';
import { StepError } from '../../shared/errors.js';
import type { AzRunner, Command, Provisioning } from '../../types.js';
import { field, parse } from '../az.js';
import { parseEndpoint } from '../endpoint.js';
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
  /** Kept up to date as the commands run, so that a stop at any moment can say what exists. */
  readonly progress?: ProvisionProgress;
}

type Part = 'group' | 'account' | 'deployment' | 'role';
const PARTS: readonly Part[] = ['group', 'account', 'deployment', 'role'];

/** What a run has created so far, and the creation under way (or that az did not confirm). */
export interface ProvisionProgress {
  readonly created: Set<Part>;
  uncertain?: Part;
}

export const newProgress = (): ProvisionProgress => ({ created: new Set() });

function label(p: Provisioning, part: Part): string {
  switch (part) {
    case 'group':
      return `resource group ${p.resourceGroup}`;
    case 'account':
      return `account ${p.account}`;
    case 'deployment':
      return `deployment ${p.deployment}`;
    case 'role':
      return `the role "Cognitive Services OpenAI User" for you on ${p.account}`;
  }
}

function existed(p: Provisioning, part: Part): boolean {
  const found = p.found;
  if (part === 'role') return !p.role || found?.role === true;
  if (part === 'account') return found?.account !== undefined;
  return found?.[part] === true;
}

/**
 * What this run created, what may exist (a creation stopped or not confirmed by az), what was not created, and the
 * command that removes it: the whole group only when this run made it.
 */
export function progressReport(p: Provisioning, progress: ProvisionProgress, uncertainWhy: string): string[] {
  const list = (parts: Part[]) => parts.map((part) => label(p, part)).join(', ') || 'nothing';
  const { created, uncertain } = progress;
  const made = (part: Part) => created.has(part) || uncertain === part;
  const removal = made('group')
    ? formatCommand(commands.groupDelete(p))
    : made('account')
      ? `${formatCommand(commands.accountDelete(p))} && ${formatCommand(commands.accountPurge(p))}`
      : 'the role or deployment in the Azure portal';
  return [
    `Created by this run: ${list([...created])}.` +
      (uncertain ? ` ${uncertainWhy}: ${label(p, uncertain)} (Azure may hold it).` : '') +
      ` Not created: ${list(PARTS.filter((part) => !existed(p, part) && !made(part)))}.`,
    ...(created.size > 0 || uncertain ? [`To remove what this run created: ${removal}`] : []),
  ];
}

export async function runProvision(
  p: Provisioning,
  az: AzRunner,
  withKey: boolean,
  hooks: ProvisionHooks,
): Promise<Provisioned> {
  const found = p.found;
  if (!found) throw new Error('--provision runs only after its checks');
  const progress = hooks.progress ?? newProgress();
  const steps = stepRunner(p, az, hooks, progress);
  if (!found.group) {
    const command = commands.groupCreate(p);
    steps.confirm(
      'group',
      await steps.run(command, `Creating the resource group ${p.resourceGroup}`, 'group'),
      command,
    );
  }
  const account = found.account ?? (await createAccount(p, steps));
  // The project, --verify and its token go to this endpoint: one the project could not use stops the run here.
  const usable = parseEndpoint(account.endpoint);
  if (typeof usable === 'string') {
    throw steps.failure(`az gave ${label(p, 'account')} an endpoint this project cannot use: ${usable}`);
  }
  if (!found.deployment) await createDeployment(p, steps);
  if (p.role && !found.role) await assignRole(p, steps, found.userId, account.id);
  return {
    endpoint: account.endpoint,
    accountId: account.id,
    key: withKey ? await readKey(p, steps) : undefined,
    created: [...progress.created].map((part) => label(p, part)),
  };
}

/** Runs the commands of one --provision, each shown first, keeping its progress up to date. */
interface StepRunner {
  /** Runs a command; with `part`, one that creates it, marked under way until az answers. */
  run(command: Command, what: string, part?: Part, advice?: (reason: string) => string | undefined): Promise<string>;
  /** az exited 0: the output must show what it made, else the part stays uncertain. */
  confirm(part: Part, output: string, command: Command): void;
  /** The error that stops the run: what it created so far and how to finish or undo it. */
  failure(message: string): StepError;
}

function stepRunner(p: Provisioning, az: AzRunner, hooks: ProvisionHooks, progress: ProvisionProgress): StepRunner {
  const failure = (message: string) =>
    new StepError(
      [message, ...progressReport(p, progress, 'Not confirmed'), 'The command below reuses what exists.'].join('\n'),
      hooks.again,
    );
  return {
    failure,
    async run(command, what, part, advice) {
      hooks.onCommand?.(command);
      if (part) progress.uncertain = part;
      const answer = await az(command.args);
      if (answer.ok) return answer.value;
      if (part) progress.uncertain = undefined;
      throw failure(`${what} failed: ${answer.reason}${advice?.(answer.reason) ?? ''}`);
    },
    confirm(part, output, command) {
      const state = field(field(parse(output), 'properties'), 'provisioningState');
      // An account may still be settling when az returns it: only a failed one is refused (its id is checked after).
      const ok =
        part === 'role'
          ? typeof field(parse(output), 'scope') === 'string'
          : part === 'account'
            ? typeof field(parse(output), 'id') === 'string' && !/^(Failed|Canceled)$/.test(String(state))
            : state === 'Succeeded';
      if (!ok) {
        throw failure(
          `${formatCommand(command).split(' -')[0]} exited without error but its output shows no ${label(p, part)}` +
            (typeof state === 'string' ? ` (provisioning state ${state})` : ''),
        );
      }
      progress.uncertain = undefined;
      progress.created.add(part);
    },
  };
}

async function createAccount(p: Provisioning, steps: StepRunner): Promise<{ id: string; endpoint: string }> {
  const command = commands.accountCreate(p);
  const text = await steps.run(command, `Creating the account ${p.account}`, 'account');
  steps.confirm('account', text, command);
  const output = parse(text);
  const id = field(output, 'id');
  const endpoint = field(field(output, 'properties'), 'endpoint');
  if (typeof id !== 'string' || typeof endpoint !== 'string') {
    throw steps.failure(`az cognitiveservices account create gave no id or endpoint for ${p.account}`);
  }
  return { id, endpoint };
}

async function createDeployment(p: Provisioning, steps: StepRunner): Promise<void> {
  const command = commands.deploymentCreate(p);
  const output = await steps.run(command, `Deploying ${p.model} as ${p.deployment}`, 'deployment', (reason) =>
    /quota|InsufficientQuota/i.test(reason)
      ? '. Your quota in this region is used up: a lower --capacity or another --location may work'
      : undefined,
  );
  steps.confirm('deployment', output, command);
}

async function assignRole(
  p: Provisioning,
  steps: StepRunner,
  userId: string | undefined,
  accountId: string,
): Promise<void> {
  if (!userId) throw steps.failure('Your user could not be read (az ad signed-in-user show)');
  const command = commands.roleCreate(userId, accountId);
  const output = await steps.run(
    command,
    'Assigning you the role "Cognitive Services OpenAI User"',
    'role',
    (reason) =>
      /AuthorizationFailed|Forbidden|does not have authorization|roleAssignments\/write/i.test(reason)
        ? `. Assigning roles needs Owner, User Access Administrator or Role Based Access Control Administrator on ${p.account}: ask someone who has it to run: ${formatCommand(commands.roleCreate(userId, accountId))}; or use --auth key`
        : undefined,
  );
  steps.confirm('role', output, command);
}

/** key1, for key auth. */
async function readKey(p: Provisioning, steps: StepRunner): Promise<string> {
  const keys = parse(await steps.run(commands.keys(p), `Reading the key of ${p.account}`));
  const key1 = field(keys, 'key1');
  if (typeof key1 !== 'string' || key1 === '') throw steps.failure(`az gave no key1 for ${p.account}`);
  // The key goes into a quoted .env line: printable ASCII without quotes or backslashes (Azure's keys are letters
  // and digits). The message never holds the value.
  if (!/^[\x21-\x7e]+$/.test(key1) || /['"`\\]/.test(key1)) {
    throw steps.failure(
      `az gave a key1 for ${p.account} that is not an API key (it holds spaces, quotes or control characters)`,
    );
  }
  return key1;
}
