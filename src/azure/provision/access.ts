// A new role assignment takes minutes to apply: until then the data plane answers 401 or 403. --verify after
// --provision with Microsoft Entra ID asks it (through az, with the user's own token) until it answers, for a bounded
// time. The clock and the wait are parameters so that tests decide them.
import { setTimeout as delay } from 'node:timers/promises';
import type { AzRunner } from '../../types.js';
import { provisionCommands as commands } from './commands.js';

export interface AccessWait {
  /** How long to keep asking, in total. */
  readonly timeoutMs?: number;
  /** The pause between two questions. */
  readonly intervalMs?: number;
  readonly sleep?: (ms: number) => Promise<unknown>;
  readonly now?: () => number;
  /** Called before each pause with the refusal and the seconds waited so far. */
  readonly onWait?: (reason: string, waitedSeconds: number) => void;
}

export const ACCESS_TIMEOUT_MS = 10 * 60_000;
export const ACCESS_INTERVAL_MS = 20_000;

export type AccessResult =
  | { readonly ok: true; readonly tries: number }
  | { readonly ok: false; readonly reason: string; readonly denied: boolean };

/** The answers of a data plane that has not taken the role in yet. */
export function isDenied(reason: string): boolean {
  return /\b(401|403)\b|Unauthorized|Forbidden|PermissionDenied|AuthorizationFailed/i.test(reason);
}

export async function waitForAccess(az: AzRunner, endpoint: string, wait: AccessWait = {}): Promise<AccessResult> {
  const { timeoutMs = ACCESS_TIMEOUT_MS, intervalMs = ACCESS_INTERVAL_MS, sleep = delay, now = Date.now } = wait;
  const start = now();
  for (let tries = 1; ; tries++) {
    const answer = await az(commands.access(endpoint).args);
    if (answer.ok) return { ok: true, tries };
    const denied = isDenied(answer.reason);
    if (!denied || now() - start + intervalMs > timeoutMs) return { ok: false, reason: answer.reason, denied };
    wait.onWait?.(answer.reason, Math.round((now() - start) / 1000));
    await sleep(intervalMs);
  }
}
