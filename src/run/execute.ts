// execute: carries out a plan, running its steps in order (steps.ts) and recording what ran. From the write on it
// holds signals and checks for a stop between steps; a failure or a stop says what is left (retry.ts).
import { formatCommand } from '../shared/command.js';
import { CancelError, StepError } from '../shared/errors.js';
import type { ExecuteHooks, PlannedCommand, RunState, StepContext } from './context.js';
import { unignoredSecrets } from './git.js';
import { nextSteps } from './next-steps.js';
import type { Plan, StepName } from './plan.js';
import { projectWritten, retryCommand } from './retry.js';
import { type Hold, holdSignals, turn } from './signals.js';
import { STEPS } from './steps.js';

export type { ExecuteHooks, PlannedCommand } from './context.js';

import type { Written } from './write.js';

export interface CreateResult {
  readonly directory: string;
  readonly dryRun: boolean;
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly commands: readonly PlannedCommand[];
  readonly nextSteps: readonly string[];
  /** The plan's warnings, then those of the run. */
  readonly warnings: readonly string[];
  /** Copies of the user's files that --overwrite replaced: the folder, and the paths in it. */
  readonly backup?: Written['backup'];
  /** Where this run saved the API key, and whether git ignores that file there. */
  readonly keyFile?: { readonly path: string; readonly git: 'ignored' | 'not ignored' | 'no repository' };
  /** Where the saved key came from, when the run found it itself (--provision reads it with az). */
  readonly keySource?: string;
}

/** What a stop before a step says happened; a step says it itself once it has started. */
const STOPPED_BEFORE: Readonly<Partial<Record<StepName, (directory: string) => string>>> = {
  write: (directory) => `while writing the project: nothing was written to ${directory}.`,
  install: (directory) => `after writing the project to ${directory}; dependencies were not installed.`,
  git: (directory) => `while making the git repository. The project is in ${directory}.`,
};

/** How a signal is named in messages: Ctrl-C cancels, the others stop. */
function stoppedBy(signal: NodeJS.Signals | undefined): string {
  return signal === undefined || signal === 'SIGINT' ? 'Cancelled' : `Stopped by ${signal}`;
}

export async function execute(plan: Plan, hooks: ExecuteHooks = {}): Promise<CreateResult> {
  const env = hooks.env ?? process.env;
  const cwd = hooks.cwd ?? process.cwd();
  const platform = hooks.platform ?? process.platform;
  const warnings: string[] = [];
  const commands: PlannedCommand[] = [];
  const base = {
    plan,
    hooks,
    env,
    onStep: (message: string) => hooks.onStep?.(message),
    record: (command: Parameters<StepContext['record']>[0], status: PlannedCommand['status'], note?: string) =>
      commands.push({ command: formatCommand(command), cwd: command.cwd, status, ...(note ? { note } : {}) }),
    warn: (message: string) => {
      warnings.push(message);
      hooks.onWarning?.(message);
    },
  };
  for (const warning of plan.warnings) base.warn(warning);
  if (plan.options.dryRun) {
    for (const step of plan.steps)
      if (step.run) for (const command of step.commands) base.record(command, 'planned', step.reason);
    return result(plan, { options: plan.options, files: plan.files }, { commands, warnings, cwd, platform });
  }

  let state: RunState = { options: plan.options, files: plan.files };
  // From the write on, a signal is held: the run stops where the state is consistent (nothing of ours left, or the
  // whole project and the commands to finish), and a child process is told to stop.
  const abort = new AbortController();
  let hold: Hold | undefined;
  const stopped = () => hold?.stopped();
  const stopAt = (at: number, where: string) => {
    const retry = retryCommand({ steps: plan.steps, at, why: 'stop', options: state.options, cwd, platform });
    return new CancelError(`${stoppedBy(stopped())} ${where}`, retry, stopped());
  };
  try {
    for (const [at, step] of plan.steps.entries()) {
      if (step.name === 'write') hold = holdSignals(() => abort.abort());
      if (stopped()) abort.abort();
      const before = STOPPED_BEFORE[step.name];
      if (step.run && stopped() && before) throw stopAt(at, before(state.options.directory));
      const retry = retryCommand({ steps: plan.steps, at, why: 'failure', options: state.options, cwd, platform });
      const context: StepContext = {
        ...base,
        ...state,
        stopped,
        signal: abort.signal,
        retry,
        stop: (where) => stopAt(at, where),
        fail: (message, cause) => new StepError(message, retry, { cause, again: !projectWritten(plan.steps, at) }),
      };
      state = { ...state, ...(await STEPS[step.name](step, context)) };
    }
    await turn();
    const where = `as the run ended. The project is complete in ${state.options.directory}.`;
    if (stopped()) throw stopAt(plan.steps.length, where);
    return result(plan, state, { commands, warnings, cwd, platform, keyFile: await keyFileOf(state, env) });
  } finally {
    hold?.release();
  }
}

/** Where the key was saved and what git makes of that file, for the report. */
async function keyFileOf(state: RunState, env: NodeJS.ProcessEnv): Promise<CreateResult['keyFile']> {
  if (!state.files.has('.env')) return undefined;
  const exposed = await unignoredSecrets(state.options.directory, env);
  return {
    path: '.env',
    git: exposed === undefined ? 'no repository' : exposed.includes('.env') ? 'not ignored' : 'ignored',
  };
}

function result(
  plan: Plan,
  { options, files, written }: RunState,
  run: {
    commands: PlannedCommand[];
    warnings: string[];
    cwd: string;
    platform: NodeJS.Platform;
    keyFile?: CreateResult['keyFile'];
  },
): CreateResult {
  const { cwd, platform, keyFile } = run;
  const installed = !options.dryRun && plan.steps.some((step) => step.name === 'install' && step.run);
  return {
    directory: options.directory,
    dryRun: options.dryRun,
    files: [...files].map(([path, entry]) => ({ path, bytes: Buffer.byteLength(entry.contents) })),
    commands: run.commands,
    nextSteps: nextSteps({ options, cwd, platform, installed, files: new Set(files.keys()) }),
    warnings: run.warnings,
    ...(written?.backup ? { backup: written.backup } : {}),
    ...(keyFile ? { keyFile } : {}),
    ...(keyFile && options.apiKeySource !== plan.options.apiKeySource ? { keySource: options.apiKeySource } : {}),
  };
}
