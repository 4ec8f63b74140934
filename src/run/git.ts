// git for the project: a new repository with a first commit, when asked for, or when git exists and the project is
// not inside a repository already (plan.ts decides, steps.ts runs it). Every git command runs with the variables that
// point git at another repository (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE..., set by hooks, vcsh or yadm) taken out,
// so the repository is the project's.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type RunResult, runCommand } from '../shared/command.js';
import type { Command, FileMap } from '../types.js';

export const COMMIT_MESSAGE = 'Initial commit from create-azure-inference-app';

export function gitCommands(cwd: string): Command[] {
  return [
    { command: 'git', args: ['init', '--quiet'], cwd },
    { command: 'git', args: ['add', '--all'], cwd },
    { command: 'git', args: ['commit', '--quiet', '--message', COMMIT_MESSAGE], cwd },
  ];
}

/**
 * What `git rev-parse --local-env-vars` lists (the variables git itself clears before working in another repository),
 * and the rest that move a repository, its index or its objects elsewhere.
 */
const REDIRECTING = new Set([
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_QUARANTINE_PATH',
]);

/** The environment git runs with: this process's, without what would point it at another repository. */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || REDIRECTING.has(name) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/** Runs a git command (captured) in the project's own repository. */
export function runGit(
  command: Command,
  options: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): Promise<RunResult> {
  return runCommand(command, 'capture', {
    env: gitEnvironment(options.env),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Why the automatic git step is skipped here, or undefined when it should run. */
export async function reasonToSkipGit(cwd: string): Promise<string | undefined> {
  const inside = await runGit({ command: 'git', args: ['rev-parse', '--is-inside-work-tree'], cwd });
  if (inside.reason?.includes('not found')) return 'git is not installed';
  if (inside.ok && inside.stdout?.trim() === 'true') return 'the folder is already inside a git repository';
  return undefined;
}

/** Whether git knows who is committing; without it the commit would fail. */
export async function hasGitIdentity(cwd: string): Promise<boolean> {
  const email = await runGit({ command: 'git', args: ['config', 'user.email'], cwd });
  return email.ok && (email.stdout ?? '').trim() !== '';
}

/** A file of secrets by its name: .env, .env.local, .env.production...; not the examples meant to be committed. */
export function isSecretsFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /^\.env(\..+)?$/.test(name) && !/^\.env\.(example|sample|template|dist)$/.test(name);
}

/**
 * The secrets files (see isSecretsFile) under `cwd` that the repository holding it would take in with `git add --all`:
 * untracked and not ignored. Undefined when no repository holds `cwd` (or git is missing).
 */
export async function unignoredSecrets(cwd: string, env?: NodeJS.ProcessEnv): Promise<string[] | undefined> {
  const listed = await runGit(
    { command: 'git', args: ['ls-files', '-z', '--others', '--exclude-standard', '--', '.'], cwd },
    env ? { env } : {},
  );
  if (!listed.ok) return undefined;
  return (listed.stdout ?? '').split('\0').filter((path) => path !== '' && isSecretsFile(path));
}

/** The top folder of the repository holding `cwd`, if any. */
export async function repositoryOf(cwd: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const top = await runGit({ command: 'git', args: ['rev-parse', '--show-toplevel'], cwd }, env ? { env } : {});
  return top.ok ? (top.stdout ?? '').trim() || undefined : undefined;
}

/** The nearest folder at or above `path` that exists: where git can be asked about a project not written yet. */
export function nearestExisting(path: string): string {
  for (let dir = path; ; dir = dirname(dir)) {
    try {
      readdirSync(dir);
      return dir;
    } catch {
      if (dirname(dir) === dir) return dir;
    }
  }
}

/** Whether a gitignore pattern (no `!`, trimmed) matches a file named `.env` beside the .gitignore. */
function matchesEnvFile(pattern: string): boolean {
  if (pattern.endsWith('/')) return false; // folders only
  const path = pattern.replace(/^\//, '').replace(/^\*\*\//, '');
  if (path.includes('/')) return false; // a deeper path
  let source = '';
  for (let i = 0; i < path.length; i++) {
    const char = path[i] as string;
    if (char === '\\') source += (path[++i] ?? '').replace(/[^\w]/g, '\\$&');
    else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = path.indexOf(']', i + 2);
      if (end < 0) return false;
      source += `[${path
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\')}]`;
      i = end;
    } else source += char.replace(/[^\w]/g, '\\$&');
  }
  try {
    return new RegExp(`^${source}$`).test('.env');
  } catch {
    return false;
  }
}

/** Whether a project's root .gitignore makes git ignore the .env beside it: the last rule that matches it decides. */
export function ignoresEnvFile(gitignore: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (matchesEnvFile(negated ? line.slice(1) : line)) ignored = !negated;
  }
  return ignored;
}

/**
 * The files, with a .gitignore that ignores .env whenever the key is written there: the project's own rule is what
 * keeps the key out of any repository that holds the project, a parent's included, so where the template's
 * .gitignore (or, for a folder of the user's that the template gives none, theirs) does not cover .env, a rule is
 * added, and `note` says so.
 */
export function withKeyIgnored(files: FileMap, theirs: string | undefined): { files: FileMap; note?: string } {
  if (!files.has('.env')) return { files };
  const ours = files.get('.gitignore');
  const current = ours ? Buffer.from(ours.contents).toString('utf8') : theirs;
  if (current !== undefined && ignoresEnvFile(current)) return { files };
  const contents = `${current === undefined || current === '' || current.endsWith('\n') ? (current ?? '') : `${current}\n`}.env\n`;
  const note =
    ours !== undefined
      ? "Added .env to .gitignore: the template's .gitignore did not ignore it, and .env holds your API key."
      : current !== undefined
        ? 'Added .env to your .gitignore (.env holds your API key); --overwrite keeps a copy of the file it had.'
        : 'Added a .gitignore that ignores .env: the template has none, and .env holds your API key.';
  return { files: new Map(files).set('.gitignore', { ...(ours ?? {}), contents }), note };
}
