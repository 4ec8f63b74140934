import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { writeProject } from '../../src/write.js';

it('exp', async () => {
  const stats = { parentGone: 0, ok: 0, other: 0, dirModes: new Set<string>() };
  for (let i = 0; i < 40; i++) {
    const root = await mkdtemp(join(tmpdir(), 'w-'));
    const target = join(root, 'missing', 'app');
    const a = new Map([
      ['a.txt', { contents: 'A' }],
      ['sub/x.txt', { contents: 'A' }],
    ]);
    const b = new Map([
      ['b.txt', { contents: 'B' }],
      ['sub/x.txt', { contents: 'B' }],
    ]);
    const r = await Promise.allSettled([writeProject(target, a, 'absent'), writeProject(target, b, 'absent')]);
    const names = await readdir(root);
    let t: string[] = [];
    try {
      t = await readdir(target);
      stats.dirModes.add((await stat(target)).mode.toString(8));
    } catch {}
    if (names.length === 0) stats.parentGone++;
    else if (t.length) stats.ok++;
    else stats.other++;
    if (i < 3)
      console.log(
        r.map((x) => x.status + (x.status === 'rejected' ? String(x.reason) : '')),
        names,
        t,
      );
  }
  console.log(stats);
});
