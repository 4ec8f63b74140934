// Commands as data: what create() runs is planned first, so --dry-run and --json can show it and tests can check it.
import { resolve } from 'node:path';
import type { Command } from '../types.js';
import { hasControlCharacters } from './text.js';

/**
 * Output of a child process: shown to the user (on stderr when stdout is kept for --json), captured, or handed over
 * line by line (for a spinner that shows the latest line).
 */
export type ChildOutput = 'inherit' | 'stderr' | 'capture' | ((line: string) => void);

/** A command as a person would type it in a POSIX shell. */
export function formatCommand(command: Pick<Command, 'command' | 'args'>): string {
  return [command.command, ...command.args].map((word) => shellWord(word)).join(' ');
}

/**
 * A word for the user's shell that reads back as exactly `word`: bare when safe, else quoted. POSIX (bash, zsh):
 * single quotes, or $'...' with \x escapes for control characters (which must never reach the terminal raw).
 * PowerShell (on Windows): single quotes with every quote character doubled, or a double-quoted string with
 * $([char]0x..) for control characters. Bare words never start with = (zsh expands =cmd) and hold no glob,
 * expansion or operator character in either shell.
 */
export function shellWord(word: string, platform: NodeJS.Platform = process.platform): string {
  const controls = hasControlCharacters(word) || /[\t\n\r]/.test(word);
  if (platform === 'win32') {
    if (/^[\w./:\\-]+$/.test(word)) return word;
    if (!controls) return `'${word.replace(/['\u2018-\u201b]/g, (q) => q + q)}'`;
    const body = [...word]
      .map((c) =>
        hasControlCharacters(c) || /[\t\n\r]/.test(c)
          ? `$([char]0x${c.charCodeAt(0).toString(16).padStart(2, '0')})`
          : /[`$"\u201c-\u201e]/.test(c)
            ? `\`${c}`
            : c,
      )
      .join('');
    return `"${body}"`;
  }
  if (/^[\w@%+:,./-][\w@%+=:,./-]*$/.test(word)) return word;
  if (!controls) return `'${word.replaceAll("'", `'\\''`)}'`;
  // ANSI-C quoting, every byte of a control character (and ! for bash's history expansion) as \xHH.
  const body = [...word]
    .map((c) => {
      if (c === '\\') return '\\\\';
      if (c === "'") return "\\'";
      if (c === '!' || hasControlCharacters(c) || /[\t\n\r]/.test(c)) {
        return [...Buffer.from(c)].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('');
      }
      return c;
    })
    .join('');
  return `$'${body}'`;
}

export interface RunResult {
  readonly ok: boolean;
  readonly exitCode: number | undefined;
  /** Why it failed, in one line, without the command's arguments or environment. */
  readonly reason?: string;
  /** Stopped through `signal`. */
  readonly cancelled?: boolean;
  /** Captured output, when asked for. */
  readonly stdout?: string;
  readonly stderr?: string;
}

/** What a command may print into memory, per stream, before it is stopped. */
const MAX_BUFFER = 100_000_000;
/** After the stop signal, how long a command has before it is killed. */
const FORCE_KILL_AFTER_MS = 5000;

/**
 * Runs a command; never throws for a failing or missing program: the result says so. The child gets no standard input
 * and no console window on Windows; its output goes where `output` says, and captured output is read as UTF-8 with one
 * final newline dropped. `signal` stops it with SIGINT (SIGKILL 5 s later if it is still there), as does this
 * process's exit; with `timeoutMs` it runs in a process group of its own, killed whole when the time is up.
 */
export async function runCommand(
  command: Command,
  output: ChildOutput,
  options: { env?: Readonly<Record<string, string>>; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<RunResult> {
  const { spawn } = await import('../vendor/spawn.js');
  const toLines = typeof output === 'function';
  const piped = output === 'capture' || toLines;
  // With a time limit the command gets a process group of its own, so that the limit stops what it started too
  // (az is a script that runs Python as a child; killing only the script would leave the pipes open).
  const detached = !!options.timeoutMs && process.platform !== 'win32';
  const stopSignal = options.signal ? 'SIGINT' : 'SIGTERM';
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(command.command, command.args, {
      cwd: resolve(command.cwd),
      stdio: ['ignore', piped ? 'pipe' : output === 'stderr' ? 2 : 'inherit', piped ? 'pipe' : 'inherit'],
      env: options.env ?? { ...process.env },
      windowsHide: true,
      ...(detached ? { detached: true } : {}),
    });
  } catch (error) {
    // Arguments or options the system refuses: nothing started.
    return failure(command, options, { cause: error, exitCode: undefined, signal: undefined });
  }

  let cause: unknown;
  let started = true;
  let cancelled = false;
  let overflow = false;
  let timedOut = false;
  let forceKill: NodeJS.Timeout | undefined;
  const stop = () => {
    if (child.kill(stopSignal) && !forceKill) {
      forceKill = setTimeout(() => child.kill('SIGKILL'), FORCE_KILL_AFTER_MS);
    }
  };
  const captured = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  let partial = '';
  for (const name of ['stdout', 'stderr'] as const) {
    let size = 0;
    child[name]?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BUFFER) {
        if (!overflow) stop();
        overflow = true;
        return;
      }
      captured[name].push(chunk);
      if (!toLines) return;
      // stdout and stderr together, in the order they came, line by line.
      const lines = (partial + chunk.toString()).split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') output(line);
    });
  }
  const cancel = () => {
    cancelled = true;
    cause ??= options.signal?.reason;
    stop();
  };
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        killGroup();
      }, options.timeoutMs)
    : undefined;
  // If this run ends first, the command must not outlive it: its group with a time limit, the command itself otherwise.
  const onExit = timer ? killGroup : () => child.kill(stopSignal);
  process.once('exit', onExit);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => {
    child.on('error', (error) => {
      cause ??= error;
      // A command that could not start (not found, say) has no exit code.
      if (child.pid === undefined) started = false;
    });
    child.on('close', (code, received) => done([code, received]));
  }).finally(() => {
    clearTimeout(timer);
    clearTimeout(forceKill);
    process.removeListener('exit', onExit);
    options.signal?.removeEventListener('abort', cancel);
  });

  const text = (chunks: Buffer[]) => (piped ? stripFinalNewline(Buffer.concat(chunks).toString('utf8')) : '');
  const result = { stdout: text(captured.stdout), stderr: text(captured.stderr) };
  const failed = cause !== undefined || cancelled || overflow || exitCode !== 0 || signal !== null;
  if (!failed && !timedOut) return { ok: true, exitCode: 0, ...result };
  return failure(command, options, {
    cause,
    exitCode: started && exitCode !== null ? exitCode : undefined,
    signal: signal ?? undefined,
    cancelled,
    timedOut,
    ...result,
  });
}

/** The result of a command that failed, with the reason in one line. */
function failure(
  command: Command,
  options: { timeoutMs?: number },
  how: {
    cause: unknown;
    exitCode: number | undefined;
    signal: NodeJS.Signals | undefined;
    cancelled?: boolean;
    timedOut?: boolean;
    stdout?: string;
    stderr?: string;
  },
): RunResult {
  const code = (how.cause as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? `${command.command} was not found on PATH`
      : how.timedOut
        ? `${command.command} did not answer within ${Math.ceil((options.timeoutMs ?? 0) / 1000)} s`
        : how.cancelled
          ? `${command.command} was interrupted`
          : how.signal
            ? `${command.command} was stopped by ${how.signal}`
            : `${command.command} exited with code ${how.exitCode}`;
  return {
    ok: false,
    exitCode: how.exitCode,
    reason,
    cancelled: how.cancelled ?? false,
    stdout: how.stdout ?? '',
    stderr: how.stderr ?? '',
  };
}

/** One final newline (\n or \r\n) dropped, as a shell's $(...) drops it. */
function stripFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, text.endsWith('\r\n') ? -2 : -1) : text;
}
