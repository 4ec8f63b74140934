// Holding SIGINT and SIGTERM while work runs: the signal is recorded (and `onSignal` told, to stop a child process),
// the work finishes (or fails and cleans up), and the caller then stops the run. Used while files move, so a stop
// never leaves half a project, and during the install.

export interface Held<T> {
  readonly value: T;
  /** The first signal that arrived while the work ran. */
  readonly signal: NodeJS.Signals | undefined;
}

export async function holdingSignals<T>(
  work: () => Promise<T>,
  onSignal?: (signal: NodeJS.Signals) => void,
): Promise<Held<T>> {
  let signal: NodeJS.Signals | undefined;
  const record = (received: NodeJS.Signals) => {
    signal ??= received;
    onSignal?.(received);
  };
  // `on`, not `once`: a listener that removes itself lets Node's default (sudden death) back in for a second signal,
  // and execa's exit hook re-raises a signal when it sees no other listener left.
  process.on('SIGINT', record);
  process.on('SIGTERM', record);
  try {
    return { value: await work(), signal };
  } finally {
    process.removeListener('SIGINT', record);
    process.removeListener('SIGTERM', record);
  }
}
