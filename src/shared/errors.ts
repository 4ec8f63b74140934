// The error kinds the CLI maps to exit codes; everything else is a run-time failure (exit 1).

/** A bad or missing flag or value: nothing was written. Exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = 2;
}

/** The user cancelled (Ctrl-C, Esc), or a signal stopped the run. Exit 130 (143 for SIGTERM, 129 for SIGHUP). */
export class CancelError extends Error {
  override readonly name = 'CancelError';
  readonly exitCode: number;
  /** When cancelled after writing: the command that finishes the job. */
  readonly retry: string | undefined;
  constructor(message = 'Cancelled.', retry?: string, signal: NodeJS.Signals = 'SIGINT') {
    super(message);
    this.retry = retry;
    this.exitCode = signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130;
  }
}

/**
 * A failure while running. After the project was written, it is kept and `retry` says how to finish; before (a
 * download, az, the write itself), nothing was written (`again`) and `retry` is the whole command to run again. Exit 1.
 */
export class StepError extends Error {
  override readonly name = 'StepError';
  readonly exitCode = 1;
  /** Nothing was written: `retry` runs the command again rather than finishing it. */
  readonly again: boolean;
  constructor(
    message: string,
    readonly retry: string | undefined,
    options?: { cause?: unknown; again?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.again = options?.again ?? false;
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof CancelError || error instanceof StepError) {
    return error.exitCode;
  }
  return 1;
}
