// Waiting for a new role to apply: az is asked again while the data plane refuses the token (401/403), up to a time
// limit; the clock and the pause are the test's, so nothing here depends on timing.
import { describe, expect, it } from 'vitest';
import { isDenied, waitForAccess } from '../../../src/azure/provision/access.js';
import type { AzRunner } from '../../../src/types.js';

const DENIED =
  'Unauthorized({"error":{"code":"PermissionDenied","message":"The principal lacks the required data action"}})';

/** An az that refuses `denials` times, then answers; and a clock that moves only when the run pauses. */
function scene(denials: number, other?: string) {
  const calls: string[][] = [];
  let time = 0;
  const pauses: number[] = [];
  const az: AzRunner = async (args) => {
    calls.push([...args]);
    if (other) return { ok: false, reason: other };
    return calls.length <= denials ? { ok: false, reason: DENIED } : { ok: true, value: '{"data":[]}' };
  };
  const wait = {
    timeoutMs: 60_000,
    intervalMs: 20_000,
    now: () => time,
    sleep: async (ms: number) => {
      pauses.push(ms);
      time += ms;
    },
  };
  return { az, calls, pauses, wait };
}

describe('waitForAccess', () => {
  it('asks again after each refusal until the data plane answers', async () => {
    const { az, calls, pauses, wait } = scene(2);
    const waited: number[] = [];
    const result = await waitForAccess(az, 'https://contoso.openai.azure.com/', {
      ...wait,
      onWait: (_reason, seconds) => waited.push(seconds),
    });
    expect(result).toEqual({ ok: true, tries: 3 });
    expect(pauses).toEqual([20_000, 20_000]);
    expect(waited).toEqual([0, 20]);
    expect(calls[0]).toEqual([
      'rest',
      '--method',
      'get',
      '--url',
      'https://contoso.openai.azure.com/openai/v1/models',
      '--resource',
      'https://cognitiveservices.azure.com',
      '-o',
      'json',
    ]);
  });

  it('gives up at the time limit, saying the data plane still refuses', async () => {
    const { az, calls, wait } = scene(100);
    const result = await waitForAccess(az, 'https://contoso.openai.azure.com', wait);
    expect(result).toEqual({ ok: false, reason: DENIED, denied: true });
    // At 0, 20, 40 and 60 s: a fifth try would start after the 60 s limit.
    expect(calls).toHaveLength(4);
  });

  it('does not wait on a failure that is not a refusal', async () => {
    const { az, pauses, wait } = scene(0, "Please run 'az login' to setup account.");
    const result = await waitForAccess(az, 'https://contoso.openai.azure.com', wait);
    expect(result).toMatchObject({ ok: false, denied: false });
    expect(pauses).toEqual([]);
  });

  it('reads 401 and 403 answers as refusals, and nothing else', () => {
    expect(isDenied(DENIED)).toBe(true);
    expect(isDenied('Forbidden({"error":{"code":"AuthorizationFailed"}})')).toBe(true);
    expect(isDenied('Not Found({"error":{"code":"404"}})')).toBe(false);
    expect(isDenied("Please run 'az login' to setup account.")).toBe(false);
  });
});
