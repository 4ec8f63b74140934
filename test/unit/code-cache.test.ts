// requireWithCodeCache on small CommonJS files: the cache is written after a run, taken by the next, and replaced
// when V8 refuses it; a file that cannot be written leaves the run alone.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../src/code-cache.js';
import { tempDir } from '../helpers/cli.js';

/** A CommonJS module that uses what Node's wrapper gives it, with enough code for V8 to cache. */
const SOURCE = `'use strict';
const path = require('node:path');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
module.exports = { name: path.basename(__filename), dir: __dirname, answer: () => fib(20), fail: () => { throw new Error('boom'); } };
`;

async function bundle(): Promise<{ file: string; cache: string }> {
  const dir = await tempDir('caia-code-cache-');
  const file = join(dir, 'main.cjs');
  await writeFile(file, SOURCE);
  return { file, cache: join(dir, '.cache', 'main.bin') };
}

type Exports = { name: string; dir: string; answer(): number; fail(): never };

describe('requireWithCodeCache', () => {
  it('runs the file as CommonJS, with require, module, __filename and __dirname', async () => {
    const { file, cache } = await bundle();
    const loaded = requireWithCodeCache<Exports>(file, cache);
    expect(loaded.exports.name).toBe('main.cjs');
    expect(loaded.exports.dir).toBe(join(file, '..'));
    expect(loaded.exports.answer()).toBe(6765);
  });

  it('reports stack positions of the file itself (the wrapper adds no line)', async () => {
    const { file, cache } = await bundle();
    const { exports } = requireWithCodeCache<Exports>(file, cache);
    const stack = (() => {
      try {
        exports.fail();
      } catch (error) {
        return (error as Error).stack ?? '';
      }
      return '';
    })();
    expect(stack).toContain(`${file}:4:`);
  });

  it('writes the cache after the first run and takes it on the next without writing again', async () => {
    const { file, cache } = await bundle();
    const first = requireWithCodeCache<Exports>(file, cache);
    expect(first.usedCache).toBe(false);
    first.exports.answer();
    first.save();
    const written = await stat(cache);
    expect(written.size).toBeGreaterThan(0);

    const second = requireWithCodeCache<Exports>(file, cache);
    expect(second.usedCache).toBe(true);
    expect(second.exports.answer()).toBe(6765);
    second.save();
    const after = await stat(cache);
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    expect((await readdir(join(cache, '..'))).sort()).toEqual(['main.bin']);
  });

  it('replaces a cache V8 refuses (damaged, or made for other code) and still runs', async () => {
    const { file, cache } = await bundle();
    await mkdir(join(cache, '..'), { recursive: true });
    await writeFile(cache, Buffer.alloc(4096, 0x5a));
    const damaged = requireWithCodeCache<Exports>(file, cache);
    expect(damaged.usedCache).toBe(false);
    expect(damaged.exports.answer()).toBe(6765);
    damaged.save();
    expect((await readFile(cache)).equals(Buffer.alloc(4096, 0x5a))).toBe(false);
    expect(requireWithCodeCache<Exports>(file, cache).usedCache).toBe(true);
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
    const unwritable = requireWithCodeCache<Exports>(file, join(blocked, 'main.bin'));
    expect(() => unwritable.save()).not.toThrow();
    expect((await readdir(join(file, '..'))).sort()).toEqual(['blocked', 'main.cjs']);
    expect(await readFile(blocked, 'utf8')).toBe('not a folder\n');
  });
});
