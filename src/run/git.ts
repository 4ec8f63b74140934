// The git step: a new repository with a first commit, where DESIGN says: asked for, or git exists and the project
// is not inside a repository already.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCommand } from '../shared/command.js';
import type { Command } from '../types.js';

export const COMMIT_MESSAGE = 'Initial commit from create-azure-inference-app';

export function gitCommands(cwd: string): Command[] {
  return [
    { command: 'git', args: ['init', '--quiet'], cwd },
    { command: 'git', args: ['add', '--all'], cwd },
    { command: 'git', args: ['commit', '--quiet', '--message', COMMIT_MESSAGE], cwd },
  ];
}

/** Why the automatic git step is skipped here, or undefined when it should run. */
export async function reasonToSkipGit(cwd: string): Promise<string | undefined> {
  const inside = await runCommand({ command: 'git', args: ['rev-parse', '--is-inside-work-tree'], cwd }, 'capture');
  if (inside.reason?.includes('not found')) return 'git is not installed';
  if (inside.ok && inside.stdout?.trim() === 'true') return 'the folder is already inside a git repository';
  return undefined;
}

/** Whether git knows who is committing; without it the commit would fail. */
export async function hasGitIdentity(cwd: string): Promise<boolean> {
  const email = await runCommand({ command: 'git', args: ['config', 'user.email'], cwd }, 'capture');
  return email.ok && (email.stdout ?? '').trim() !== '';
}

/** Whether git ignores `path` in the repository at `cwd`. */
export async function isIgnored(cwd: string, path: string): Promise<boolean> {
  return (await runCommand({ command: 'git', args: ['check-ignore', '--quiet', path], cwd }, 'capture')).ok;
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
