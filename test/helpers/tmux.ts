// A real terminal for interactive tests: tmux runs the command in a pty, keys are typed with send-keys, and the
// screen is read with capture-pane. Each session has its own tmux server socket.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';

export interface TerminalSession {
  /** Types keys: literal text, or tmux key names such as Enter, Escape, Down, C-c. */
  send(...keys: string[]): Promise<void>;
  /** The whole screen and scrollback, trailing blank lines dropped. */
  screen(): Promise<string>;
  /** Waits until the screen matches, and returns it; fails with the screen after `timeout` ms. */
  waitFor(pattern: RegExp, timeout?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startTerminal(
  command: string,
  options: { cwd: string; env?: Record<string, string>; columns?: number; rows?: number },
): Promise<TerminalSession> {
  const socket = `caia-${randomUUID()}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args]);
  const env = Object.entries(options.env ?? {}).map(([name, value]) => `${name}=${value}`);
  // The command runs without CI (a CI runner sets it) so the CLI sees a person at a terminal.
  const shell = `env -u CI ${env.map(quote).join(' ')} ${command}; echo "[exit $?]"; sleep 600`;
  await tmux(
    'new-session',
    '-d',
    '-x',
    String(options.columns ?? 120),
    '-y',
    String(options.rows ?? 50),
    '-c',
    options.cwd,
    'bash',
    '--norc',
    '--noprofile',
    '-c',
    shell,
  );
  const screen = async () => {
    const { stdout } = await tmux('capture-pane', '-p', '-J', '-S', '-200');
    return stdout.replace(/\s+$/, '');
  };
  return {
    async send(...keys) {
      for (const key of keys) {
        await tmux(
          'send-keys',
          ...(/^(Enter|Escape|Up|Down|Left|Right|Tab|BSpace|C-[a-z])$/.test(key) ? [key] : ['-l', key]),
        );
        await sleep(150);
      }
    },
    screen,
    async waitFor(pattern, timeout = 15_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const text = await screen();
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`the screen never matched ${pattern}:\n${text}`);
        await sleep(100);
      }
    },
    async close() {
      await tmux('kill-server').catch(() => undefined);
    },
  };
}

function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
