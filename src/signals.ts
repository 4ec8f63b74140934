// Holding SIGINT and SIGTERM while files move, so a stop can never leave half a project: the signal is recorded,
// the work finishes (or fails and cleans up), and the caller then stops the run.

export interface Held<T> {
  readonly value: T;
  /** The first signal that arrived while the work ran. */
  readonly signal: NodeJS.Signals | undefined;
}

export async function holdingSignals<T>(work: () => Promise<T>): Promise<Held<T>> {
  let signal: NodeJS.Signals | undefined;
  const record = (received: NodeJS.Signals) => {
    signal ??= received;
  };
  // `on`, not `once`: a listener that removes itself lets Node's default (sudden death) back in for a second signal.
  process.on('SIGINT', record);
  process.on('SIGTERM', record);
  try {
    return { value: await work(), signal };
  } finally {
    process.removeListener('SIGINT', record);
    process.removeListener('SIGTERM', record);
  }
}
