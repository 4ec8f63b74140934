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

/** A failure after the project was written: the project is kept and `retry` says how to finish. Exit 1. */
export class StepError extends Error {
  override readonly name = 'StepError';
  readonly exitCode = 1;
  constructor(
    message: string,
    readonly retry: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof CancelError || error instanceof StepError) {
    return error.exitCode;
  }
  return 1;
}
