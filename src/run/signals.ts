// The signals that stop a run: SIGINT (Ctrl-C), SIGTERM (a supervisor) and SIGHUP (the terminal closed, SSH dropped).
// One listener per signal serves every user in the process, and records the first signal that arrived.
//
// Two ways to use it:
// - `listenForSignals` (the command line, for the whole run): before the project is written a signal stops the run at
//   once; while work is held (below) the work decides.
// - `holdSignals` / `holdingSignals` (execute from the write on, migrate --write): the signal is recorded (and
//   `onSignal` told, to stop a child process), the work finishes (or stops at a point where it can, and cleans up), and the caller then stops the run.
//   Before the listeners go, the event loop runs once, so a signal that arrived during synchronous work is seen.

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const satisfies readonly NodeJS.Signals[];

type Subscriber = (signal: NodeJS.Signals) => void;

const subscribers = new Set<Subscriber>();
let received: NodeJS.Signals | undefined;
let holds = 0;

const listener = (signal: NodeJS.Signals) => {
  received ??= signal;
  for (const subscriber of [...subscribers]) subscriber(signal);
};

function subscribe(subscriber: Subscriber): () => void {
  if (subscribers.size === 0) {
    received = undefined;
    // `on`, not `once`: a listener that removes itself lets Node's default (sudden death) back in for a second
    // signal, and execa's exit hook re-raises a signal when it sees no other listener left.
    for (const signal of STOP_SIGNALS) process.on(signal, listener);
  }
  subscribers.add(subscriber);
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size === 0) for (const signal of STOP_SIGNALS) process.removeListener(signal, listener);
  };
}

/** The first stop signal since the listeners were put in place, if any. */
export function signalReceived(): NodeJS.Signals | undefined {
  return received;
}

/**
 * Calls `onStop` for a signal that arrives while no work is held (see holdingSignals), and once a held work ends for
 * one that arrived during it... unless the holder handled it (it stops the run itself). Returns the function that
 * stops listening.
 */
export function listenForSignals(onStop: (signal: NodeJS.Signals) => void): () => void {
  return subscribe((signal) => {
    if (holds === 0) onStop(signal);
  });
}

export interface Held<T> {
  readonly value: T;
  /** The first signal that arrived while the work ran. */
  readonly signal: NodeJS.Signals | undefined;
}

/**
 * Lets the event loop pass its poll phase, where signals are read: a signal delivered before the call reaches its
 * listeners before this resolves. One setImmediate is not enough (called from an I/O callback it runs before the next
 * poll); the second one runs after it.
 */
export async function turn(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A hold on signals (see holdingSignals): `stopped` gives the first signal since, `release` ends the hold. */
export interface Hold {
  readonly stopped: () => NodeJS.Signals | undefined;
  readonly release: () => void;
}

export function holdSignals(onSignal?: (signal: NodeJS.Signals) => void): Hold {
  // A signal that came before the hold (and was not acted on yet) counts too.
  let signal: NodeJS.Signals | undefined = subscribers.size > 0 ? received : undefined;
  const unsubscribe = subscribe((arrived) => {
    signal ??= arrived;
    onSignal?.(arrived);
  });
  holds++;
  let released = false;
  return {
    stopped: () => signal,
    release: () => {
      if (released) return;
      released = true;
      holds--;
      unsubscribe();
    },
  };
}

export async function holdingSignals<T>(
  work: (stopped: () => NodeJS.Signals | undefined) => Promise<T>,
  onSignal?: (signal: NodeJS.Signals) => void,
): Promise<Held<T>> {
  const hold = holdSignals(onSignal);
  try {
    const value = await work(hold.stopped);
    await turn();
    return { value, signal: hold.stopped() };
  } finally {
    hold.release();
  }
}
