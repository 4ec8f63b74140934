// execute: carries out a plan, step by step, and records what ran. A failure after the write keeps the project and
// says how to finish: the commands of the steps that did not run.

import type { ProvisionProgress } from '../azure/provision/run.js';
import { createCommand, retryArgs } from '../options/replay.js';
import type { ChildOutput } from '../shared/command.js';
import { formatCommand, runCommand } from '../shared/command.js';
import { CancelError, StepError } from '../shared/errors.js';
import type { Command } from '../types.js';
import { hasGitIdentity, isSecretsFile, repositoryOf, runGit, unignoredSecrets } from './git.js';
import { installEnvironment, readPackageManagerConfigs } from './install.js';
import { cdStep, nextSteps } from './next-steps.js';
import { type Plan, plan as replan, step } from './plan.js';
import { holdingSignals } from './signals.js';
import { WriteStopped, type Written, writeProject } from './write.js';

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

export interface CreateResult {
  readonly directory: string;
  readonly dryRun: boolean;
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly commands: readonly PlannedCommand[];
  readonly nextSteps: readonly string[];
  readonly warnings: readonly string[];
  /** Copies of the user's files that --overwrite replaced: the folder, and the paths in it. */
  readonly backup?: Written['backup'];
  /** Where this run saved the API key, and whether git ignores that file there. */
  readonly keyFile?: { readonly path: string; readonly git: 'ignored' | 'not ignored' | 'no repository' };
  /** Where the saved key came from, when the run found it itself (--provision reads it with az). */
  readonly keySource?: string;
}

/** How a signal is named in messages: Ctrl-C cancels, the others stop. */
function stoppedBy(signal: NodeJS.Signals | undefined): string {
  return signal === undefined || signal === 'SIGINT' ? 'Cancelled' : `Stopped by ${signal}`;
}

export async function execute(plan: Plan, hooks: ExecuteHooks = {}): Promise<CreateResult> {
  // --provision renders the project again with what Azure gave (the endpoint, the key): hence let.
  let { options, files } = plan;
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
  let written: Written = {};
  let keyFile: CreateResult['keyFile'];
  const result = (installed: boolean): CreateResult => ({
    directory: options.directory,
    dryRun: options.dryRun,
    files: [...files].map(([path, entry]) => ({ path, bytes: Buffer.byteLength(entry.contents) })),
    commands,
    nextSteps: nextSteps({ options, cwd, platform, installed, files: new Set(files.keys()) }),
    warnings,
    ...(written.backup ? { backup: written.backup } : {}),
    ...(keyFile ? { keyFile } : {}),
    ...(keyFile && options.apiKeySource !== plan.options.apiKeySource ? { keySource: options.apiKeySource } : {}),
  });

  for (const note of plan.notes) warn(note);
  const provision = plan.steps.find((candidate) => candidate.name === 'provision');
  if (options.dryRun) {
    for (const s of [...(provision ? [provision] : []), verify, install, git]) {
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

  // Before the write, a failure leaves nothing: the command to run again is the whole command.
  const again = () => createCommand(options.packageManager, retryArgs(options), platform);

  // --- provisioning: create what is missing with az, then render the project with Azure's endpoint and key ---
  let accessEndpoint: string | undefined;
  if (options.provision && provision) {
    const done = await (await import('./provision.js')).provisionAzure(options, provision, {
      again: again(),
      onStep: (message) => hooks.onStep?.(message),
      record: (command) => record(command, 'ran', provision.reason),
      ...(hooks.provisionProgress ? { progress: hooks.provisionProgress } : {}),
    });
    accessEndpoint = done.endpoint;
    if (done.options !== options) {
      options = done.options;
      files = (await replan(options, plan.templatesDir)).files;
    }
  }
  // --- end of provisioning ---

  if (verify.run) {
    const [{ verifyAzure }, { azRunner }] = await Promise.all([import('../azure/verify.js'), import('../azure/az.js')]);
    hooks.onStep?.(
      options.provision && options.auth === 'entra'
        ? 'Checking the deployment, and that Azure takes your Microsoft Entra token (a new role can take minutes)'
        : 'Checking the resource and deployment with the Azure CLI',
    );
    try {
      if (options.provision) {
        const { verifyProvisioned } = await import('../azure/provision/verify.js');
        await verifyProvisioned(options.provision, accessEndpoint ?? options.endpoint, options.auth, azRunner(60_000), {
          onWait: (reason, seconds) =>
            hooks.onStep?.(`Azure refuses the token for now (${reason}); asking again (${seconds} s so far)`),
        });
      } else {
        await verifyAzure(options, azRunner());
      }
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      throw new StepError(error.message, again(), { cause: error, again: true });
    }
    for (const command of verify.commands) record(command, 'ran', verify.reason);
  }

  // From the write on, a signal is held: each step checks it where it can stop with a consistent state (nothing of
  // ours left, or the whole project and the commands to finish), and a child process is told to stop.
  let interrupt: AbortController | undefined;
  const held = await holdingSignals(
    async (stopped) => {
      const stop = (where: string, retry: string | undefined) =>
        new CancelError(`${stoppedBy(stopped())} ${where}`, retry, stopped());
      hooks.onStep?.(`Writing ${files.size} files to ${options.directory}`);
      try {
        written = await writeProject(options.directory, files, plan.target, { stopped });
      } catch (error) {
        if (error instanceof WriteStopped) {
          throw stop(`while writing the project: nothing was written to ${options.directory}.`, undefined);
        }
        if (!(error as NodeJS.ErrnoException).code) throw error;
        // writeProject leaves nothing of the project behind; say what the file system said, plainly.
        throw new StepError(
          `Could not write the project to ${options.directory}: ${(error as Error).message}. Nothing was left behind.`,
          again(),
          { cause: error, again: true },
        );
      }
      if (stopped()) {
        throw stop(
          `after writing the project to ${options.directory}; dependencies were not installed.`,
          finish('install'),
        );
      }
      await warnAboutSecrets();

      if (install.run) {
        const [command] = install.commands as [Command];
        const progress = hooks.installProgress;
        if (progress) progress.start(formatCommand(command));
        else hooks.onStep?.(`Installing dependencies with ${formatCommand(command)}`);
        // Ctrl-C reaches the package manager too; this run then stops it and says how to finish, keeping the project.
        interrupt = new AbortController();
        if (stopped()) interrupt.abort();
        const run = await runCommand(command, progress ? (line) => progress.line(line) : (hooks.output ?? 'inherit'), {
          env: installEnvironment(env, readPackageManagerConfigs(env)),
          signal: interrupt.signal,
        });
        progress?.stop(run.ok);
        if (stopped() || run.cancelled) {
          throw stop(`while installing dependencies. The project is in ${options.directory}.`, finish('install'));
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
      } else {
        await gitStep(stopped, stop);
      }
      await noteKeyFile();
      if (stopped()) throw stop(`as the run ended. The project is complete in ${options.directory}.`, undefined);
      return result(install.run);
    },
    () => interrupt?.abort(),
  );
  if (held.signal) {
    throw new CancelError(
      `${stoppedBy(held.signal)} as the run ended. The project is complete in ${options.directory}.`,
      undefined,
      held.signal,
    );
  }
  return held.value;

  /**
   * Secrets files in the project that a repository holding it would take in: said plainly, before any git step. Only
   * a folder that held files of the user's, or a project with such a file, can have one: others need no git at all.
   */
  async function warnAboutSecrets(): Promise<void> {
    if (plan.target !== 'existing' && ![...files.keys()].some(isSecretsFile)) return;
    const exposed = await unignoredSecrets(options.directory, env);
    if (!exposed || exposed.length === 0) return;
    const repository = await repositoryOf(options.directory, env);
    warn(
      `${exposed.join(', ')} in ${options.directory} can hold secrets (your API key) and the git repository at ` +
        `${repository ?? 'a folder above'} does not ignore ${exposed.length === 1 ? 'it' : 'them'}: add ` +
        `${exposed.length === 1 ? 'it' : 'them'} to its .gitignore before you commit.`,
    );
  }

  /** Where the key was saved and what git makes of that file, for the report. */
  async function noteKeyFile(): Promise<void> {
    if (!files.has('.env')) return;
    const exposed = await unignoredSecrets(options.directory, env);
    keyFile = {
      path: '.env',
      git: exposed === undefined ? 'no repository' : exposed.includes('.env') ? 'not ignored' : 'ignored',
    };
  }

  async function gitStep(
    stopped: () => NodeJS.Signals | undefined,
    stop: (where: string, retry: string | undefined) => CancelError,
  ): Promise<void> {
    hooks.onStep?.('Making a git repository');
    const commitable = await hasGitIdentity(options.directory);
    let exposed: string[] = [];
    for (const command of git.commands) {
      if (stopped())
        throw stop(`while making the git repository. The project is in ${options.directory}.`, finish('git'));
      if (command.args[0] === 'commit' && !commitable) {
        warn('No first commit: git does not know your name and email yet (git config --global user.email ...).');
        record(command, 'skipped', 'git user.email is not set');
        continue;
      }
      // Never stage a secret: any .env in the folder (this run's, or one the user had) that the repository's
      // .gitignore does not cover. Then neither add nor commit.
      if (exposed.length === 0 && command.args[0] === 'add') {
        exposed = (await unignoredSecrets(options.directory, env)) ?? [];
        if (exposed.length > 0) {
          warn(
            `No first commit: .gitignore does not ignore ${exposed.join(', ')}, which can hold secrets (your API ` +
              'key). Add it to .gitignore, then commit.',
          );
        }
      }
      if (exposed.length > 0) {
        record(command, 'skipped', `${exposed.join(', ')} not ignored`);
        continue;
      }
      interrupt = new AbortController();
      const run = await runGit(command, { env, signal: interrupt.signal });
      if (stopped() || run.cancelled) {
        throw stop(`while making the git repository. The project is in ${options.directory}.`, finish('git'));
      }
      if (!run.ok) {
        throw new StepError(
          `${formatCommand(command)} failed: ${run.reason}. The project is in ${options.directory}.`,
          finish('git'),
        );
      }
      record(command, 'ran');
    }
  }
}
