// The steps of a run, one function each, in the order a plan lists them. Each takes the plan's step and the fields of
// the run it needs, and gives back what it changed (--provision: the options and files; the write: what it wrote).
// A step that is not to run records its commands as skipped. execute.ts runs them and works out what is left.
import { formatCommand, runCommand } from '../shared/command.js';
import { StepError } from '../shared/errors.js';
import type { Command } from '../types.js';
import type { RunState, StepContext, StepRunner } from './context.js';
import { hasGitIdentity, isSecretsFile, repositoryOf, runGit, unignoredSecrets } from './git.js';
import { installEnvironment, readPackageManagerConfigs } from './install.js';
import type { Step, StepName } from './plan.js';
import { WriteStopped, writeProject } from './write.js';

export const STEPS: Readonly<Record<StepName, StepRunner>> = {
  // Provisioning loads the Azure CLI's modules only for a run that asks for it.
  provision: async (step, context) => (await import('./provision.js')).provisionStep(step, context),
  verify: verifyStep,
  write: writeStep,
  install: installStep,
  git: gitStep,
};

function skip(step: Step, { record }: Pick<StepContext, 'record'>): undefined {
  for (const command of step.commands) record(command, 'skipped', step.reason);
  return undefined;
}

/** --verify: the resource and deployment exist (with --provision: Azure takes the new key or token). */
async function verifyStep(
  step: Step,
  context: Pick<StepContext, 'options' | 'accessEndpoint' | 'onStep' | 'record' | 'fail'>,
): Promise<undefined> {
  if (!step.run) return skip(step, context);
  const { options, onStep } = context;
  const [{ verifyAzure }, { azRunner }] = await Promise.all([import('../azure/verify.js'), import('../azure/az.js')]);
  onStep(
    options.provision && options.auth === 'entra'
      ? 'Checking the deployment, and that Azure takes your Microsoft Entra token (a new role can take minutes)'
      : 'Checking the resource and deployment with the Azure CLI',
  );
  try {
    if (options.provision) {
      const { verifyProvisioned } = await import('../azure/provision/verify.js');
      const endpoint = context.accessEndpoint ?? options.endpoint;
      await verifyProvisioned(options.provision, endpoint, options.auth, azRunner(60_000), {
        onWait: (reason, seconds) =>
          onStep(`Azure refuses the token for now (${reason}); asking again (${seconds} s so far)`),
      });
    } else {
      await verifyAzure(options, azRunner());
    }
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    throw context.fail(error.message, error);
  }
  for (const command of step.commands) context.record(command, 'ran', step.reason);
  return undefined;
}

async function writeStep(
  _step: Step,
  context: Pick<StepContext, 'plan' | 'options' | 'files' | 'env' | 'onStep' | 'warn' | 'stopped' | 'stop' | 'fail'>,
): Promise<Partial<RunState>> {
  const { options, files } = context;
  context.onStep(`Writing ${files.size} files to ${options.directory}`);
  try {
    const written = await writeProject(options.directory, files, context.plan.directoryState, {
      stopped: context.stopped,
    });
    await warnAboutSecrets(context);
    return { written };
  } catch (error) {
    if (error instanceof WriteStopped) {
      throw context.stop(`while writing the project: nothing was written to ${options.directory}.`);
    }
    if (!(error as NodeJS.ErrnoException).code) throw error;
    // writeProject leaves nothing of the project behind; say what the file system said, plainly.
    throw context.fail(
      `Could not write the project to ${options.directory}: ${(error as Error).message}. Nothing was left behind.`,
      error,
    );
  }
}

/**
 * Secrets files in the project that a repository holding it would take in: said plainly, before any git step. Only
 * a folder that held files of the user's, or a project with such a file, can have one: others need no git at all.
 */
async function warnAboutSecrets({
  plan,
  options,
  files,
  env,
  warn,
}: Pick<StepContext, 'plan' | 'options' | 'files' | 'env' | 'warn'>): Promise<void> {
  if (plan.directoryState !== 'existing' && ![...files.keys()].some(isSecretsFile)) return;
  const exposed = await unignoredSecrets(options.directory, env);
  if (!exposed || exposed.length === 0) return;
  const repository = await repositoryOf(options.directory, env);
  const them = exposed.length === 1 ? 'it' : 'them';
  warn(
    `${exposed.join(', ')} in ${options.directory} can hold secrets (your API key) and the git repository at ` +
      `${repository ?? 'a folder above'} does not ignore ${them}: add ${them} to its .gitignore before you commit.`,
  );
}

async function installStep(
  step: Step,
  context: Pick<
    StepContext,
    'options' | 'hooks' | 'env' | 'onStep' | 'record' | 'stopped' | 'signal' | 'stop' | 'fail'
  >,
): Promise<undefined> {
  if (!step.run) return skip(step, context);
  const { options, hooks, env } = context;
  const [command] = step.commands as [Command];
  const progress = hooks.installProgress;
  if (progress) progress.start(formatCommand(command));
  else context.onStep(`Installing dependencies with ${formatCommand(command)}`);
  // Ctrl-C reaches the package manager too; the run then stops it and says how to finish, keeping the project.
  const run = await runCommand(command, progress ? (line) => progress.line(line) : (hooks.output ?? 'inherit'), {
    env: installEnvironment(env, readPackageManagerConfigs(env)),
    signal: context.signal,
  });
  progress?.stop(run.ok);
  if (context.stopped() || run.cancelled) {
    throw context.stop(`while installing dependencies. The project is in ${options.directory}.`);
  }
  if (!run.ok) {
    throw context.fail(`Installing dependencies failed: ${run.reason}. The project is in ${options.directory}.`);
  }
  context.record(command, 'ran');
  return undefined;
}

async function gitStep(
  step: Step,
  context: Pick<StepContext, 'options' | 'env' | 'onStep' | 'record' | 'warn' | 'stopped' | 'signal' | 'stop' | 'fail'>,
): Promise<undefined> {
  const { options, env, record, warn } = context;
  if (!step.run) {
    if (options.git === 'auto') context.onStep(`No git repository: ${step.reason}`);
    return skip(step, context);
  }
  context.onStep('Making a git repository');
  const where = `while making the git repository. The project is in ${options.directory}.`;
  const commitable = await hasGitIdentity(options.directory);
  let exposed: string[] = [];
  for (const command of step.commands) {
    if (context.stopped()) throw context.stop(where);
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
    const run = await runGit(command, { env, signal: context.signal });
    if (context.stopped() || run.cancelled) throw context.stop(where);
    if (!run.ok) {
      throw context.fail(`${formatCommand(command)} failed: ${run.reason}. The project is in ${options.directory}.`);
    }
    record(command, 'ran');
  }
  return undefined;
}
