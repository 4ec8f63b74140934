// Where the CLI's text goes: stdout and stderr. Into a file or a pipe it is written straight to the descriptor, so a
// run that only prints a few lines does not set up Node's stream objects (and the stream library under them). A
// terminal gets the usual stream (it knows how to write Unicode to a Windows console), and so does a descriptor that
// cannot take a write at once; once a stream is in use, the rest goes through it too, so lines keep their order.
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';

export interface Output {
  write(text: string): void;
  /** A terminal: worth colours. */
  readonly isTTY: boolean;
  /**
   * Why output stopped (EPIPE: the reader closed, as `| head -c1` does; ENOSPC: a full disk or /dev/full), or
   * undefined. A lost output never stops the run: the project is still made; later lines are dropped.
   */
  readonly lost: string | undefined;
}

export function standardOutput(fd: 1 | 2): Output {
  let lost: string | undefined;
  let listening = false;
  const stream = () => {
    const s = fd === 1 ? process.stdout : process.stderr;
    // A stream reports a failed write as an 'error' event, which would crash the run if nobody listened.
    if (!listening) {
      listening = true;
      s.on('error', (error: NodeJS.ErrnoException) => {
        lost ??= error.code ?? 'EIO';
      });
    }
    return s;
  };
  let direct = notTerminal(fd);
  return {
    isTTY: !direct && stream().isTTY === true,
    get lost() {
      return lost;
    },
    write(text) {
      if (lost) return;
      if (direct) {
        const bytes = Buffer.from(text);
        let written = 0;
        try {
          while (written < bytes.length) written += writeSync(fd, bytes, written);
          return;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EAGAIN') {
            lost = code ?? 'EIO';
            return;
          }
          // EAGAIN from a non-blocking pipe: the stream waits until it can write.
          direct = false;
          stream().write(bytes.subarray(written));
          return;
        }
      }
      stream().write(text);
    },
  };
}

/**
 * A file, a pipe, a socket or a character device that is no terminal (/dev/null, /dev/full: Node's stream would report
 * a failed write only after the run has ended); in doubt, false.
 */
function notTerminal(fd: number): boolean {
  try {
    const stats = fstatSync(fd);
    if (stats.isFile() || stats.isFIFO() || stats.isSocket()) return true;
    return stats.isCharacterDevice() && process.platform !== 'win32' && !isatty(fd);
  } catch {
    return false;
  }
}
