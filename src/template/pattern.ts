// A template's variable patterns are run in a worker thread with a time limit. Whether a regular expression
// backtracks for ever (`(a|a)*b`, `(x+x+)+y`, `\d*\d*\d*\d*z`) cannot be told reliably from its text, and V8 cannot
// stop a match once started; a worker can be. The caller waits synchronously (Atomics.wait), so validators stay
// plain functions. One worker serves the whole run and is replaced after a timeout.
import type { MessagePort, Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated as the worker's script: flag 1 when ready, then 2 after each answer.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
const answer = (value) => {
  workerData.port.postMessage(value);
  Atomics.store(flag, 0, 2);
  Atomics.notify(flag, 0);
};
parentPort.on('message', ({ source, flags, value }) => {
  try {
    answer({ matched: new RegExp(source, flags).test(value) });
  } catch (error) {
    answer({ error: String(error && error.message) });
  }
});
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** How long a new worker may take to start; not part of a match's time. */
const STARTUP_LIMIT_MS = 30_000;

interface Runner {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

let runner: Runner | undefined;

function start(): Runner {
  // Loaded here: most runs check no pattern.
  const { MessageChannel, Worker } = process.getBuiltinModule('node:worker_threads');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { flag: flag.buffer, port: port2 },
    transferList: [port2],
    // Nothing a pattern needs: keep the worker small.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  worker.unref();
  port1.unref();
  if (Atomics.wait(flag, 0, 0, STARTUP_LIMIT_MS) === 'timed-out') {
    void worker.terminate();
    throw new Error('the worker that checks template patterns did not start');
  }
  return { worker, port: port1, flag };
}

/** Whether `source` (with the `u` flag) matches `value`, or 'timeout' after `limitMs`. */
export function matchesWithin(source: string, value: string, limitMs: number): boolean | 'timeout' {
  runner ??= start();
  const { worker, port, flag } = runner;
  Atomics.store(flag, 0, 0);
  worker.postMessage({ source, flags: 'u', value });
  if (Atomics.wait(flag, 0, 0, limitMs) === 'timed-out' && Atomics.load(flag, 0) !== 2) {
    runner = undefined;
    void worker.terminate();
    return 'timeout';
  }
  const { receiveMessageOnPort } = process.getBuiltinModule('node:worker_threads');
  const reply = receiveMessageOnPort(port)?.message as { matched?: boolean; error?: string } | undefined;
  if (!reply || reply.error !== undefined) throw new Error(`Could not check a pattern: ${reply?.error ?? 'no answer'}`);
  return reply.matched === true;
}
