// The real-code corpus: each entry of corpus/corpus.json names a public repository, the commit it was read at and the
// shape of its OpenAI (or Azure) code; corpus/<name>/input/ is a small project written here in that shape. Each is
// migrated as a reviewer would: committed to git, a dry run, --write, then --write again, and checked against
// invariants that do not depend on finding codes or wording:
//   unchanged / changed        byte-identical (or not) after --write
//   absent                     the file does not exist after --write
//   mustContain / mustNotContain   substrings of a file after --write
//   maxOccurrences             a substring occurs at most n times in a file after --write
//   levels                     the dry run has a finding of each given level for the file
//   listed                     the dry run lists the file with at least one finding
//   everyListedFileHasFinding  no file is listed without a finding
//   noClaimOfChange            no finding on the file says that something "now" happens (the code did not move)
//   idempotent                 the second --write changes nothing
// And for every entry: the dry run writes nothing, and --write reports as changed exactly the files that differ.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import type { MigrateOptions, MigrateResult } from '../../src/migrate/types.js';
import { options } from './helpers.js';

type Level = 'error' | 'warning' | 'info';

interface Expect {
  unchanged?: string[];
  changed?: string[];
  absent?: string[];
  mustContain?: Record<string, string[]>;
  mustNotContain?: Record<string, string[]>;
  maxOccurrences?: Record<string, Record<string, number>>;
  levels?: Record<string, Level[]>;
  listed?: string[];
  everyListedFileHasFinding?: boolean;
  noClaimOfChange?: string[];
  idempotent?: boolean;
}

interface Entry {
  name: string;
  repository: string;
  commit: string;
  shape: string;
  options?: Partial<MigrateOptions>;
  expect: Expect;
}

const corpus = fileURLToPath(new URL('./corpus/', import.meta.url));
const entries: Entry[] = JSON.parse(await readFile(join(corpus, 'corpus.json'), 'utf8'));

/** Every file under dir (but .git), by relative path with forward slashes, as bytes. */
async function readBytes(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path === '.git' || path.startsWith('.git/')) continue;
    out.set(path, await readFile(join(dir, path)));
  }
  return out;
}

function differing(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !(a.get(p) && b.get(p) && a.get(p)?.equals(b.get(p) as Buffer))).sort();
}

/** git with none of the caller's GIT_* variables, so the commits land in the temporary folder. */
function git(cwd: string, args: string[]): void {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  execFileSync('git', ['-c', 'user.name=corpus', '-c', 'user.email=corpus@example.com', ...args], {
    cwd,
    env,
    stdio: 'ignore',
  });
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Every way the run breaks the entry's invariants, as sentences. */
function check(
  e: Expect,
  input: Map<string, Buffer>,
  after: Map<string, Buffer>,
  dry: MigrateResult,
  written: MigrateResult,
): string[] {
  const bad: string[] = [];
  const text = (path: string) => after.get(path)?.toString('utf8');
  for (const path of e.unchanged ?? []) {
    if (!input.has(path)) bad.push(`unchanged: ${path} is not in the input`);
    else if (!after.get(path)?.equals(input.get(path) as Buffer)) bad.push(`${path} changed`);
  }
  for (const path of e.changed ?? []) {
    if (after.get(path)?.equals(input.get(path) ?? Buffer.alloc(0)) !== false) bad.push(`${path} not changed`);
  }
  for (const path of e.absent ?? []) if (after.has(path)) bad.push(`${path} was written`);
  for (const [path, needles] of Object.entries(e.mustContain ?? {})) {
    for (const needle of needles)
      if (!text(path)?.includes(needle)) bad.push(`${path} lacks ${JSON.stringify(needle)}`);
  }
  for (const [path, needles] of Object.entries(e.mustNotContain ?? {})) {
    for (const needle of needles) if (text(path)?.includes(needle)) bad.push(`${path} has ${JSON.stringify(needle)}`);
  }
  for (const [path, limits] of Object.entries(e.maxOccurrences ?? {})) {
    for (const [needle, max] of Object.entries(limits)) {
      const n = count(text(path) ?? '', needle);
      if (n > max) bad.push(`${path} has ${JSON.stringify(needle)} ${n} times (at most ${max})`);
    }
  }
  const findings = (path: string) => dry.files.find((f) => f.path === path)?.findings ?? [];
  for (const [path, levels] of Object.entries(e.levels ?? {})) {
    for (const level of levels) {
      if (!findings(path).some((f) => f.level === level)) bad.push(`${path}: no ${level} finding`);
    }
  }
  for (const path of e.listed ?? []) if (findings(path).length === 0) bad.push(`${path}: not listed with a finding`);
  if (e.everyListedFileHasFinding) {
    for (const f of dry.files) if (f.findings.length === 0) bad.push(`${f.path}: listed with no finding`);
  }
  for (const path of e.noClaimOfChange ?? []) {
    for (const f of findings(path)) {
      if (/\bnow\b/i.test(f.message)) bad.push(`${path}:${f.line} claims a change: ${f.message}`);
    }
  }
  const reported = written.files.filter((f) => f.changed).map((f) => f.path);
  const onDisk = differing(input, after);
  if (JSON.stringify(reported.sort()) !== JSON.stringify(onDisk)) {
    bad.push(`reported changed ${JSON.stringify(reported)}, differ on disk ${JSON.stringify(onDisk)}`);
  }
  return bad;
}

describe.each(entries.map((e) => [e.name, e] as const))('corpus %s', (name, entry) => {
  it(`${entry.repository}@${entry.commit.slice(0, 7)}: ${entry.shape}`, async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'azure-migrate-corpus-'));
    try {
      await cp(join(corpus, name, 'input'), tmp, { recursive: true });
      git(tmp, ['init', '-q']);
      git(tmp, ['add', '-A']);
      git(tmp, ['commit', '-q', '-m', 'input']);
      const input = await readBytes(tmp);

      const dry = await migrate(options(tmp, entry.options));
      expect(differing(input, await readBytes(tmp)), 'the dry run wrote').toEqual([]);

      const written = await migrate(options(tmp, { ...entry.options, write: true }));
      const after = await readBytes(tmp);
      const bad = check(entry.expect, input, after, dry, written);

      git(tmp, ['add', '-A']);
      git(tmp, ['commit', '-q', '--allow-empty', '-m', 'migrated']);
      const again = await migrate(options(tmp, { ...entry.options, write: true }));
      if (entry.expect.idempotent) {
        const second = differing(after, await readBytes(tmp));
        const claimed = again.files.filter((f) => f.changed).map((f) => f.path);
        if (second.length > 0 || claimed.length > 0) {
          bad.push(`second --write changed ${JSON.stringify(second)}, reported ${JSON.stringify(claimed)}`);
        }
      }
      expect(bad, `${name}:\n${bad.join('\n')}\n`).toEqual([]);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }, 60_000);
});
