// holdingSignals: a signal that arrives while held work runs, even synchronous work, is seen before the hold ends.
import { afterEach, describe, expect, it } from 'vitest';
import { holdingSignals, listenForSignals, STOP_SIGNALS } from '../../../src/run/signals.js';

// A listener of the test's own, so that a signal the code under test misses does not kill the test process.
const guard = () => {};
for (const signal of STOP_SIGNALS) process.on(signal, guard);
afterEach(() => {
  for (const signal of STOP_SIGNALS) expect(process.listeners(signal)).toEqual([guard]);
});

describe('holdingSignals', () => {
  it.each(STOP_SIGNALS)('sees %s sent during synchronous work', async (signal) => {
    const held = await holdingSignals(async () => {
      process.kill(process.pid, signal);
      // Busy, synchronous: the signal cannot reach a listener before the work returns.
      return 'done';
    });
    expect(held).toEqual({ value: 'done', signal });
  });

  it('tells the work through `stopped`, and onSignal, as soon as the event loop runs', async () => {
    const told: NodeJS.Signals[] = [];
    const held = await holdingSignals(
      async (stopped) => {
        process.kill(process.pid, 'SIGHUP');
        for (let i = 0; i < 1000 && !stopped(); i++) await new Promise((resolve) => setImmediate(resolve));
        return stopped();
      },
      (signal) => told.push(signal),
    );
    expect(held.value).toBe('SIGHUP');
    expect(told).toEqual(['SIGHUP']);
  });

  it('leaves a listener of the whole run alone while work is held, and calls it outside', async () => {
    const stops: NodeJS.Signals[] = [];
    const unlisten = listenForSignals((signal) => stops.push(signal));
    try {
      const held = await holdingSignals(async () => {
        process.kill(process.pid, 'SIGTERM');
        return 1;
      });
      expect(held.signal).toBe('SIGTERM');
      expect(stops).toEqual([]);
      process.kill(process.pid, 'SIGINT');
      for (let i = 0; i < 1000 && stops.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(stops).toEqual(['SIGINT']);
    } finally {
      unlisten();
    }
  });
});
