// Each folder under fixtures/ is a case: input/ (a project), expected/ (the project after --write), report.json (the
// findings of the dry run as "line:column level code" per file) and optionally options.json.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { copyToTemp, fixtures, options, readTree } from './helpers.js';

// The copies are not git repositories: --write runs with force, as these tests check the rewrite (the guard that
// refuses --write outside a clean repository has its own tests in test/migrate/cli-io.test.ts and cli.test.ts).

const cases = (await readdir(fixtures, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
// Regenerates expected/ and report.json from the current engine (then review the git diff): UPDATE_FIXTURES=1.
const update = process.env.UPDATE_FIXTURES === '1';

describe.each(cases)('fixture %s', (name) => {
  const dir = join(fixtures, name);

  it('dry run reports, writes nothing; --write gives expected/; a second run changes nothing', async () => {
    const extra = existsSync(join(dir, 'options.json'))
      ? JSON.parse(await readFile(join(dir, 'options.json'), 'utf8'))
      : {};
    const tmp = await copyToTemp(join(dir, 'input'));
    try {
      const input = await readTree(tmp);
      const dry = await migrate(options(tmp, extra));
      expect(await readTree(tmp)).toEqual(input);
      const report = Object.fromEntries(
        dry.files.map((f) => [f.path, f.findings.map((x) => `${x.line}:${x.column} ${x.level} ${x.code}`)]),
      );

      const written = await migrate(options(tmp, { ...extra, write: true, force: true }));
      expect(written.files.map((f) => [f.path, f.changed])).toEqual(dry.files.map((f) => [f.path, f.changed]));
      const after = await readTree(tmp);
      if (update) {
        await rm(join(dir, 'expected'), { recursive: true, force: true });
        for (const [path, text] of Object.entries(after)) {
          await mkdir(dirname(join(dir, 'expected', path)), { recursive: true });
          await writeFile(join(dir, 'expected', path), text);
        }
        await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
      }
      expect(after).toEqual(await readTree(join(dir, 'expected')));
      expect(report).toEqual(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')));
      for (const file of dry.files.filter((f) => f.changed)) expect(file.diff).toMatch(/^--- (a\/|\/dev\/null)/);

      const again = await migrate(options(tmp, { ...extra, write: true, force: true }));
      expect(again.files.filter((f) => f.changed).map((f) => f.path)).toEqual([]);
      expect(await readTree(tmp)).toEqual(after);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
