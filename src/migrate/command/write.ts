// --write, all or nothing: every new text is first staged beside the file it replaces (same folder, so the rename
// cannot cross a file system), and only when all are staged are they renamed over those files, in one synchronous
// pass that no signal handler can interrupt. A signal or a failure while staging removes what was staged: nothing is
// changed. A rename that fails part way stops there; what was renamed is reported, the rest removed.
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { turn } from '../../run/signals.js';

export interface Change {
  /** Relative to root, with forward slashes. */
  readonly path: string;
  readonly text: string;
  /** The mode of a new file (setup-env.sh is executable); an existing file keeps its own. */
  readonly mode?: number;
  /** The text the new one was made from ('' for a new file): a file that no longer holds it is not replaced. */
  readonly before?: string;
}

export interface Applied {
  /** The paths renamed into place, in order. */
  readonly written: string[];
  /** What stopped the write, with the file it was writing. */
  readonly failure?: { readonly path: string; readonly error: Error };
  /** The first stop signal that arrived while writing. */
  readonly signal?: NodeJS.Signals;
}

/** The destination's mode to keep; undefined when there is none. Refuses anything but a regular file or nothing. */
function currentMode(destination: string): number | undefined {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(destination);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!stats.isFile()) throw new Error('it is no longer a regular file, and is not replaced');
  return stats.mode & 0o777;
}

/** Refuses a file made read-only, or changed (or removed) since it was read: the new text would undo that. */
function checkUnchanged(destination: string, change: Change, mode: number | undefined): void {
  if (mode !== undefined && (mode & 0o222) === 0) {
    throw new Error('it is read-only, and is not replaced: make it writable (chmod u+w) to let --write change it');
  }
  if (change.before === undefined) return;
  let now: string;
  try {
    now = readFileSync(destination, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    now = '';
  }
  if (now !== change.before) throw new Error('it changed since it was read, and is not replaced: run migrate again');
}

/** Whether destination's folder, resolved, is inside root (already real): a folder swapped for a link is refused. */
function insideRoot(root: string, destination: string): boolean {
  const rel = relative(root, join(realpathSync(dirname(destination)), basename(destination)));
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

export async function applyAll(
  root: string,
  changes: readonly Change[],
  stopped: () => NodeJS.Signals | undefined,
): Promise<Applied> {
  const staged: { change: Change; destination: string; temporary: string }[] = [];
  const removeStaged = (from = 0) => {
    for (const { temporary } of staged.slice(from)) rmSync(temporary, { force: true });
  };
  for (const change of changes) {
    const signal = stopped();
    if (signal) {
      removeStaged();
      return { written: [], signal };
    }
    const destination = join(root, change.path);
    const temporary = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      if (!insideRoot(root, destination)) throw new Error(`refusing to write outside ${root}`);
      const existing = currentMode(destination);
      checkUnchanged(destination, change, existing);
      const mode = existing ?? change.mode;
      staged.push({ change, destination, temporary });
      await writeFile(temporary, change.text, { flag: 'wx' });
      if (mode !== undefined) chmodSync(temporary, mode);
    } catch (error) {
      removeStaged();
      return { written: [], failure: { path: change.path, error: error as Error } };
    }
  }
  // A signal delivered while the last file was staged is seen here, before anything is renamed.
  await turn();
  const signal = stopped();
  if (signal) {
    removeStaged();
    return { written: [], signal };
  }
  const written: string[] = [];
  for (const [index, { change, destination, temporary }] of staged.entries()) {
    try {
      checkUnchanged(destination, change, currentMode(destination));
      renameSync(temporary, destination);
      written.push(change.path);
    } catch (error) {
      removeStaged(index);
      return { written, failure: { path: change.path, error: error as Error } };
    }
  }
  await turn();
  const late = stopped();
  return late ? { written, signal: late } : { written };
}
