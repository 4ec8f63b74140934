// writeProject: puts a FileMap on disk without touching what the user had. Files are staged in a temp folder beside
// the target (same file system, so moves are renames) and moved in; on failure only what this run made is removed.
// The file system is used synchronously: a project is a few small files, and a run has nothing else to do meanwhile.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { FileMap } from '../types.js';

/** What the target is before writing: absent, an empty folder, or a folder with files (allowed by --overwrite). */
export type TargetState = 'absent' | 'empty' | 'existing';

/** Checks the target can take the files; throws UsageError (nothing written) when it cannot. */
export async function checkTarget(directory: string, files: FileMap, overwrite: boolean): Promise<TargetState> {
  const stats = lstatSync(directory, { throwIfNoEntry: false });
  if (!stats) return 'absent';
  if (!stats.isDirectory()) throw new UsageError(`${directory} exists and is not a folder: choose another directory.`);
  if (!(await holdsUserFiles(directory))) return 'empty';
  if (!overwrite) {
    throw new UsageError(
      `${directory} is not empty. Choose another directory, or pass --overwrite to write the template's files into it ` +
        '(files of the same name are replaced; nothing is deleted).',
    );
  }
  for (const path of files.keys()) {
    const clash = firstClash(directory, path);
    if (clash) throw new UsageError(`Cannot write ${path}: ${clash} in ${directory} is in the way.`);
  }
  return 'existing';
}

/** Whether a folder holds anything of the user's: a fresh clone of an empty repository (only .git) does not. */
export async function holdsUserFiles(directory: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      return false;
    }
    throw error;
  }
  return entries.some((name) => name !== '.git');
}

/** A part of `path` under `root` that exists with the wrong type (a file where a folder must go, or the reverse). */
function firstClash(root: string, path: string): string | undefined {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const part = parts.slice(0, i).join('/');
    const stats = lstatSync(join(root, part), { throwIfNoEntry: false });
    if (!stats) return undefined;
    const mustBeFolder = i < parts.length;
    if (mustBeFolder ? !stats.isDirectory() : !stats.isFile()) return part;
  }
  return undefined;
}

export interface WriteHooks {
  /** Called when every file is staged and none moved yet: where another run can get in first. */
  readonly staged?: () => Promise<void>;
}

/** Writes the files; with state 'existing' replaces only files of the same path. Restores everything on failure. */
export async function writeProject(
  directory: string,
  files: FileMap,
  state: TargetState,
  hooks: WriteHooks = {},
): Promise<void> {
  const parent = dirname(directory);
  const madeParent = mkdirSync(parent, { recursive: true });
  let stage: string | undefined;
  try {
    stage = mkdtempSync(join(parent, `.${basename(directory)}-`));
    // The project is built in a folder made with mkdir inside the (private) temp folder, so it gets the user's
    // usual permissions when it is moved into place.
    const project = join(stage, 'project');
    mkdirSync(project);
    writeFiles(project, files);
    await hooks.staged?.();
    if (state === 'absent') {
      // One rename makes the whole project appear at once. It fails if someone else created the target meanwhile.
      renameSync(project, directory);
    } else {
      moveInto(project, directory, files);
    }
  } finally {
    if (stage) removeStage(stage);
    if (madeParent) removeEmptyFolders(parent, madeParent);
  }
}

/** After the project moved out the staging folder is empty, and rmdir is enough; otherwise remove what is left. */
function removeStage(stage: string): void {
  try {
    rmdirSync(stage);
  } catch {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Removes `from` and its parents up to and including `upTo` while they are empty: after a failure, the folders this run
 * made; after success, nothing (the project is in them). Another run may be using them, so never recursively.
 */
function removeEmptyFolders(from: string, upTo: string): void {
  for (let folder = from; folder.startsWith(upTo); folder = dirname(folder)) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
    if (folder === upTo) return;
  }
}

function writeFiles(root: string, files: FileMap): void {
  const folders = new Set([...files.keys()].map((path) => dirname(join(root, path))));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const [path, entry] of files) {
    const target = join(root, path);
    // 'wx' creates the file fresh, so its mode applies; chmod then undoes the umask.
    writeFileSync(target, entry.contents, { flag: 'wx', mode: entry.mode ?? 0o644 });
    chmodSync(target, entry.mode ?? 0o644);
  }
}

/** Moves staged files into an existing folder, keeping replaced files aside until all moves have succeeded. */
function moveInto(stage: string, directory: string, files: FileMap): void {
  const backup = mkdtempSync(join(dirname(directory), `.${basename(directory)}-replaced-`));
  const moved: string[] = [];
  const replaced: string[] = [];
  const madeFolders: string[] = [];
  try {
    for (const path of files.keys()) {
      const target = join(directory, path);
      const made = mkdirSync(dirname(target), { recursive: true });
      if (made) madeFolders.push(made);
      const existing = lstatSync(target, { throwIfNoEntry: false });
      // checkTarget allowed only files here; anything else appeared since, and is not ours to move.
      if (existing && !existing.isFile()) throw new Error(`${target} appeared while writing and is not a file`);
      if (existing) {
        mkdirSync(dirname(join(backup, path)), { recursive: true });
        renameSync(target, join(backup, path));
        replaced.push(path);
      }
      renameSync(join(stage, path), target);
      moved.push(path);
    }
  } catch (error) {
    try {
      for (const path of moved) rmSync(join(directory, path), { force: true });
      for (const path of replaced) renameSync(join(backup, path), join(directory, path));
      for (const folder of madeFolders.reverse()) rmSync(folder, { recursive: true, force: true });
    } catch (restoreError) {
      // Never delete the only copy of a user's file: leave the backup and say where it is.
      throw new Error(`Writing failed and your replaced files could not all be put back; they are in ${backup}`, {
        cause: restoreError,
      });
    }
    rmSync(backup, { recursive: true, force: true });
    throw error;
  }
  rmSync(backup, { recursive: true, force: true });
}
