// Tests that need a system tool (zsh, shellcheck, tmux, chromium, a second user...) call `needs(ctx, ...)` first.
// Where a tool is missing the test is skipped with a note naming it, and the run's summary lists every such skip
// (test/helpers/skip-reporter.ts). With REQUIRE_SYSTEM_TOOLS set (as .ci/run sets it) a missing tool fails the test.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'vitest';

/** The prefix of every note a skip for a missing tool carries; the summary reporter looks for it. */
export const MISSING_TOOL = 'needs a system tool:';

const found = new Map<string, boolean>();

/** Whether `command` is on PATH (looked up once per process). */
export function hasCommand(command: string): boolean {
  let known = found.get(command);
  if (known === undefined) {
    known = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
    found.set(command, known);
  }
  return known;
}

/**
 * Skips the test (or fails it under REQUIRE_SYSTEM_TOOLS) unless every command is on PATH. `why` may name a
 * requirement that is not a command, checked by the caller: `needs(ctx, [], { ok: canSwitchUser(), what: 'a second user' })`.
 */
export function needs(
  ctx: TestContext,
  commands: readonly string[] | string,
  extra?: { readonly ok: boolean; readonly what: string },
): void {
  const missing = (typeof commands === 'string' ? [commands] : commands).filter((c) => !hasCommand(c));
  if (extra && !extra.ok) missing.push(extra.what);
  if (missing.length === 0) return;
  const note = `${MISSING_TOOL} ${missing.join(', ')}`;
  if (process.env.REQUIRE_SYSTEM_TOOLS) throw new Error(`${note} (REQUIRE_SYSTEM_TOOLS is set, so this is a failure)`);
  ctx.skip(note);
}

/**
 * A second user for tests that run the CLI as someone else: `nobody`, switched to with setpriv, which needs root.
 * Pass it as `needs(ctx, 'setpriv', secondUser())`.
 */
export function secondUser(): { readonly ok: boolean; readonly what: string } {
  const ok =
    process.getuid?.() === 0 && spawnSync('id', ['-u', 'nobody'], { stdio: 'ignore' }).status === 0 && hasCommand('id');
  return { ok, what: 'a second user (root, to run as nobody)' };
}

/** Whether every user may run `file`: it and each folder above it are open to others. */
function openToOthers(file: string): boolean {
  for (let path = file; ; path = dirname(path)) {
    const mode = statSync(path).mode;
    if (!(mode & 0o001) || (path === file && !(mode & 0o004))) return false;
    if (dirname(path) === path) return true;
  }
}

/**
 * What another user needs to run the built CLI, in a new folder any user can read: a copy of dist/, and Node itself
 * when this one sits where only its owner can reach (a home folder, a version manager's). The checkout may be in a
 * folder only its owner can read, as on a fresh machine.
 */
export function cliForAnotherUser(dist: string): { readonly node: string; readonly cli: string } {
  const dir = mkdtempSync(join(tmpdir(), 'caia-public-'));
  chmodSync(dir, 0o755);
  cpSync(dist, join(dir, 'dist'), { recursive: true });
  let node = process.execPath;
  if (!openToOthers(node)) {
    node = join(dir, 'node');
    copyFileSync(process.execPath, node);
    chmodSync(node, 0o755);
  }
  return { node, cli: join(dir, 'dist', 'cli.cjs') };
}
