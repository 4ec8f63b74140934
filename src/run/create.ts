// create: the programmatic API under the CLI. render -> check target -> write -> install -> git -> next steps.

import { render } from '../project/render.js';
import { type ChildOutput, formatCommand, runCommand } from '../shared/command.js';
import { CancelError, StepError } from '../shared/errors.js';
import type { Command, FileMap, ProjectOptions } from '../types.js';
import { gitCommands, hasGitIdentity, isIgnored, reasonToSkipGit } from './git.js';
import { installCommand, installEnvironment, readPackageManagerConfigs } from './install.js';
import { cdStep, nextSteps } from './next-steps.js';
import { holdingSignals } from './signals.js';
import { checkTarget, writeProject } from './write.js';

export interface CreateHooks {
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
  readonly templatesDir?: string;
  /** Commands a dry run lists as run before anything else (the --verify checks). */
  readonly plannedChecks?: readonly Command[];
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

export async function create(options: ProjectOptions, hooks: CreateHooks = {}): Promise<CreateResult> {
  const env = hooks.env ?? process.env;
  const cwd = hooks.cwd ?? process.cwd();
  const platform = hooks.platform ?? process.platform;
  const output = hooks.output ?? 'inherit';
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    hooks.onWarning?.(message);
  };
  const commands: PlannedCommand[] = [];
  const record = (command: Command, status: PlannedCommand['status'], note?: string) =>
    commands.push({ command: formatCommand(command), cwd: command.cwd, status, ...(note ? { note } : {}) });

  const files = await render(options, hooks.templatesDir);
  const state = await checkTarget(options.directory, files, options.overwrite);
  const install = installCommand(options.packageManager, options.directory);
  const git = gitCommands(options.directory);

  if (options.dryRun) {
    for (const command of hooks.plannedChecks ?? []) record(command, 'planned', '--verify');
    if (options.install) record(install, 'planned');
    if (options.git !== false) {
      const note = options.git === 'auto' ? 'if git is installed and the folder is not in a repository' : undefined;
      for (const command of git) record(command, 'planned', note);
    }
    return result(files, false);
  }

  hooks.onStep?.(`Writing ${files.size} files to ${options.directory}`);
  const gitCommandLines = git.map(formatCommand);
  const finish = (lines: string[]) => (lines.length > 0 ? retryIn(options, cwd, platform, lines) : undefined);
  const written = await holdingSignals(() => writeProject(options.directory, files, state)).catch((error: unknown) => {
    if (!(error as NodeJS.ErrnoException).code) throw error;
    // writeProject leaves nothing of the project behind; say what the file system said, plainly.
    throw new StepError(
      `Could not write the project to ${options.directory}: ${(error as Error).message}. Nothing was left behind.`,
      undefined,
      { cause: error },
    );
  });
  if (written.signal) {
    throw new CancelError(
      `Stopped by ${written.signal} after writing the project to ${options.directory}; dependencies were not installed.`,
      finish([...(options.install ? [formatCommand(install)] : []), ...(options.git === true ? gitCommandLines : [])]),
      written.signal,
    );
  }

  // Decided before the install, so a failed install's retry command includes git when git was to run.
  const skipGit =
    options.git === false
      ? 'not asked for'
      : options.git === true
        ? undefined
        : state === 'existing'
          ? 'the folder already held files of yours'
          : await reasonToSkipGit(options.directory);
  const installRetry = finish([formatCommand(install), ...(skipGit ? [] : gitCommandLines)]);

  if (options.install) {
    const progress = hooks.installProgress;
    if (progress) progress.start(formatCommand(install));
    else hooks.onStep?.(`Installing dependencies with ${formatCommand(install)}`);
    // Ctrl-C reaches the package manager too; this run then stops it and says how to finish, keeping the project.
    const interrupt = new AbortController();
    const { value: run, signal: stoppedBy } = await holdingSignals(
      async () =>
        runCommand(install, progress ? (line) => progress.line(line) : output, {
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
        installRetry,
        stoppedBy,
      );
    }
    if (!run.ok) {
      throw new StepError(
        `Installing dependencies failed: ${run.reason}. The project is in ${options.directory}.`,
        installRetry,
      );
    }
    record(install, 'ran');
  }

  if (skipGit) {
    if (options.git === 'auto') hooks.onStep?.(`No git repository: ${skipGit}`);
    for (const command of git) record(command, 'skipped', skipGit);
  } else {
    hooks.onStep?.('Making a git repository');
    const commitable = await hasGitIdentity(options.directory);
    let keyNotIgnored = false;
    for (const command of git) {
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
          finish(gitCommandLines),
        );
      }
      record(command, 'ran');
    }
  }
  return result(files, options.install);

  function result(map: FileMap, installed: boolean): CreateResult {
    return {
      directory: options.directory,
      dryRun: options.dryRun,
      files: [...map].map(([path, entry]) => ({ path, bytes: Buffer.byteLength(entry.contents) })),
      commands,
      nextSteps: nextSteps({ options, cwd, platform, installed, files: new Set(map.keys()) }),
      warnings,
    };
  }
}

/** The commands that finish a run, after a cd into the project; joined with ; on Windows (PowerShell 5.1 has no &&). */
function retryIn(options: ProjectOptions, cwd: string, platform: NodeJS.Platform, commands: string[]): string {
  const cd = cdStep(options, cwd, platform);
  return [...(cd ? [cd] : []), ...commands].join(platform === 'win32' ? '; ' : ' && ');
}
