// The finding catalogue is the one list of codes: every code the source reports is in it, every code in it is
// produced by a fixture (or, for those no fixture can produce, by the test named here), every level a fixture
// reports is one its code allows, and docs/migrate.md shows the same table.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/migrate/catalogue.js';
import { fixtures } from './helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Codes no fixture can produce, and the test that produces each instead. */
const NOT_FROM_FIXTURES: Record<string, string> = {
  AZM091: 'only a bug in migrate produces it',
  AZM092: 'a write that fails (permissions, disk space): test/migrate/cli-io.test.ts',
  AZM093: 'a file that is not UTF-8, which the fixtures, read as text, cannot hold: test/migrate/files.test.ts',
  AZM094: 'a symbolic link, which the fixture copies do not keep: test/migrate/files.test.ts',
  AZM095: 'a file over 4 MiB: test/migrate/files.test.ts',
  AZM096: 'a FIFO, which git cannot hold: test/migrate/cli-io.test.ts',
};

async function sourceCodes(): Promise<Set<string>> {
  const dir = join(root, 'src', 'migrate');
  const codes = new Set<string>();
  for (const name of await readdir(dir, { recursive: true })) {
    if (!name.endsWith('.ts') || name === 'catalogue.ts' || name.startsWith('catalogue/')) continue;
    for (const match of (await readFile(join(dir, name), 'utf8')).matchAll(/['"`](AZM\d{3})\b/g)) {
      if (match[1]) codes.add(match[1]);
    }
  }
  return codes;
}

async function fixtureFindings(): Promise<Array<{ fixture: string; level: string; code: string }>> {
  const out: Array<{ fixture: string; level: string; code: string }> = [];
  for (const fixture of await readdir(fixtures)) {
    const report = JSON.parse(await readFile(join(fixtures, fixture, 'report.json'), 'utf8')) as Record<
      string,
      string[]
    >;
    for (const line of Object.values(report).flat()) {
      const [, level = '', code = ''] = line.split(' ');
      out.push({ fixture, level, code });
    }
  }
  return out;
}

describe('finding catalogue', () => {
  it('lists every code the source reports', async () => {
    const codes = await sourceCodes();
    expect(codes.size).toBeGreaterThan(20);
    expect([...codes].filter((code) => !Object.hasOwn(CATALOGUE, code))).toEqual([]);
  });

  it('every code is produced by some fixture, at a level the catalogue gives it', async () => {
    const findings = await fixtureFindings();
    const produced = new Set(findings.map((f) => f.code));
    const missing = Object.keys(CATALOGUE).filter((code) => !produced.has(code) && !(code in NOT_FROM_FIXTURES));
    expect(missing).toEqual([]);
    const wrongLevel = findings.filter(
      (f) => !(CATALOGUE[f.code as keyof typeof CATALOGUE]?.levels as readonly string[] | undefined)?.includes(f.level),
    );
    expect(wrongLevel).toEqual([]);
  });

  it('docs/migrate.md has the same table', async () => {
    const doc = await readFile(join(root, 'docs', 'migrate.md'), 'utf8');
    const rows = doc.split('\n').filter((line) => /^\| AZM\d{3} \|/.test(line));
    const expected = Object.entries(CATALOGUE).map(
      ([code, entry]) =>
        `| ${code} | ${entry.levels.join(', ')} | ${entry.title.replace(/\|/g, '\\|')} | ${entry.todo.replace(/\|/g, '\\|')} |`,
    );
    expect(rows).toEqual(expected);
  });
});
