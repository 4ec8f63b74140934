// Reads a file the way a migration may: never through a symbolic link, only a regular file (a FIFO, a socket or a
// device named like source is not opened for reading, so it cannot hang the run), at most MAX_BYTES, and decoded
// strictly as UTF-8, so text that is not UTF-8 is reported rather than rewritten with replacement characters.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * 4 MiB. The largest hand-written modules in big TypeScript codebases are under 3 MB (TypeScript's own checker.ts, the
 * usual outlier, is about 3 MB); what is larger is bundled output or data, which parses slowly (about 1 s per 4 MB
 * here) and holds no client code to move. The bound also keeps a huge file from exhausting memory.
 */
export const MAX_BYTES = 4 << 20;

export type Read =
  | { readonly kind: 'text'; readonly text: string }
  /** Present but not read: a link, not a regular file, too large, or not UTF-8 (latin1 keeps the bytes as text). */
  | { readonly kind: 'symlink' | 'special' }
  | { readonly kind: 'large'; readonly size: number }
  | { readonly kind: 'binary'; readonly latin1: string }
  | { readonly kind: 'absent' };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// O_NONBLOCK: opening a FIFO for reading waits for a writer without it. Windows has neither flag (0 there).
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function readFileSafely(path: string): Read {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { kind: 'symlink' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    // ENXIO: a socket; anything else (EACCES...) is a real failure the caller reports.
    if (code === 'ENXIO') return { kind: 'special' };
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { kind: 'special' };
    if (stats.size > MAX_BYTES) return { kind: 'large', size: stats.size };
    // Read to the end (the file may have grown since fstat), one byte past the bound at most.
    const buffer = Buffer.allocUnsafe(Math.max(stats.size, 4096) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) return { kind: 'large', size: length };
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    const bytes = buffer.subarray(0, length);
    try {
      return { kind: 'text', text: decoder.decode(bytes) };
    } catch {
      return { kind: 'binary', latin1: bytes.toString('latin1') };
    }
  } finally {
    closeSync(fd);
  }
}
