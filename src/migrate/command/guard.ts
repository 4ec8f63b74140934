// Where a migration may work and whether --write may go ahead: the path, resolved through symbolic links, stays in the
// repository (or, outside git, the folder) that holds it; --write needs proof of a clean tree (git found, no GIT_*
// variable pointing it elsewhere, nothing uncommitted) unless --force. Every git command runs with those variables
// taken out, as the scaffolder's git step does.
import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gitEnvironment } from '../../run/git.js';
import { UsageError } from '../../shared/errors.js';

const run = promisify(execFile);

export interface Place {
  /** The real folder the migration works in. */
  readonly root: string;
  /** One file to migrate (a name in root), or undefined for the whole folder. */
  readonly file: string | undefined;
}

/** git with the variables that redirect it taken out; rejects like execFile (code ENOENT when git is missing). */
export async function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: gitEnvironment(env), maxBuffer: 256 << 20 });
  return stdout;
}

/** The top of the git work tree holding dir; undefined outside one; 'missing' when there is no git to ask. */
async function workTree(dir: string, env: NodeJS.ProcessEnv): Promise<string | undefined | 'missing'> {
  try {
    return (await git(['rev-parse', '--show-toplevel'], dir, env)).trim() || undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : undefined;
  }
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The path as typed (relative to cwd), resolved. A symbolic link is followed once, here, and only to a place inside
 * the repository that holds the link (outside git: the folder that holds it); anything else is a usage error.
 */
export async function resolvePlace(path: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Place> {
  const typed = resolve(cwd, path);
  const real = await realpath(typed).catch(() => undefined);
  const info = real === undefined ? undefined : await stat(real).catch(() => undefined);
  if (real === undefined || !info) throw new UsageError(`${path} does not exist`);
  if (!info.isDirectory() && !info.isFile()) throw new UsageError(`${path} is neither a folder nor a regular file`);
  if (real !== typed) {
    const holder = await realpath(dirname(typed));
    const tree = await workTree(holder, env);
    const boundary = tree === undefined || tree === 'missing' ? holder : await realpath(tree);
    if (!inside(boundary, real)) {
      throw new UsageError(
        `${path} leads to ${real}, outside ${tree === undefined || tree === 'missing' ? 'the folder' : 'the repository'} ${boundary}: migrate that path itself`,
      );
    }
  }
  return info.isDirectory() ? { root: real, file: undefined } : { root: dirname(real), file: basename(real) };
}

/** Names of the set variables that would point git at another repository, index or configuration. */
export function redirectingVariables(env: NodeJS.ProcessEnv): string[] {
  const kept = gitEnvironment(env);
  return Object.keys(env)
    .filter((name) => env[name] !== undefined && !(name in kept))
    .sort();
}

/**
 * Refuses --write (a usage error) when the tree cannot be shown clean: no git, GIT_* set, no repository, or uncommitted
 * changes.
 */
export async function checkCleanTree(root: string, path: string, env: NodeJS.ProcessEnv): Promise<void> {
  const redirecting = redirectingVariables(env);
  if (redirecting.length > 0) {
    throw new UsageError(
      `${redirecting.join(', ')} ${redirecting.length === 1 ? 'is' : 'are'} set, pointing git away from this folder, so uncommitted changes under ${path} cannot be checked: unset ${redirecting.length === 1 ? 'it' : 'them'}, or pass --force`,
    );
  }
  const tree = await workTree(root, env);
  if (tree === 'missing') {
    throw new UsageError(
      `git was not found on PATH, so uncommitted changes under ${path} cannot be checked: install git, or pass --force`,
    );
  }
  if (tree === undefined) {
    throw new UsageError(
      `${path} is not in a git repository, so nothing shows what --write changes or can undo it: commit it to git first (git init, git add -A, git commit), or pass --force`,
    );
  }
  const changes = (await git(['status', '--porcelain', '-z', '--', '.'], root, env)).split('\0').filter(Boolean);
  if (changes.length > 0) {
    throw new UsageError(
      `${changes.length} uncommitted change(s) under ${path}: commit or stash them first, or pass --force`,
    );
  }
}
