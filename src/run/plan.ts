// plan: every decision of a run, made once and before anything is done: the files, the directory's state, whether
// each step (verify, write, install, git) runs, with its reason, and the warnings. It reads the world (the directory,
// git's view of it) and writes nothing, so --dry-run prints it and --json serialises it as it is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from '../project/render.js';
import type { Command, FileMap, ProjectOptions } from '../types.js';
import { checkOptions } from './check-options.js';
import { gitCommands, nearestExisting, reasonToSkipGit, withKeyIgnored } from './git.js';
import { installCommand } from './install.js';
import { warningsFor } from './warnings.js';
import { checkDirectory, type DirectoryState } from './write.js';

export type StepName = 'provision' | 'verify' | 'write' | 'install' | 'git';

export interface Step {
  readonly name: StepName;
  /** Whether the step runs (in a dry run: would run). */
  readonly run: boolean;
  /** Why it runs or is skipped, in a few words; '' when there is nothing to say. */
  readonly reason: string;
  readonly commands: readonly Command[];
}

export interface Plan {
  readonly options: ProjectOptions;
  readonly files: FileMap;
  /** The directory before the write: absent, empty, or holding files of the user's (--overwrite). */
  readonly directoryState: DirectoryState;
  readonly steps: readonly Step[];
  /** The templates the files were rendered from (built-in when undefined): --provision renders again with Azure's endpoint. */
  readonly templatesDir?: string;
  /** What the user should know before anything is written, and what planning changed (a rule added to .gitignore). */
  readonly warnings: readonly string[];
}

export async function plan(options: ProjectOptions, templatesDir?: string): Promise<Plan> {
  checkOptions(options);
  const { files, note } = withKeyIgnored(await render(options, templatesDir), theirGitignore(options.directory));
  const directoryState = await checkDirectory(options.directory, filesToWrite(options, files), options.overwrite);
  const steps: Step[] = [
    ...(options.provision ? [await provisionStep(options)] : []),
    {
      name: 'verify',
      run: options.verify,
      reason: options.verify ? '--verify' : 'not asked for',
      commands: options.verify ? await verifyCommands(options) : [],
    },
    { name: 'write', run: true, reason: writeReason(directoryState), commands: [] },
    {
      name: 'install',
      run: options.install,
      reason: options.install ? '' : '--no-install',
      commands: [installCommand(options.packageManager, options.directory)],
    },
    { name: 'git', ...(await gitDecision(options, directoryState)), commands: gitCommands(options.directory) },
  ];
  return {
    options,
    files,
    directoryState,
    steps,
    warnings: [...warningsFor(options), ...(note ? [note] : [])],
    ...(templatesDir === undefined ? {} : { templatesDir }),
  };
}

/** The .gitignore already in the directory, if any: the project's rules when the template writes none. */
function theirGitignore(directory: string): string | undefined {
  try {
    return readFileSync(join(directory, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
}

// --- provisioning ---
/** The files the run writes: with --provision and key auth, also the .env of the key that az gives only later. */
function filesToWrite(options: ProjectOptions, files: FileMap): FileMap {
  if (!options.provision || options.auth !== 'key' || files.has('.env')) return files;
  return new Map([...files, ['.env', { contents: '', mode: 0o600 }]]);
}
/** --provision: the az commands that create what is missing (all of them in a dry run, where nothing is read). */
async function provisionStep(options: ProjectOptions): Promise<Step> {
  const p = options.provision as NonNullable<ProjectOptions['provision']>;
  const { creationCommands, reuseNote } = await import('../azure/provision/run.js');
  const commands = creationCommands(p, options.auth === 'key');
  return { name: 'provision', run: commands.length > 0, reason: reuseNote(p), commands };
}
// --- end of provisioning ---

/** The az commands --verify runs; the Azure CLI's module loads only for a run that asks for them. */
async function verifyCommands(options: ProjectOptions): Promise<Command[]> {
  if (options.provision)
    return (await import('../azure/provision/verify.js')).verifyCommands(options.provision, options.auth);
  const { azCommands } = await import('../azure/az.js');
  return [
    azCommands.resources(),
    azCommands.deployments({ name: options.resource ?? '<resource>', resourceGroup: '<its group>' }),
  ];
}

function writeReason(state: DirectoryState): string {
  if (state === 'absent') return 'a new folder';
  if (state === 'empty') return 'an empty folder';
  return '--overwrite: files of the same name are replaced, nothing is deleted';
}

/** --git runs it, --no-git skips it; otherwise it runs where git is installed and the folder is not in a repository. */
async function gitDecision(options: ProjectOptions, state: DirectoryState): Promise<{ run: boolean; reason: string }> {
  if (options.git === false) return { run: false, reason: 'not asked for' };
  if (options.git === true) return { run: true, reason: '--git' };
  if (state === 'existing') return { run: false, reason: 'the folder already held files of yours' };
  const skip = await reasonToSkipGit(nearestExisting(options.directory));
  return skip
    ? { run: false, reason: skip }
    : { run: true, reason: 'git is installed and the folder is not in a repository' };
}
