// What is left of a run that failed or stopped, as the one command that deals with it. Before the project
// is written nothing of it is on disk: a failure is retried with the whole command, a stop needs nothing. After, the
// project is kept: a cd into it, then the commands of the steps from there on that were to run.
import { detectPackageManager } from '../options/package-manager.js';
import { commandAsTyped, createCommand, retryArgs } from '../options/replay.js';
import { formatCommand } from '../shared/command.js';
import { PACKAGE_MANAGERS, type ProjectOptions } from '../types.js';
import { cdStep } from './next-steps.js';
import type { Step } from './plan.js';

export interface RetryInput {
  readonly steps: readonly Step[];
  /** The index of the step that failed or was stopped; steps.length once they all ran. */
  readonly at: number;
  readonly why: 'failure' | 'stop';
  /** The options the run had reached (--provision may have changed the endpoint). */
  readonly options: ProjectOptions;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
}

/** Whether the project was on disk when the step at `at` started (the write step had finished). */
export function projectWritten(steps: readonly Step[], at: number): boolean {
  return at > steps.findIndex((step) => step.name === 'write');
}

export function retryCommand({ steps, at, why, options, cwd, platform }: RetryInput): string | undefined {
  if (!projectWritten(steps, at)) {
    return why === 'failure' ? createCommand(options.packageManager, retryArgs(options), platform) : undefined;
  }
  const left = steps.slice(at).flatMap((step) => (step.run ? step.commands : []));
  if (left.length === 0) return undefined;
  const cd = cdStep(options, cwd, platform);
  return [...(cd ? [cd] : []), ...left.map(formatCommand)].join(platform === 'win32' ? '; ' : ' && ');
}

/** A run that failed before its options were settled (a template download): the command again, as it was typed. */
export function retryAsTyped(
  packageManager: string | undefined,
  userAgent: string | undefined,
  argv: readonly string[],
): string | undefined {
  const given = PACKAGE_MANAGERS.find((name) => name === packageManager);
  return commandAsTyped(given ?? detectPackageManager(userAgent), argv);
}
