// Tests that need a system tool (zsh, shellcheck, tmux, chromium, a second user...) call `needs(ctx, ...)` first.
// Where a tool is missing the test is skipped with a note naming it, and the run's summary lists every such skip
// (test/helpers/skip-reporter.ts). With REQUIRE_SYSTEM_TOOLS set (as .ci/run sets it) a missing tool fails the test.
import { spawnSync } from 'node:child_process';
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
