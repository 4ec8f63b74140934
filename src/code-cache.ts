// Runs a CommonJS bundle with V8's code cache kept in a file, so later runs skip compiling what the first one
// compiled. Node 22's module.enableCompileCache does the same for modules loaded after it is called; Node 20 lacks it.
// The cache is written after the run (so it holds the functions the run compiled as well), only when it was missing
// or rejected (V8 rejects a cache from another V8 version or other flags), and through a rename, so a concurrent run
// never reads half a file.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface CachedModule<T> {
  readonly exports: T;
  /** Whether V8 took the cache (false when there was none, or it was from another build, V8 or set of flags). */
  readonly usedCache: boolean;
  /** Writes the cache if it was missing or stale. Never throws: without a cache the next run just compiles. */
  save(): void;
}

// Node's own CommonJS wrapper, with the source starting on a line of its own so positions in stack traces match the file.
const HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const TAIL = '\n})';

export function requireWithCodeCache<T>(file: string, cacheFile: string | undefined): CachedModule<T> {
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // None yet.
  }
  const script = new Script(HEAD + source + TAIL, {
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
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // A read-only install, a full disk: run without a cache.
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Nothing more to do.
        }
      }
    },
  };
}
