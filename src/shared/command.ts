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

/**
 * Runs a command; never throws for a failing or missing program: the result says so. A command that can be stopped
 * (`signal`) or timed out runs in a process group of its own, and stopping it ends the group: what it started
 * (lifecycle scripts, node-gyp, az's Python) goes with it.
 */
export async function runCommand(
  command: Command,
  output: ChildOutput,
  options: { env?: Readonly<Record<string, string>>; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<RunResult> {
  const { execa } = await import('../vendor/execa.js');
  const toLines = typeof output === 'function';
  const stdout = output === 'capture' || toLines ? 'pipe' : output === 'stderr' ? 2 : 'inherit';
  const stoppable = options.signal !== undefined || options.timeoutMs !== undefined;
  const subprocess = execa(command.command, command.args, {
    cwd: command.cwd,
    stdin: 'ignore',
    stdout,
    stderr: output === 'capture' || toLines ? 'pipe' : 'inherit',
    all: toLines,
    reject: false,
    ...(stoppable && process.platform !== 'win32' ? { detached: true } : {}),
    ...(options.env ? { env: options.env, extendEnv: false } : {}),
  });
  const tree = processTree(subprocess.pid);
  let stopped: 'cancelled' | 'timed out' | undefined;
  let force: NodeJS.Timeout | undefined;
  const stop = (why: 'cancelled' | 'timed out') => {
    stopped ??= why;
    if (why === 'timed out') return tree.signal('SIGKILL');
    // SIGINT lets a package manager clean up; what is left once it has gone (or 5 s on) is killed.
    tree.signal('SIGINT');
    force ??= setTimeout(() => tree.signal('SIGKILL'), 5000);
  };
  const onAbort = () => stop('cancelled');
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = options.timeoutMs ? setTimeout(() => stop('timed out'), options.timeoutMs) : undefined;
  // If this run ends first, the group must not outlive it (on Windows, execa's own cleanup ends the child).
  const onExit = () => tree.signal('SIGKILL');
  if (stoppable && process.platform !== 'win32') process.once('exit', onExit);
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
    clearTimeout(force);
    options.signal?.removeEventListener('abort', onAbort);
    process.removeListener('exit', onExit);
    // What the stopped command left behind. Not on Windows: a process that has ended leaves no tree to find there, and
    // its id may already be another program's.
    if (stopped && process.platform !== 'win32') tree.signal('SIGKILL');
  });
  const captured = {
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: typeof result.stderr === 'string' ? result.stderr : '',
  };
  if (!result.failed && !stopped) return { ok: true, exitCode: 0, ...captured };
  const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? `${command.command} was not found on PATH`
      : stopped === 'timed out'
        ? `${command.command} did not answer within ${Math.ceil((options.timeoutMs ?? 0) / 1000)} s`
        : stopped === 'cancelled'
          ? `${command.command} was interrupted`
          : result.isTerminated
            ? `${command.command} was stopped by ${result.signal}`
            : `${command.command} exited with code ${result.exitCode}`;
  return { ok: false, exitCode: result.exitCode, reason, cancelled: stopped === 'cancelled', ...captured };
}

/**
 * Signals a child and every process it started. On POSIX the child leads a process group of its own (detached), and
 * the group is signalled; on Windows, which has no groups, taskkill ends the tree (/T), forcibly (/F) whatever the signal.
 */
function processTree(pid: number | undefined): { signal: (signal: 'SIGINT' | 'SIGKILL') => void } {
  return {
    signal: (signal) => {
      if (pid === undefined) return;
      try {
        if (process.platform !== 'win32') process.kill(-pid, signal);
        else {
          const { spawn } = process.getBuiltinModule('node:child_process');
          spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on(
            'error',
            () => {},
          );
        }
      } catch {
        // Already gone.
      }
    },
  };
}
