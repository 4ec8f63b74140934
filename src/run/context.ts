// The fields a step of a run may use (steps.ts), and the hooks through which a caller follows the run.
import type { ProvisionProgress } from '../azure/provision/run.js';
import type { ChildOutput } from '../shared/command.js';
import type { CancelError, StepError } from '../shared/errors.js';
import type { Command, FileMap, ProjectOptions } from '../types.js';
import type { Plan, Step } from './plan.js';
import type { Written } from './write.js';

export interface ExecuteHooks {
  /** Called as each stage starts, for progress output. */
  readonly onStep?: (message: string) => void;
  readonly onWarning?: (message: string) => void;
  /** Where child processes' output goes. */
  readonly output?: ChildOutput;
  /** Called around the install, for a spinner; when given, the install's output goes to `line`. */
  readonly installProgress?: {
    start(command: string): void;
    line(text: string): void;
    stop(ok: boolean): void;
  };
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly platform?: NodeJS.Platform;
  /** --provision: kept up to date with what the run has created in Azure, for a stop at any moment. */
  readonly provisionProgress?: ProvisionProgress;
}

export interface PlannedCommand {
  readonly command: string;
  readonly cwd: string;
  readonly status: 'ran' | 'planned' | 'skipped';
  readonly note?: string;
}

/** What the steps change as the run goes. */
export interface RunState {
  readonly options: ProjectOptions;
  readonly files: FileMap;
  readonly written?: Written;
  /** --provision: the endpoint Azure gave, which --verify checks. */
  readonly accessEndpoint?: string;
}

/** Everything a step may use; each step names the fields it takes. */
export interface StepContext extends RunState {
  readonly plan: Plan;
  readonly hooks: ExecuteHooks;
  readonly env: NodeJS.ProcessEnv;
  readonly onStep: (message: string) => void;
  readonly record: (command: Command, status: PlannedCommand['status'], note?: string) => void;
  readonly warn: (message: string) => void;
  /** The first stop signal since the write started; undefined before it (the command line stops the run then). */
  readonly stopped: () => NodeJS.Signals | undefined;
  /** Aborted at a stop signal: child processes are told to stop. */
  readonly signal: AbortSignal;
  /** The error that stops the run here, `where` saying where, with what is left to do. */
  readonly stop: (where: string) => CancelError;
  /** The error of a failure here, with what is left to do. */
  readonly fail: (message: string, cause?: unknown) => StepError;
  /** The command a failure here tells the user to run (before the write: the whole command again). */
  readonly retry: string | undefined;
}

export type StepRunner = (step: Step, context: StepContext) => Promise<Partial<RunState> | undefined>;
