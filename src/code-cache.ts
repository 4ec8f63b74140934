// Runs a CommonJS bundle with V8's code cache kept in a folder, so later runs skip compiling what the first one
// compiled (Node 22's module.enableCompileCache does the like; Node 20 lacks it).
//
// V8 aborts the process, rather than falling back to compiling, when it is given damaged cache data, and every later
// run would abort the same way. So the cache is:
// - named after a checksum of the code actually read, the V8 version, the architecture and Node's options (V8
//   refuses data made under other flags): a patched or upgraded bundle never meets another's cache, and runs with
//   different options keep one each instead of replacing each other's;
// - written after the run (so it holds the functions the run compiled too), only when there was none or it was
//   refused, to a file of its own that is flushed to disk and then renamed into place: a reader sees a whole file
//   or none, however many runs write at once;
// - checked against the checksum stored in front of it before V8 sees it; anything else is treated as no cache.
// Caches of other code (an edited or older bundle) and temporary files a killed run left are removed when a new cache
// is written. Without WebAssembly (node --jitless) there is no checksum, and so no cache.
// Trust: whoever can write the cache can write the bundle beside it.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { checksum } from './checksum.js';

export interface CachedModule<T> {
  readonly exports: T;
  /** Whether V8 took the cache (false when there was none, it failed its checksum or V8 refused it). */
  readonly usedCache: boolean;
  /**
   * Writes the cache if it was not used: call it after a run that went through the code worth caching. Never throws:
   * without a cache the next run just compiles.
   */
  save(): void;
}

// Node's own CommonJS wrapper, with the source on lines of its own so positions in stack traces match the file.
const HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const TAIL = '\n})';
/** The checksum of the V8 data, in front of it: 8 bytes, little-endian. */
const HEADER = 8;

export function requireWithCodeCache<T>(file: string, cacheDir: string | undefined): CachedModule<T> {
  const bytes = readFileSync(file);
  const name = basename(file).replace(/\.c?js$/, '');
  const code = typeof WebAssembly === 'object' ? hex(bytes) : undefined;
  const cacheFile =
    cacheDir && code
      ? join(cacheDir, `${name}-${code}-${process.versions.v8}-${process.arch}-${hex(Buffer.from(nodeOptions()))}.bin`)
      : undefined;
  const cachedData = cacheFile ? readChecked(cacheFile) : undefined;
  const script = new Script(HEAD + bytes.toString('utf8') + TAIL, {
    filename: file,
    lineOffset: -1,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const usedCache = cachedData !== undefined && script.cachedDataRejected === false;
  return {
    exports: module.exports,
    usedCache,
    save() {
      if (!cacheFile || usedCache) return;
      if (write(cacheFile, () => script.createCachedData())) {
        removeLeftovers(dirname(cacheFile), `${name}-`, `${name}-${code}-`);
      }
    },
  };
}

const hex = (bytes: Uint8Array) => checksum(bytes).toString(16);

/** What can change V8's flags: Node's command-line options and NODE_OPTIONS. */
function nodeOptions(): string {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
}

/** Of the files named `prefix…`: caches not named `current…` (another bundle's), and temporary files over a minute old. */
function removeLeftovers(dir: string, prefix: string, current: string): void {
  try {
    for (const entry of readdirSync(dir)) {
      if (!entry.startsWith(prefix)) continue;
      const path = join(dir, entry);
      const stale = entry.endsWith('.tmp')
        ? Date.now() - statSync(path).mtimeMs > 60_000
        : entry.endsWith('.bin') && !entry.startsWith(current);
      if (stale) rmSync(path, { force: true });
    }
  } catch {
    // Another run removed it first, or the folder is not ours to tidy: leave it.
  }
}

/** The V8 data of a cache file whose checksum holds; undefined for a missing, short or damaged file. */
function readChecked(cacheFile: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (data.length <= HEADER) return undefined;
  const payload = data.subarray(HEADER);
  return data.readBigUInt64LE(0) === checksum(payload) ? payload : undefined;
}

/**
 * Writes the cache; whether it did. The data is made (which takes V8 a few milliseconds) only once the file is open,
 * so a read-only install does not pay for it on every run.
 */
function write(cacheFile: string, produce: () => Buffer): boolean {
  // Unique even between containers whose processes share a PID and a package folder.
  const temporary = `${cacheFile}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    fd = openSync(temporary, 'wx', 0o644);
    const payload = produce();
    const header = Buffer.alloc(HEADER);
    header.writeBigUInt64LE(checksum(payload));
    for (const part of [header, payload]) {
      for (let done = 0; done < part.length; ) done += writeSync(fd, part, done);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, cacheFile);
    return true;
  } catch {
    // A read-only install, a full disk: run without a cache.
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more to do.
    }
    return false;
  }
}
