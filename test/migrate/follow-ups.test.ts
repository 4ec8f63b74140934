// What needs a person outlives --write: every warning or error of a dry run is either reported again by a second run
// or written into the file as a TODO comment of its code; and every file a report lists has a finding that says why.
// Checked on every fixture.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { copyToTemp, fixtures, options } from './helpers.js';

// The copies are not git repositories: --write runs with force, as these tests check the rewrite (the guard that
// refuses --write outside a clean repository has its own tests in test/migrate/cli-io.test.ts and cli.test.ts).

const cases = (await readdir(fixtures, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);

describe.each(cases)('fixture %s', (name) => {
  it('keeps every follow-up after --write: in the next report or as a TODO', async () => {
    const dir = join(fixtures, name);
    const extra = existsSync(join(dir, 'options.json'))
      ? JSON.parse(await readFile(join(dir, 'options.json'), 'utf8'))
      : {};
    const tmp = await copyToTemp(join(dir, 'input'));
    try {
      const dry = await migrate(options(tmp, extra));
      expect(dry.files.filter((f) => f.findings.length === 0).map((f) => f.path)).toEqual([]);
      const first = await migrate(options(tmp, { ...extra, write: true, force: true }));
      const second = await migrate(options(tmp, extra));
      expect(second.files.filter((f) => f.findings.length === 0).map((f) => f.path)).toEqual([]);
      const lost: string[] = [];
      for (const file of first.files) {
        const again = new Set(second.files.find((f) => f.path === file.path)?.findings.map((f) => f.code));
        const text = existsSync(join(tmp, file.path)) ? await readFile(join(tmp, file.path), 'utf8') : '';
        for (const finding of file.findings) {
          if (finding.level === 'info') continue;
          if (again.has(finding.code) || text.includes(`TODO(azure-migrate): ${finding.code} `)) continue;
          lost.push(`${file.path}:${finding.line} ${finding.level} ${finding.code} ${finding.message}`);
        }
      }
      expect(lost).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
