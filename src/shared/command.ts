// Commands as data: what create() runs is planned first, so --dry-run and --json can show it and tests can check it.
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

/** Runs a command; never throws for a failing or missing program: the result says so. */
export async function runCommand(
  command: Command,
  output: ChildOutput,
  options: { env?: Readonly<Record<string, string>>; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<RunResult> {
  const { execa } = await import('../vendor/execa.js');
  const toLines = typeof output === 'function';
  const stdout = output === 'capture' || toLines ? 'pipe' : output === 'stderr' ? 2 : 'inherit';
  const subprocess = execa(command.command, command.args, {
    cwd: command.cwd,
    stdin: 'ignore',
    stdout,
    stderr: output === 'capture' || toLines ? 'pipe' : 'inherit',
    all: toLines,
    reject: false,
    ...(options.signal ? { cancelSignal: options.signal, killSignal: 'SIGINT' as const } : {}),
    // With a time limit the command gets a process group of its own, so that the limit stops what it started too
    // (az is a script that runs Python as a child; killing only the script would leave the pipes open).
    ...(options.timeoutMs && process.platform !== 'win32' ? { detached: true } : {}),
    ...(options.env ? { env: options.env, extendEnv: false } : {}),
  });
  let timedOut = false;
  const killGroup = () => {
    try {
      if (subprocess.pid !== undefined)
        process.kill(process.platform === 'win32' ? subprocess.pid : -subprocess.pid, 'SIGKILL');
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
  // If this run ends first, the group must not outlive it.
  if (timer) process.once('exit', killGroup);
  if (toLines) {
    let partial = '';
    subprocess.all?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') output(line);
    });
  }
  const result = await subprocess.finally(() => {
    clearTimeout(timer);
    if (timer) process.removeListener('exit', killGroup);
  });
  const captured = {
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
  };
  if (!result.failed && !timedOut) return { ok: true, exitCode: 0, ...captured };
  const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? `${command.command} was not found on PATH`
      : timedOut
        ? `${command.command} did not answer within ${Math.ceil((options.timeoutMs ?? 0) / 1000)} s`
        : result.isCanceled
          ? `${command.command} was interrupted`
          : result.isTerminated
            ? `${command.command} was stopped by ${result.signal}`
            : `${command.command} exited with code ${result.exitCode}`;
  return { ok: false, exitCode: result.exitCode, reason, cancelled: result.isCanceled, ...captured };
}
