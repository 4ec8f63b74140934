// requireWithCodeCache on small CommonJS files: the cache is written after a run, taken by the next, named after the
// code, and refused (then replaced) when damaged, without V8 ever seeing damaged data; a cache that cannot be
// written leaves the run alone.
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { requireWithCodeCache } from '../../src/code-cache.js';
import { tempDir } from '../helpers/cli.js';

/** A CommonJS module that uses what Node's wrapper gives it, with enough code for V8 to cache. */
const SOURCE = `'use strict';
const path = require('node:path');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
module.exports = { name: path.basename(__filename), dir: __dirname, answer: () => fib(20), fail: () => { throw new Error('boom'); }, word: 'cached' };
`;

type Exports = { name: string; dir: string; answer(): number; fail(): never; word: string };

async function bundle(source = SOURCE): Promise<{ file: string; cacheDir: string }> {
  const dir = await tempDir('caia-code-cache-');
  const file = join(dir, 'main.cjs');
  await writeFile(file, source);
  return { file, cacheDir: join(dir, '.cache') };
}

/** Loads, runs and saves; returns whether the cache was used and the cache files afterwards. */
async function run(file: string, cacheDir: string) {
  const loaded = requireWithCodeCache<Exports>(file, cacheDir);
  expect(loaded.exports.answer()).toBe(6765);
  loaded.save();
  return { loaded, files: (await readdir(cacheDir).catch(() => [])).sort() };
}

describe('requireWithCodeCache', () => {
  it('runs the file as CommonJS, with require, module, __filename and __dirname', async () => {
    const { file, cacheDir } = await bundle();
    const { exports } = requireWithCodeCache<Exports>(file, cacheDir);
    expect(exports.name).toBe('main.cjs');
    expect(exports.dir).toBe(join(file, '..'));
  });

  it('reports stack positions of the file itself (the wrapper adds no line)', async () => {
    const { file, cacheDir } = await bundle();
    const { exports } = requireWithCodeCache<Exports>(file, cacheDir);
    expect(() => exports.fail()).toThrow(expect.objectContaining({ stack: expect.stringContaining(`${file}:4:`) }));
  });

  it('writes one cache file after the first run and takes it on the next without writing again', async () => {
    const { file, cacheDir } = await bundle();
    const first = await run(file, cacheDir);
    expect(first.loaded.usedCache).toBe(false);
    expect(first.files).toHaveLength(1);
    expect(first.files[0]).toMatch(
      new RegExp(`^main-[0-9a-f]+-${process.versions.v8}-${process.arch}-[0-9a-f]+\\.bin$`),
    );
    const path = join(cacheDir, first.files[0] ?? '');
    const written = await stat(path);

    const second = await run(file, cacheDir);
    expect(second.loaded.usedCache).toBe(true);
    const after = await stat(path);
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    expect(second.files).toEqual(first.files);
  });

  it('gives changed code (even of the same length) a cache of its own, and removes the old one', async () => {
    const { file, cacheDir } = await bundle();
    const first = await run(file, cacheDir);
    await writeFile(file, SOURCE.replace("'cached'", "'CACHED'"));
    const patched = await run(file, cacheDir);
    expect(patched.loaded.usedCache).toBe(false);
    expect(patched.loaded.exports.word).toBe('CACHED');
    expect(patched.files).toHaveLength(1);
    expect(patched.files).not.toEqual(first.files);
  });

  it('keeps one cache per set of Node options (V8 refuses data made under other flags)', async () => {
    const { file, cacheDir } = await bundle();
    const plain = await run(file, cacheDir);
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--max-old-space-size=4096';
    try {
      const other = await run(file, cacheDir);
      expect(other.loaded.usedCache).toBe(false);
      expect(other.files).toHaveLength(2);
      expect(other.files).toEqual(expect.arrayContaining(plain.files));
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
    expect((await run(file, cacheDir)).loaded.usedCache).toBe(true);
  });

  it('removes temporary files a killed run left, once they are a minute old', async () => {
    const { file, cacheDir } = await bundle();
    await mkdir(cacheDir);
    const old = join(cacheDir, 'main-0-left-by-a-killed-run.bin.123-abc.tmp');
    const fresh = join(cacheDir, 'main-0-being-written.bin.456-def.tmp');
    const foreign = join(cacheDir, 'someone-else.tmp');
    for (const path of [old, fresh, foreign]) await writeFile(path, 'partial');
    const minutesAgo = new Date(Date.now() - 120_000);
    await utimes(old, minutesAgo, minutesAgo);
    await utimes(foreign, minutesAgo, minutesAgo);
    const { files } = await run(file, cacheDir);
    expect(files).toHaveLength(3);
    expect(files).toEqual(expect.arrayContaining(['main-0-being-written.bin.456-def.tmp', 'someone-else.tmp']));
  });

  it('refuses a damaged cache before V8 reads it (V8 would abort), runs, and writes a good one', async () => {
    const { file, cacheDir } = await bundle();
    const { files } = await run(file, cacheDir);
    const path = join(cacheDir, files[0] ?? '');
    const good = await readFile(path);
    for (const damage of [
      (bytes: Buffer) => {
        // Bytes in the middle of V8's data, its own header left whole: V8 itself does not notice this.
        const middle = bytes.length >> 1;
        for (let i = middle; i < Math.min(middle + 200, bytes.length); i++) bytes[i] = (bytes[i] ?? 0) ^ 0x5a;
        return bytes;
      },
      (bytes: Buffer) => bytes.subarray(0, bytes.length - 1),
      () => Buffer.alloc(4),
      () => Buffer.alloc(0),
    ]) {
      await writeFile(path, damage(Buffer.from(good)));
      const damaged = await run(file, cacheDir);
      expect(damaged.loaded.usedCache).toBe(false);
      expect(damaged.files).toEqual(files);
      expect(requireWithCodeCache<Exports>(file, cacheDir).usedCache).toBe(true);
    }
  });

  it('runs without a cache when none is asked for or it cannot be written', async () => {
    const { file } = await bundle();
    const none = requireWithCodeCache<Exports>(file, undefined);
    expect(none.usedCache).toBe(false);
    none.save();
    expect(await readdir(join(file, '..'))).toEqual(['main.cjs']);

    // A file where the cache folder would go: mkdir fails, and so the write, quietly.
    const blocked = join(file, '..', 'blocked');
    await writeFile(blocked, 'not a folder\n');
    const unwritable = requireWithCodeCache<Exports>(file, blocked);
    // Nor is the cache data made (V8 takes milliseconds for it), so a read-only install does not pay for it each run.
    const produce = vi.spyOn(Script.prototype, 'createCachedData');
    try {
      expect(() => unwritable.save()).not.toThrow();
      expect(produce).not.toHaveBeenCalled();
    } finally {
      produce.mockRestore();
    }
    expect((await readdir(join(file, '..'))).sort()).toEqual(['blocked', 'main.cjs']);
    expect(await readFile(blocked, 'utf8')).toBe('not a folder\n');
  });
});
