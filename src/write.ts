// writeProject: puts a FileMap on disk without touching what the user had. Files are staged in a temp folder beside
// the target (same file system, so moves are renames) and moved in; on failure only what this run made is removed.
import { chmod, lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.js';
import type { FileMap } from './render.js';

/** What the target is before writing: absent, an empty folder, or a folder with files (allowed by --overwrite). */
export type TargetState = 'absent' | 'empty' | 'existing';

/** Checks the target can take the files; throws UsageError (nothing written) when it cannot. */
export async function checkTarget(directory: string, files: FileMap, overwrite: boolean): Promise<TargetState> {
  const stats = await lstat(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
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
    const clash = await firstClash(directory, path);
    if (clash) throw new UsageError(`Cannot write ${path}: ${clash} in ${directory} is in the way.`);
  }
  return 'existing';
}

/** Whether a folder holds anything of the user's: a fresh clone of an empty repository (only .git) does not. */
export async function holdsUserFiles(directory: string): Promise<boolean> {
  const entries = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return [];
    throw error;
  });
  return entries.some((name) => name !== '.git');
}

/** A part of `path` under `root` that exists with the wrong type (a file where a folder must go, or the reverse). */
async function firstClash(root: string, path: string): Promise<string | undefined> {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const part = parts.slice(0, i).join('/');
    const stats = await lstat(join(root, part)).catch(() => undefined);
    if (!stats) return undefined;
    const mustBeFolder = i < parts.length;
    if (mustBeFolder ? !stats.isDirectory() : !stats.isFile()) return part;
  }
  return undefined;
}

/** Writes the files; with state 'existing' replaces only files of the same path. Restores everything on failure. */
export async function writeProject(directory: string, files: FileMap, state: TargetState): Promise<void> {
  const parent = dirname(directory);
  const madeParent = await mkdir(parent, { recursive: true });
  let stage: string | undefined;
  try {
    stage = await mkdtemp(join(parent, `.${basename(directory)}-`));
    // The project is built in a folder made with mkdir inside the (private) temp folder, so it gets the user's
    // usual permissions when it is moved into place.
    const project = join(stage, 'project');
    await mkdir(project);
    await writeFiles(project, files);
    if (state === 'absent') {
      // One rename makes the whole project appear at once. It fails if someone else created the target meanwhile.
      await rename(project, directory);
    } else {
      await moveInto(project, directory, files);
    }
  } finally {
    if (stage) await rm(stage, { recursive: true, force: true });
    if (madeParent) await removeEmptyFolders(parent, madeParent);
  }
}

/**
 * Removes `from` and its parents up to and including `upTo` while they are empty: after a failure, the folders this run
 * made; after success, nothing (the project is in them). Another run may be using them, so never recursively.
 */
async function removeEmptyFolders(from: string, upTo: string): Promise<void> {
  for (let folder = from; folder.startsWith(upTo); folder = dirname(folder)) {
    const removed = await rmdir(folder).then(
      () => true,
      () => false,
    );
    if (!removed || folder === upTo) return;
  }
}

async function writeFiles(root: string, files: FileMap): Promise<void> {
  const folders = new Set([...files.keys()].map((path) => dirname(join(root, path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await Promise.all(
    [...files].map(async ([path, entry]) => {
      const target = join(root, path);
      // 'wx' creates the file fresh, so its mode applies; chmod then undoes the umask.
      await writeFile(target, entry.contents, { flag: 'wx', mode: entry.mode ?? 0o644 });
      await chmod(target, entry.mode ?? 0o644);
    }),
  );
}

/** Moves staged files into an existing folder, keeping replaced files aside until all moves have succeeded. */
async function moveInto(stage: string, directory: string, files: FileMap): Promise<void> {
  const backup = await mkdtemp(join(dirname(directory), `.${basename(directory)}-replaced-`));
  const moved: string[] = [];
  const replaced: string[] = [];
  const madeFolders: string[] = [];
  try {
    for (const path of files.keys()) {
      const target = join(directory, path);
      const made = await mkdir(dirname(target), { recursive: true });
      if (made) madeFolders.push(made);
      const existing = await lstat(target).catch(() => undefined);
      // checkTarget allowed only files here; anything else appeared since, and is not ours to move.
      if (existing && !existing.isFile()) throw new Error(`${target} appeared while writing and is not a file`);
      if (existing) {
        await mkdir(dirname(join(backup, path)), { recursive: true });
        await rename(target, join(backup, path));
        replaced.push(path);
      }
      await rename(join(stage, path), target);
      moved.push(path);
    }
  } catch (error) {
    try {
      for (const path of moved) await rm(join(directory, path), { force: true });
      for (const path of replaced) await rename(join(backup, path), join(directory, path));
      for (const folder of madeFolders.reverse()) await rm(folder, { recursive: true, force: true });
    } catch (restoreError) {
      // Never delete the only copy of a user's file: leave the backup and say where it is.
      throw new Error(`Writing failed and your replaced files could not all be put back; they are in ${backup}`, {
        cause: restoreError,
      });
    }
    await rm(backup, { recursive: true, force: true });
    throw error;
  }
  await rm(backup, { recursive: true, force: true });
}
