// The git step: a new repository with a first commit, where DESIGN says: asked for, or git exists and the project
// is not inside a repository already. Every git command runs with the variables that point git at another repository
// (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE..., set by hooks, vcsh or yadm) taken out, so the repository is the project's.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type RunResult, runCommand } from '../shared/command.js';
import type { Command } from '../types.js';

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
