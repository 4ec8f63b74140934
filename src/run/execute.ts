// execute: carries out a plan, step by step, and records what ran. A failure after the write keeps the project and
// says how to finish: the commands of the steps that did not run.

import type { ChildOutput } from '../shared/command.js';
import { formatCommand, runCommand } from '../shared/command.js';
import { CancelError, StepError } from '../shared/errors.js';
import type { Command } from '../types.js';
import { hasGitIdentity, isIgnored } from './git.js';
import { installEnvironment, readPackageManagerConfigs } from './install.js';
import { cdStep, nextSteps } from './next-steps.js';
import { type Plan, step } from './plan.js';
import { holdingSignals } from './signals.js';
import { writeProject } from './write.js';

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
}

export interface PlannedCommand {
  readonly command: string;
  readonly cwd: string;
  readonly status: 'ran' | 'planned' | 'skipped';
  readonly note?: string;
}

export interface CreateResult {
  readonly directory: string;
  readonly dryRun: boolean;
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly commands: readonly PlannedCommand[];
  readonly nextSteps: readonly string[];
  readonly warnings: readonly string[];
}

export async function execute(plan: Plan, hooks: ExecuteHooks = {}): Promise<CreateResult> {
  const { options, files } = plan;
  const env = hooks.env ?? process.env;
  const cwd = hooks.cwd ?? process.cwd();
  const platform = hooks.platform ?? process.platform;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    hooks.onWarning?.(message);
  };
  const commands: PlannedCommand[] = [];
  const record = (command: Command, status: PlannedCommand['status'], note?: string) =>
    commands.push({ command: formatCommand(command), cwd: command.cwd, status, ...(note ? { note } : {}) });
  const [verify, install, git] = [step(plan, 'verify'), step(plan, 'install'), step(plan, 'git')];
  const result = (installed: boolean): CreateResult => ({
    directory: options.directory,
    dryRun: options.dryRun,
    files: [...files].map(([path, entry]) => ({ path, bytes: Buffer.byteLength(entry.contents) })),
    commands,
    nextSteps: nextSteps({ options, cwd, platform, installed, files: new Set(files.keys()) }),
    warnings,
  });

  if (options.dryRun) {
    for (const s of [verify, install, git]) {
      if (s.run) for (const command of s.commands) record(command, 'planned', s.reason);
    }
    return result(false);
  }
  // The commands that finish the job from a given step on, after a cd into the project.
  const finish = (from: 'install' | 'git') => {
    const left = [...(from === 'install' && install.run ? install.commands : []), ...(git.run ? git.commands : [])];
    if (left.length === 0) return undefined;
    const cd = cdStep(options, cwd, platform);
    return [...(cd ? [cd] : []), ...left.map(formatCommand)].join(platform === 'win32' ? '; ' : ' && ');
  };

  if (verify.run) {
    const [{ verifyAzure }, { azRunner }] = await Promise.all([import('../azure/verify.js'), import('../azure/az.js')]);
    hooks.onStep?.('Checking the resource and deployment with the Azure CLI');
    await verifyAzure(options, azRunner());
    for (const command of verify.commands) record(command, 'ran', verify.reason);
  }

  hooks.onStep?.(`Writing ${files.size} files to ${options.directory}`);
  const written = await holdingSignals(() => writeProject(options.directory, files, plan.target)).catch(
    (error: unknown) => {
      if (!(error as NodeJS.ErrnoException).code) throw error;
      // writeProject leaves nothing of the project behind; say what the file system said, plainly.
      throw new StepError(
        `Could not write the project to ${options.directory}: ${(error as Error).message}. Nothing was left behind.`,
        undefined,
        { cause: error },
      );
    },
  );
  if (written.signal) {
    throw new CancelError(
      `Stopped by ${written.signal} after writing the project to ${options.directory}; dependencies were not installed.`,
      finish('install'),
      written.signal,
    );
  }

  if (install.run) {
    const [command] = install.commands as [Command];
    const progress = hooks.installProgress;
    if (progress) progress.start(formatCommand(command));
    else hooks.onStep?.(`Installing dependencies with ${formatCommand(command)}`);
    // Ctrl-C reaches the package manager too; this run then stops it and says how to finish, keeping the project.
    const interrupt = new AbortController();
    const { value: run, signal: stoppedBy } = await holdingSignals(
      async () =>
        runCommand(command, progress ? (line) => progress.line(line) : (hooks.output ?? 'inherit'), {
          env: installEnvironment(env, readPackageManagerConfigs(env)),
          signal: interrupt.signal,
        }),
      () => interrupt.abort(),
    );
    progress?.stop(run.ok);
    if (stoppedBy || run.cancelled) {
      const what = stoppedBy === 'SIGTERM' ? 'Stopped by SIGTERM' : 'Cancelled';
      throw new CancelError(
        `${what} while installing dependencies. The project is in ${options.directory}.`,
        finish('install'),
        stoppedBy,
      );
    }
    if (!run.ok) {
      throw new StepError(
        `Installing dependencies failed: ${run.reason}. The project is in ${options.directory}.`,
        finish('install'),
      );
    }
    record(command, 'ran');
  } else {
    for (const command of install.commands) record(command, 'skipped', install.reason);
  }

  if (!git.run) {
    if (options.git === 'auto') hooks.onStep?.(`No git repository: ${git.reason}`);
    for (const command of git.commands) record(command, 'skipped', git.reason);
    return result(install.run);
  }
  hooks.onStep?.('Making a git repository');
  const commitable = await hasGitIdentity(options.directory);
  let keyNotIgnored = false;
  for (const command of git.commands) {
    if (command.args[0] === 'commit' && !commitable) {
      warn('No first commit: git does not know your name and email yet (git config --global user.email ...).');
      record(command, 'skipped', 'git user.email is not set');
      continue;
    }
    // Never stage the key: a custom template's .gitignore may not list .env. Then neither add nor commit.
    if (!keyNotIgnored && command.args[0] === 'add' && files.has('.env')) {
      keyNotIgnored = !(await isIgnored(options.directory, '.env'));
      if (keyNotIgnored) {
        warn(
          'No first commit: .gitignore does not ignore .env, which holds your API key. Add .env to it, then commit.',
        );
      }
    }
    if (keyNotIgnored) {
      record(command, 'skipped', '.env is not ignored');
      continue;
    }
    const run = await runCommand(command, 'capture');
    if (!run.ok) {
      throw new StepError(
        `${formatCommand(command)} failed: ${run.reason}. The project is in ${options.directory}.`,
        finish('git'),
      );
    }
    record(command, 'ran');
  }
  return result(install.run);
}
