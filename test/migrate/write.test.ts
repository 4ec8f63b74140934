// The pieces under --write and the dry run's diff: applyAll's all-or-nothing, the report of a write stopped part way,
// and a diff that shows every change it stands for.
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { quotePath, unifiedDiff } from '../../src/migrate/command/diff.js';
import { formatReport } from '../../src/migrate/command/print.js';
import { applyAll } from '../../src/migrate/command/write.js';
import type { MigrateResult } from '../../src/migrate/types.js';
import { visible } from '../../src/shared/text.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-migrate-write-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('applyAll', () => {
  it('writes every change, keeps modes, leaves no temporary file', async () => {
    const dir = await folder({ 'a.ts': 'a', 'src/b.ts': 'b' });
    const applied = await applyAll(
      dir,
      [
        { path: 'a.ts', text: 'A' },
        { path: 'src/b.ts', text: 'B' },
        { path: 'setup-env.sh', text: 'S', mode: 0o755 },
      ],
      () => undefined,
    );
    expect(applied).toEqual({ written: ['a.ts', 'src/b.ts', 'setup-env.sh'] });
    expect(await readFile(join(dir, 'src/b.ts'), 'utf8')).toBe('B');
    expect((await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a signal before the renames: nothing written, nothing staged left', async () => {
    const dir = await folder({ 'a.ts': 'a', 'b.ts': 'b' });
    let calls = 0;
    // Seen on the check after the last file was staged.
    const applied = await applyAll(
      dir,
      [
        { path: 'a.ts', text: 'A' },
        { path: 'b.ts', text: 'B' },
      ],
      () => (++calls > 2 ? 'SIGTERM' : undefined),
    );
    expect(applied).toEqual({ written: [], signal: 'SIGTERM' });
    expect(await readdir(dir)).toEqual(['a.ts', 'b.ts']);
    expect(await readFile(join(dir, 'a.ts'), 'utf8')).toBe('a');
  });

  it('a target swapped for a link after staging: the renames stop there, and say what was written', async () => {
    const swapped = await folder({ 'a.ts': 'a', 'b.ts': 'b', 'c.ts': 'c', 'elsewhere.ts': 'mine' });
    let looks = 0;
    const partial = await applyAll(
      swapped,
      [
        { path: 'a.ts', text: 'A' },
        { path: 'b.ts', text: 'B' },
        { path: 'c.ts', text: 'C' },
      ],
      () => {
        if (++looks === 4) {
          // Synchronously, right before the renames.
          rmSync(join(swapped, 'b.ts'));
          symlinkSync(join(swapped, 'elsewhere.ts'), join(swapped, 'b.ts'));
        }
        return undefined;
      },
    );
    expect(partial.written).toEqual(['a.ts']);
    expect(partial.failure?.path).toBe('b.ts');
    expect(partial.failure?.error.message).toMatch(/no longer a regular file/);
    expect(await readFile(join(swapped, 'a.ts'), 'utf8')).toBe('A');
    expect(await readFile(join(swapped, 'c.ts'), 'utf8')).toBe('c');
    expect(await readFile(join(swapped, 'elsewhere.ts'), 'utf8')).toBe('mine');
    expect((await readdir(swapped)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a file edited after it was read: nothing is written, and the failure names it', async () => {
    const dir = await folder({ 'a.ts': 'a', 'b.ts': 'b' });
    await writeFile(join(dir, 'b.ts'), 'b, saved again by an editor');
    const applied = await applyAll(
      dir,
      [
        { path: 'a.ts', text: 'A', before: 'a' },
        { path: 'b.ts', text: 'B', before: 'b' },
      ],
      () => undefined,
    );
    expect(applied.written).toEqual([]);
    expect(applied.failure?.path).toBe('b.ts');
    expect(applied.failure?.error.message).toMatch(/changed since it was read/);
    expect(await readFile(join(dir, 'a.ts'), 'utf8')).toBe('a');
    expect(await readFile(join(dir, 'b.ts'), 'utf8')).toBe('b, saved again by an editor');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a file edited between staging and the renames: the renames stop there', async () => {
    const dir = await folder({ 'a.ts': 'a', 'b.ts': 'b' });
    let looks = 0;
    const applied = await applyAll(
      dir,
      [
        { path: 'a.ts', text: 'A', before: 'a' },
        { path: 'b.ts', text: 'B', before: 'b' },
      ],
      () => {
        // Synchronously, right before the renames.
        if (++looks === 3) writeFileSync(join(dir, 'b.ts'), 'edited');
        return undefined;
      },
    );
    expect(applied.written).toEqual(['a.ts']);
    expect(applied.failure?.error.message).toMatch(/changed since it was read/);
    expect(await readFile(join(dir, 'b.ts'), 'utf8')).toBe('edited');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a file that appeared where a new one goes, or was removed since it was read, is left as it is', async () => {
    const dir = await folder({ '.env.example': 'MINE=1\n' });
    const applied = await applyAll(dir, [{ path: '.env.example', text: 'NEW=1\n', before: '' }], () => undefined);
    expect(applied.failure?.error.message).toMatch(/changed since it was read/);
    expect(await readFile(join(dir, '.env.example'), 'utf8')).toBe('MINE=1\n');
    const removed = await applyAll(dir, [{ path: 'gone.ts', text: 'A', before: 'a' }], () => undefined);
    expect(removed.failure?.error.message).toMatch(/changed since it was read/);
    expect(await readdir(dir)).toEqual(['.env.example']);
  });

  it('a read-only file is not replaced (the folder being writable is no permission to change it)', async () => {
    const dir = await folder({ 'a.ts': 'a', 'b.ts': 'b' });
    await chmod(join(dir, 'b.ts'), 0o444);
    const applied = await applyAll(
      dir,
      [
        { path: 'a.ts', text: 'A', before: 'a' },
        { path: 'b.ts', text: 'B', before: 'b' },
      ],
      () => undefined,
    );
    expect(applied.written).toEqual([]);
    expect(applied.failure?.path).toBe('b.ts');
    expect(applied.failure?.error.message).toMatch(/read-only/);
    expect(await readFile(join(dir, 'b.ts'), 'utf8')).toBe('b');
    expect(await readFile(join(dir, 'a.ts'), 'utf8')).toBe('a');
  });
});

describe('the report of an unfinished --write', () => {
  const base: MigrateResult = {
    ok: false,
    files: [
      { path: 'a.ts', changed: true, findings: [] },
      { path: 'b.ts', changed: false, findings: [] },
    ],
    summary: {
      dryRun: false,
      sdk: 'openai',
      auth: 'key',
      filesScanned: 2,
      filesListed: 2,
      filesChanged: 1,
      clientsRewritten: 2,
      clientsLeft: 0,
      errors: 1,
      warnings: 0,
      infos: 0,
    },
    exitCode: 1,
  };

  it('lists what was written and what was not, and the command that finishes', () => {
    const text = formatReport({
      ...base,
      incomplete: {
        reason: 'b.ts: EACCES: permission denied',
        written: ['a.ts'],
        left: ['b.ts'],
        finish: 'npx create-azure-inference-app@latest migrate . --write --force',
      },
    });
    expect(text).toContain('a.ts (changed)\nb.ts\n');
    expect(text).toContain(
      'Not finished (b.ts: EACCES: permission denied): 1 file(s) written (marked changed above), 1 not:\n  b.ts\n' +
        'To finish, run:\n  npx create-azure-inference-app@latest migrate . --write --force\n',
    );
  });

  it('the last line says what was written, and the variables come only once the clients moved', () => {
    const last = (text: string) => text.trimEnd().split('\n').slice(-2);
    const advice = 'Before running the code, set the variables the findings above name where the code runs.';
    const errors = expect.stringMatching(/^Errors need a person/);
    const done = formatReport({ ...base, ok: true, exitCode: 0 });
    expect(last(done)).toEqual([errors, advice]);
    const stopped = (written: string[], left: string[]) =>
      formatReport({ ...base, incomplete: { reason: 'stopped by SIGINT', written, left } });
    expect(last(stopped([], ['a.ts', 'b.ts']))).toEqual([
      errors,
      'Nothing was written (stopped by SIGINT): every file is as it was.',
    ]);
    expect(last(stopped(['a.ts', 'b.ts'], []))).toEqual([
      'All 2 file(s) were written before the run stopped (stopped by SIGINT).',
      advice,
    ]);
    expect(stopped(['a.ts'], ['b.ts'])).not.toContain('set the variables');
    const dry = formatReport({ ...base, summary: { ...base.summary, dryRun: true } });
    expect(last(dry)).toEqual([
      errors,
      'Dry run: nothing written. Run again with --write to apply these changes, then set the variables the findings above name where the code runs.',
    ]);
    const none = { ...base.summary, dryRun: true, clientsRewritten: 0 };
    expect(
      formatReport({ ...base, summary: none })
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('Dry run: nothing written. Run again with --write to apply these changes.');
  });

  it('a dry run says "to change", never "changed"', () => {
    const text = formatReport({ ...base, summary: { ...base.summary, dryRun: true } });
    expect(text).toContain('a.ts (to change)\n');
    expect(text).toContain('1 to change; 2 client(s) to move, 0 left as they were;');
    expect(text).not.toContain('(changed)');
  });
});

describe('the diff', () => {
  it('quotes a name with a line break, a quote or a control character as git does', () => {
    expect(quotePath('src/plain name.ts')).toBe('src/plain name.ts');
    expect(quotePath('a\nb.ts')).toBe('"a\\nb.ts"');
    expect(quotePath('a"\\\t.ts')).toBe('"a\\"\\\\\\t.ts"');
    expect(quotePath('\u001b]2;x\u0007.ts')).toBe('"\\x1b]2;x\\x07.ts"');
    expect(unifiedDiff('x\ny.ts', 'a\n', 'b\n').split('\n').slice(0, 2)).toEqual([
      '--- "a/x\\ny.ts"',
      '+++ "b/x\\ny.ts"',
    ]);
  });

  it('a change of line ending only shows, unless every line ends in CRLF', () => {
    const diff = unifiedDiff('f.ts', 'one\r\ntwo\n', 'one\ntwo\n');
    expect(visible(diff)).toContain('-one\\x0d\n+one\n');
    expect(unifiedDiff('g.ts', 'one\r\ntwo\r\n', 'one\r\nTWO\r\n')).toContain('-two\n+TWO\n');
  });

  it('any two different texts give a diff whose removed and added lines, as printed, differ', () => {
    const line = fc
      .array(fc.constantFrom('a', '\r', '\u00e9', '\ufffd', '\u001b', ' '), { maxLength: 3 })
      .map((c) => c.join(''));
    const text = fc.array(line, { maxLength: 5 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = visible(unifiedDiff('f.ts', before, after));
        if (before === after) return diff === '';
        const body = diff.split('\n').slice(2);
        const removed = body.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
        const added = body.filter((l) => l.startsWith('+')).map((l) => l.slice(1));
        const marks = body.filter((l) => l.startsWith('\\')).length;
        return marks > 0 || JSON.stringify(removed) !== JSON.stringify(added);
      }),
      { numRuns: 2000 },
    );
  });
});
