// writeProject: puts a FileMap on disk without touching what the user had. Files are staged in a hidden folder where
// a rename into the directory cannot cross a file system: inside the directory when it exists (it may be a mount point, or
// sit in a read-only parent), beside it when it does not. They are then moved in; on failure or a stop before the move
// only what this run made is removed. The event loop turns between two files, so a signal is seen between them.
// `--overwrite` keeps a copy of every file it replaces, and merges a .env: the user's other lines stay.
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { stagingPrefix } from '../shared/names.js';
import type { FileMap } from '../types.js';
import { turn } from './signals.js';

/** What the directory is before writing: absent, an empty folder, or a folder with files (allowed by --overwrite). */
export type DirectoryState = 'absent' | 'empty' | 'existing';

/** Checks the directory can take the files; throws UsageError (nothing written) when it cannot. */
export async function checkDirectory(directory: string, files: FileMap, overwrite: boolean): Promise<DirectoryState> {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(directory, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
    throw new UsageError(`${directory}: a folder on the way there is a file: choose another directory.`);
  }
  if (!stats) return 'absent';
  // Not followed: the files would land somewhere the path does not name.
  if (stats.isSymbolicLink()) {
    throw new UsageError(`${directory} is a symbolic link: give the folder it points to, or another directory.`);
  }
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

/** Where `--overwrite` keeps the files it replaced, inside the directory: a new folder a run, named by its time. */
export const BACKUP_PREFIX = '.create-azure-inference-app-backup-';
/** The prefix of a staging folder (inside an existing directory, or `.<name>-` beside an absent one). */
export const STAGING_PREFIX = '.create-azure-inference-app-staging-';

/** Thrown when a stop (a signal) is asked for before anything was moved in: nothing of the project is left. */
export class WriteStopped extends Error {
  override readonly name = 'WriteStopped';
}

export interface WriteHooks {
  /** Called when every file is staged and none moved yet: where another run can get in first. */
  readonly staged?: () => Promise<void>;
  /** Asked between files while staging: true stops the write, removing what it made (WriteStopped). */
  readonly stopped?: () => unknown;
}

export interface Written {
  /** The folder holding copies of the files the write replaced (none: undefined), and their paths. */
  readonly backup?: { readonly folder: string; readonly files: readonly string[] };
}

/** Where the project is staged: inside the directory when it exists, beside it otherwise. */
export function stagingParent(directory: string, state: DirectoryState): string {
  return state === 'absent' ? dirname(directory) : directory;
}

/**
 * Writes the files; with state 'existing' replaces only files of the same path, keeping a copy of each, and merges a
 * .env with the user's. Restores everything on failure.
 */
export async function writeProject(
  directory: string,
  files: FileMap,
  state: DirectoryState,
  hooks: WriteHooks = {},
): Promise<Written> {
  const parent = dirname(directory);
  const madeParent = state === 'absent' ? mkdirSync(parent, { recursive: true }) : undefined;
  let stage: string | undefined;
  try {
    const inside = stagingParent(directory, state);
    stage = mkdtempSync(join(inside, state === 'absent' ? stagingPrefix(basename(directory)) : STAGING_PREFIX));
    // The project is built in a folder made with mkdir inside the (private) temp folder, so it gets the user's
    // usual permissions when it is moved into place.
    const project = join(stage, 'project');
    mkdirSync(project);
    await writeFiles(project, state === 'existing' ? mergedEnv(directory, files) : files, hooks.stopped);
    await hooks.staged?.();
    if (hooks.stopped?.()) throw new WriteStopped('stopped before the project was moved in');
    if (state === 'absent') {
      // One rename makes the whole project appear at once. It fails if someone else created the directory meanwhile.
      renameSync(project, directory);
      return {};
    }
    return moveInto(project, directory, files);
  } finally {
    if (stage) removeStage(stage);
    if (madeParent) removeEmptyFolders(parent, madeParent);
  }
}

/** The files, with a .env that keeps the user's other lines when the directory already has one. */
function mergedEnv(directory: string, files: FileMap): FileMap {
  const ours = files.get('.env');
  if (!ours) return files;
  let theirs: string;
  try {
    theirs = readFileSync(join(directory, '.env'), 'utf8');
  } catch {
    return files;
  }
  return new Map(files).set('.env', { ...ours, contents: mergeEnvFiles(theirs, String(ours.contents)) });
}

/**
 * A .env from the user's and ours: their lines in their order, a variable we set taking the place of theirs; ours
 * that they did not have (and our comment) added at the end. Each of their lines keeps its line ending (a CRLF file
 * stays CRLF, a mixed one mixed); lines of ours take the ending their file uses first, and the file ends with one.
 */
export function mergeEnvFiles(theirs: string, ours: string): string {
  const variable = (line: string) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
  const ourLines = ours.split('\n').filter((line) => line !== '');
  const ourValues = new Map(ourLines.flatMap((line) => (variable(line) ? [[variable(line), line] as const] : [])));
  const eol = /\r?\n/.exec(theirs)?.[0] ?? '\n';
  const used = new Set<string>();
  const lines = theirs.trim() === '' ? [] : theirs.split(/(?<=\n)/);
  const merged = lines.flatMap((piece) => {
    const ending = /\r?\n$/.exec(piece)?.[0] ?? '';
    const line = piece.slice(0, piece.length - ending.length);
    const name = variable(line);
    if (name === undefined || !ourValues.has(name)) return [{ line, ending }];
    if (used.has(name)) return []; // a variable set twice: ours once, where their first one was
    used.add(name);
    return [{ line: ourValues.get(name) as string, ending }];
  });
  const missing = ourLines.filter((line) => variable(line) !== undefined && !used.has(variable(line) as string));
  // Our comment comes along only with variables of ours that are new to the file.
  const added =
    missing.length === 0 ? [] : ourLines.filter((line) => variable(line) === undefined || missing.includes(line));
  return [...merged, ...added.map((line) => ({ line, ending: eol }))]
    .map(({ line, ending }) => line + (ending || eol))
    .join('');
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

async function writeFiles(root: string, files: FileMap, stopped: (() => unknown) | undefined): Promise<void> {
  const folders = new Set([...files.keys()].map((path) => dirname(join(root, path))));
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const [path, entry] of files) {
    if (stopped?.()) throw new WriteStopped('stopped while writing the project');
    const destination = join(root, path);
    // 'wx' creates the file fresh, so its mode applies; chmod then undoes the umask.
    writeFileSync(destination, entry.contents, { flag: 'wx', mode: entry.mode ?? 0o644 });
    chmodSync(destination, entry.mode ?? 0o644);
    // A signal that arrived meanwhile reaches its listener before the next file. The writes themselves are
    // synchronous: asynchronous ones would start libuv's thread pool (and node:fs/promises load its modules), which
    // costs a run more than all the files it writes.
    await turn();
  }
}

/**
 * A new folder for this run's copies of replaced files, made by mkdtemp directly in the project: never one that was
 * there (a link to elsewhere, or a folder of someone else's), so the copies stay in the project. Its real path is
 * returned, for the report. A .gitignore of `*` inside keeps the copies (an old .env among them) out of any
 * repository, this one included.
 */
function makeBackupFolder(directory: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const folder = mkdtempSync(join(directory, `${BACKUP_PREFIX}${stamp}-`));
  writeFileSync(join(folder, '.gitignore'), '*\n', { flag: 'wx' });
  return realpathSync(folder);
}

/**
 * Moves staged files into an existing folder. A file it replaces is moved into a backup folder first; if a move fails
 * the replaced files go back and the backup folder goes; otherwise the backup stays, and is returned.
 */
function moveInto(stage: string, directory: string, files: FileMap): Written {
  const replacing = [...files.keys()].filter((path) => lstatSync(join(directory, path), { throwIfNoEntry: false }));
  const backup = replacing.length > 0 ? makeBackupFolder(directory) : undefined;
  const moved: string[] = [];
  const replaced: string[] = [];
  const madeFolders: string[] = [];
  try {
    for (const path of files.keys()) {
      const destination = join(directory, path);
      const made = mkdirSync(dirname(destination), { recursive: true });
      if (made) madeFolders.push(made);
      const existing = lstatSync(destination, { throwIfNoEntry: false });
      // checkDirectory allowed only files here; anything else appeared since, and is not ours to move.
      if (existing && !existing.isFile()) throw new Error(`${destination} appeared while writing and is not a file`);
      if (existing) {
        if (!backup) throw new Error(`${destination} appeared while writing`);
        mkdirSync(dirname(join(backup, path)), { recursive: true });
        renameSync(destination, join(backup, path));
        replaced.push(path);
      }
      renameSync(join(stage, path), destination);
      moved.push(path);
    }
  } catch (error) {
    try {
      for (const path of moved) rmSync(join(directory, path), { force: true });
      for (const path of replaced) renameSync(join(backup as string, path), join(directory, path));
      for (const folder of madeFolders.reverse()) rmSync(folder, { recursive: true, force: true });
    } catch (restoreError) {
      // Never delete the only copy of a user's file: leave the backup and say where it is.
      throw new Error(`Writing failed and your replaced files could not all be put back; they are in ${backup}`, {
        cause: restoreError,
      });
    }
    if (backup) rmSync(backup, { recursive: true, force: true });
    throw error;
  }
  return backup ? { backup: { folder: backup, files: replaced } } : {};
}
