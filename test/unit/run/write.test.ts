// checkDirectory and writeProject against real temp folders.
import { realpathSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKUP_PREFIX,
  checkDirectory,
  mergeEnvFiles,
  STAGING_PREFIX,
  type WriteHooks,
  WriteStopped,
  writeProject,
} from '../../../src/run/write.js';
import { UsageError } from '../../../src/shared/errors.js';
import type { FileEntry, FileMap } from '../../../src/types.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'write-test-'));
  made.push(dir);
  return dir;
}

/** Makes files (and their folders) under `root`. */
async function plant(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
}

const fileMap = (entries: Record<string, string | Uint8Array | FileEntry>): FileMap =>
  new Map(
    Object.entries(entries).map(([path, value]) => [
      path,
      typeof value === 'string' || value instanceof Uint8Array ? { contents: value } : value,
    ]),
  );

type Node =
  | { type: 'dir'; mode: number }
  | { type: 'file'; mode: number; bytes: string }
  | { type: 'link'; to: string };

/** Everything under `root`: type, permission bits and (for files) contents, keyed by relative path. */
async function tree(root: string): Promise<Record<string, Node>> {
  const result: Record<string, Node> = {};
  for (const name of (await readdir(root, { recursive: true })).sort()) {
    const path = join(root, name);
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) result[name] = { type: 'link', to: await readlink(path) };
    else if (stats.isDirectory()) result[name] = { type: 'dir', mode: stats.mode & 0o777 };
    else result[name] = { type: 'file', mode: stats.mode & 0o777, bytes: (await readFile(path)).toString('base64') };
  }
  return result;
}

/** Staging and backup folders left beside the directory (`.<basename>-…`) or in it (STAGING_PREFIX…). */
async function leftovers(directory: string): Promise<string[]> {
  const beside = await readdir(dirname(directory)).catch(() => []);
  const inside = await readdir(directory).catch(() => []);
  return [
    ...beside.filter((name) => name.startsWith(`.${basename(directory)}-`)),
    ...inside.filter((name) => name.startsWith(STAGING_PREFIX)),
  ];
}

/** Contents for a FileEntry that make writeFile throw (neither a string nor a Uint8Array). */
const unwritable = { not: 'bytes' } as unknown as Uint8Array;

/** Hooks that hold a run once its files are staged, until `resume(error?)`; `whenStaged` tells when it got there. */
function pauseAtStaged() {
  let staged!: () => void;
  let resume!: (error?: Error) => void;
  const whenStaged = new Promise<void>((resolve) => {
    staged = resolve;
  });
  const resumed = new Promise<Error | undefined>((resolve) => {
    resume = resolve;
  });
  const hooks: WriteHooks = {
    staged: async () => {
      staged();
      const error = await resumed;
      if (error) throw error;
    },
  };
  return { hooks, whenStaged, resume };
}

/** Hooks shared by `count` runs that hold each at `staged` until all have staged, so their moves race. */
function meetAtStaged(count: number): WriteHooks {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    staged: () => {
      arrived += 1;
      if (arrived === count) release();
      return all;
    },
  };
}

function withUmask<T>(mask: number, run: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  return run().finally(() => process.umask(previous));
}

const binary = Uint8Array.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x0d, 0x0a]);
const project = fileMap({
  'package.json': '{"name":"app"}\n',
  'README.md': '# app\n',
  'logo.bin': binary,
  'bin/run.sh': { contents: '#!/bin/sh\necho hi\n', mode: 0o755 },
  'src/deep/er/index.ts': 'export {};\n',
});

describe('checkDirectory', () => {
  it('reports an absent directory', async () => {
    const root = await tempRoot();
    expect(await checkDirectory(join(root, 'no', 'such', 'app'), project, false)).toBe('absent');
  });

  it('counts an empty folder and a folder holding only .git as empty', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'empty'));
    await plant(join(root, 'clone'), { '.git/HEAD': 'ref: refs/heads/main\n' });
    expect(await checkDirectory(join(root, 'empty'), project, false)).toBe('empty');
    expect(await checkDirectory(join(root, 'clone'), project, false)).toBe('empty');
  });

  it('refuses a non-empty folder without --overwrite and leaves it untouched', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await plant(directory, { 'README.md': 'mine\n', '.git/HEAD': 'x' });
    const before = await tree(directory);
    const error = await checkDirectory(directory, project, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('--overwrite');
    expect(await tree(directory)).toEqual(before);
    // A hidden file other than .git makes it non-empty too.
    await mkdir(join(root, 'hidden'));
    await writeFile(join(root, 'hidden', '.env'), 'KEY=1\n');
    await expect(checkDirectory(join(root, 'hidden'), project, false)).rejects.toBeInstanceOf(UsageError);
  });

  it('accepts a non-empty folder with --overwrite', async () => {
    const root = await tempRoot();
    await plant(root, { 'app/README.md': 'mine\n', 'app/src/other.ts': 'x' });
    expect(await checkDirectory(join(root, 'app'), project, true)).toBe('existing');
  });

  it.each([
    ['a folder where a file must go', { 'README.md/inside.txt': 'mine' }, 'README.md'],
    ['a file where a folder must go', { src: 'mine' }, 'src'],
    ['a file where a nested folder must go', { 'src/deep': 'mine' }, 'src/deep'],
  ])('refuses %s, before anything is written', async (_, user, clash) => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await plant(directory, { 'keep.txt': 'mine', ...user });
    const before = await tree(directory);
    const error = await checkDirectory(directory, project, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain(`${clash} in ${directory} is in the way`);
    expect(await tree(directory)).toEqual(before);
    expect(await leftovers(directory)).toEqual([]);
  });

  it('refuses a symlink where a file must go', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await plant(directory, { 'elsewhere.md': 'mine' });
    await symlink('elsewhere.md', join(directory, 'README.md'));
    await expect(checkDirectory(directory, project, true)).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses a directory that is a symbolic link, even to an empty folder, saying so', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'real'));
    await symlink(join(root, 'real'), join(root, 'app'));
    const error = await checkDirectory(join(root, 'app'), project, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `${join(root, 'app')} is a symbolic link: give the folder it points to, or another directory.`,
    );
    expect(await readdir(join(root, 'real'))).toEqual([]);
  });

  it('refuses a directory that is a file, with or without --overwrite', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await writeFile(directory, 'just a file');
    for (const overwrite of [false, true]) {
      const error = await checkDirectory(directory, project, overwrite).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain('not a folder');
    }
    expect(await readFile(directory, 'utf8')).toBe('just a file');
  });
});

describe('writeProject', () => {
  it.each([0o022, 0o077])(
    'creates an absent directory and its missing parents with exactly the files (umask %o)',
    async (mask) => {
      const root = await tempRoot();
      const directory = join(root, 'a', 'b', 'app');
      await withUmask(mask, async () => {
        expect(await checkDirectory(directory, project, false)).toBe('absent');
        await writeProject(directory, project, 'absent');
      });
      const files = Object.fromEntries(Object.entries(await tree(directory)).filter(([, node]) => node.type !== 'dir'));
      expect(files).toEqual({
        'README.md': { type: 'file', mode: 0o644, bytes: Buffer.from('# app\n').toString('base64') },
        'bin/run.sh': { type: 'file', mode: 0o755, bytes: Buffer.from('#!/bin/sh\necho hi\n').toString('base64') },
        'logo.bin': { type: 'file', mode: 0o644, bytes: Buffer.from(binary).toString('base64') },
        'package.json': { type: 'file', mode: 0o644, bytes: Buffer.from('{"name":"app"}\n').toString('base64') },
        'src/deep/er/index.ts': { type: 'file', mode: 0o644, bytes: Buffer.from('export {};\n').toString('base64') },
      });
      expect(Object.keys(await tree(directory)).filter((p) => !(p in files))).toEqual([
        'bin',
        'src',
        'src/deep',
        'src/deep/er',
      ]);
      expect(await leftovers(directory)).toEqual([]);
      expect(await readdir(root)).toEqual(['a']);
      expect(await readdir(join(root, 'a'))).toEqual(['b']);
    },
  );

  // BUG: the project folder is the renamed mkdtemp staging folder, and mkdtemp always makes 0700 folders, so the
  // project folder is private (drwx------) while its own subfolders and any `mkdir` follow the umask (0755 here).
  it('creates the project folder with the mode mkdir would give it', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await withUmask(0o022, () => writeProject(directory, project, 'absent'));
    expect((await stat(join(directory, 'src'))).mode & 0o777).toBe(0o755);
    expect((await stat(directory)).mode & 0o777).toBe(0o755);
  });

  it.each([
    ['an empty folder', {}],
    ['a folder holding only .git', { '.git/HEAD': 'ref: refs/heads/main\n', '.git/objects/ab/cd': binary }],
  ])('writes into %s and keeps what was there', async (_, user) => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await mkdir(directory);
    await plant(directory, user);
    const before = await tree(directory);
    expect(await checkDirectory(directory, project, false)).toBe('empty');
    await writeProject(directory, project, 'empty');
    const after = await tree(directory);
    for (const [path, node] of Object.entries(before)) expect(after[path], path).toEqual(node);
    expect(await readFile(join(directory, 'logo.bin'))).toEqual(Buffer.from(binary));
    expect((await stat(join(directory, 'bin/run.sh'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(directory, 'README.md'))).mode & 0o777).toBe(0o644);
    expect(await leftovers(directory)).toEqual([]);
  });

  it('with --overwrite keeps the copies in a folder of its own in the directory, never through a link planted there', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    const elsewhere = join(root, 'elsewhere');
    await plant(directory, { 'README.md': 'my readme\n', '.env': 'MINE=1\n' });
    await mkdir(elsewhere);
    // A link where the backup folder was once named, and where one made at this second would be.
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:.]/g, '-');
    await symlink(elsewhere, join(directory, '.create-azure-inference-app-backup'));
    await symlink(elsewhere, join(directory, `${BACKUP_PREFIX}${stamp}`));
    const files: FileMap = new Map([
      ['README.md', { contents: '# app\n' }],
      ['.env', { contents: "K='v'\n", mode: 0o600 }],
    ]);
    const written = await writeProject(directory, files, 'existing');
    expect(await readdir(elsewhere)).toEqual([]);
    const folder = written.backup?.folder ?? '';
    expect(dirname(folder)).toBe(realpathSync(directory));
    expect((await lstat(folder)).isDirectory()).toBe(true);
    expect(realpathSync(folder)).toBe(folder);
    expect(await readFile(join(folder, '.env'), 'utf8')).toBe('MINE=1\n');
    expect(await readFile(join(folder, 'README.md'), 'utf8')).toBe('my readme\n');
  });

  it('with --overwrite replaces files of the same path and nothing else', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    const userBinary = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a]);
    await plant(directory, {
      'README.md': 'my readme\n',
      'notes.txt': 'my notes\r\n',
      'image.png': userBinary,
      'src/mine.ts': 'mine\n',
      'src/deep/keep.ts': 'keep\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    const before = await tree(directory);
    expect(await checkDirectory(directory, project, true)).toBe('existing');
    const written = await writeProject(directory, project, 'existing');
    const after = await tree(directory);

    // The one file replaced is kept, as it was, in a backup folder inside the directory that git ignores.
    expect(written.backup?.files).toEqual(['README.md']);
    const backup = written.backup?.folder ?? '';
    expect(dirname(backup)).toBe(realpathSync(directory));
    expect(basename(backup).startsWith(BACKUP_PREFIX)).toBe(true);
    expect(await readFile(join(backup, 'README.md'), 'utf8')).toBe('my readme\n');
    expect(await readFile(join(backup, '.gitignore'), 'utf8')).toBe('*\n');
    for (const path of Object.keys(after)) if (path.startsWith(BACKUP_PREFIX)) delete after[path];

    // Every path the user had is still there; those the project does not write are byte for byte the same.
    for (const [path, node] of Object.entries(before)) {
      expect(after, path).toHaveProperty([path]);
      if (!project.has(path)) expect(after[path], path).toEqual(node);
    }
    expect(await readFile(join(directory, 'README.md'), 'utf8')).toBe('# app\n');
    expect(await readFile(join(directory, 'src/deep/er/index.ts'), 'utf8')).toBe('export {};\n');
    expect(await readFile(join(directory, 'image.png'))).toEqual(Buffer.from(userBinary));
    expect((await stat(join(directory, 'bin/run.sh'))).mode & 0o777).toBe(0o755);
    // Nothing but the user's paths and the project's files (and their folders) exists.
    const expected = new Set([...Object.keys(before), ...project.keys(), 'bin', 'src/deep/er']);
    expect(Object.keys(after).filter((path) => !expected.has(path))).toEqual([]);
    expect(await leftovers(directory)).toEqual([]);
  });

  it('rolls back an overwrite that fails half way through moving files in', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await plant(directory, { 'a.txt': 'user a\n', 'keep.txt': 'user keep\n', '.git/HEAD': 'ref\n' });
    const files = fileMap({
      'a.txt': 'project a\n', // replaces a user file
      'new/deep/b.txt': 'project b\n', // makes folders
      'blocked/c.txt': 'project c\n', // cannot be written: see below
      'z.txt': 'project z\n',
    });
    expect(await checkDirectory(directory, files, true)).toBe('existing');
    // After the check a file appears where the project needs a folder. (chmod 0o555 on a folder would not stop
    // root, which runs these tests; a file in the way fails for everyone.)
    await writeFile(join(directory, 'blocked'), 'appeared later\n');
    const before = await tree(directory);

    await expect(writeProject(directory, files, 'existing')).rejects.toThrow();
    expect(await tree(directory)).toEqual(before);
    expect(await leftovers(directory)).toEqual([]);
    expect(await readdir(root)).toEqual(['app']);
  });

  it('leaves an existing directory untouched when staging fails', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await plant(directory, { 'a.txt': 'user a\n', 'sub/keep.txt': 'keep\n' });
    const before = await tree(directory);
    const files = fileMap({ 'a.txt': 'project a\n', 'sub/new.txt': 'new\n', 'sub/zz.txt': { contents: unwritable } });
    expect(await checkDirectory(directory, files, true)).toBe('existing');
    await expect(writeProject(directory, files, 'existing')).rejects.toThrow();
    expect(await tree(directory)).toEqual(before);
    expect(await leftovers(directory)).toEqual([]);
  });

  it('removes the parent folders it created when writing an absent directory fails', async () => {
    const root = await tempRoot();
    await writeFile(join(root, 'sibling.txt'), 'not ours\n');
    const directory = join(root, 'x', 'y', 'app');
    const files = fileMap({ 'a.txt': 'a\n', 'sub/b.txt': 'b\n', 'sub/z.txt': { contents: unwritable } });
    expect(await checkDirectory(directory, files, false)).toBe('absent');
    await expect(writeProject(directory, files, 'absent')).rejects.toThrow();
    expect(await tree(root)).toEqual({
      'sibling.txt': { type: 'file', mode: 0o644, bytes: Buffer.from('not ours\n').toString('base64') },
    });
  });

  it('lets exactly one of two concurrent runs into the same absent directory win', async () => {
    for (let round = 0; round < 10; round++) {
      const root = await tempRoot();
      const directory = join(root, 'app');
      const one = fileMap({ 'one.txt': 'one\n', 'shared/x.txt': 'from one\n' });
      const two = fileMap({ 'two.txt': 'two\n', 'shared/x.txt': 'from two\n', 'shared/y.txt': 'two y\n' });
      const meet = meetAtStaged(2);
      const results = await Promise.allSettled([
        writeProject(directory, one, 'absent', meet),
        writeProject(directory, two, 'absent', meet),
      ]);
      const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
      expect(winners, `round ${round}`).toHaveLength(1);
      const winner = winners[0] === 0 ? one : two;
      const written = Object.fromEntries(
        Object.entries(await tree(directory)).flatMap(([path, node]) =>
          node.type === 'file' ? [[path, Buffer.from(node.bytes, 'base64').toString('utf8')]] : [],
        ),
      );
      expect(written, `round ${round}`).toEqual(Object.fromEntries([...winner].map(([path, e]) => [path, e.contents])));
      expect(await leftovers(directory), `round ${round}`).toEqual([]);
    }
  });

  it('makes the second of two overlapping runs fail without touching the first one’s project', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    const paused = pauseAtStaged();
    const first = writeProject(directory, fileMap({ 'a.txt': 'first\n' }), 'absent', paused.hooks);
    await paused.whenStaged;
    await writeProject(directory, fileMap({ 'b.txt': 'second\n' }), 'absent');
    paused.resume();
    await expect(first).rejects.toThrow();
    expect(await tree(directory)).toEqual({
      'b.txt': { type: 'file', mode: 0o644, bytes: Buffer.from('second\n').toString('base64') },
    });
    expect(await leftovers(directory)).toEqual([]);
  });

  // BUG: a run that created the directory's missing parent removes that whole folder (rm -r) when it fails, including
  // what another run (or the user) put there meanwhile. Here run A creates `missing/`, run B then writes its whole
  // project to missing/app, A fails, and B's finished project is deleted with `missing/`.
  it('does not delete another run’s project when a run that created the parent fails', async () => {
    const root = await tempRoot();
    const directory = join(root, 'missing', 'app');
    const paused = pauseAtStaged();
    const first = writeProject(directory, fileMap({ 'a.txt': 'first\n' }), 'absent', paused.hooks);
    await paused.whenStaged; // A has made missing/ and its staging folder
    await writeProject(directory, fileMap({ 'b.txt': 'second\n' }), 'absent');
    expect(await readFile(join(directory, 'b.txt'), 'utf8')).toBe('second\n');
    paused.resume(new Error('simulated write failure'));
    await expect(first).rejects.toThrow('simulated write failure');
    expect(await readFile(join(directory, 'b.txt'), 'utf8')).toBe('second\n');
  });
});

describe("--overwrite and the user's .env", () => {
  it('merges: our variables take the place of theirs, their other lines stay in order', () => {
    const theirs =
      '# mine\nDB_PASSWORD=s3cret\nAZURE_OPENAI_CHAT_KEY=old\nexport OTHER=1\n\nAZURE_OPENAI_CHAT_KEY=dup\n';
    const ours = "# ours\nAZURE_OPENAI_CHAT_ENDPOINT='https://x'\nAZURE_OPENAI_CHAT_KEY='new'\n";
    expect(mergeEnvFiles(theirs, ours)).toBe(
      "# mine\nDB_PASSWORD=s3cret\nAZURE_OPENAI_CHAT_KEY='new'\nexport OTHER=1\n\n# ours\nAZURE_OPENAI_CHAT_ENDPOINT='https://x'\n",
    );
    expect(mergeEnvFiles('', ours)).toBe(ours);
  });

  it('keeps their line endings: CRLF stays CRLF, our new lines included', () => {
    const ours = "# ours\nAZURE_OPENAI_CHAT_ENDPOINT='https://x'\nAZURE_OPENAI_CHAT_KEY='new'\n";
    expect(mergeEnvFiles('# mine\r\nDB_PASSWORD=s3cret\r\nAZURE_OPENAI_CHAT_KEY=old\r\n', ours)).toBe(
      "# mine\r\nDB_PASSWORD=s3cret\r\nAZURE_OPENAI_CHAT_KEY='new'\r\n# ours\r\nAZURE_OPENAI_CHAT_ENDPOINT='https://x'\r\n",
    );
    // Without a final line ending, the file gets one of its own kind.
    expect(mergeEnvFiles('DB_PASSWORD=s3cret\r\nAZURE_OPENAI_CHAT_KEY=old', ours)).toBe(
      "DB_PASSWORD=s3cret\r\nAZURE_OPENAI_CHAT_KEY='new'\r\n# ours\r\nAZURE_OPENAI_CHAT_ENDPOINT='https://x'\r\n",
    );
    // A file of mixed endings keeps each line's own; new lines take the first one it uses.
    expect(mergeEnvFiles('A=1\nAZURE_OPENAI_CHAT_KEY=old\r\nB=2\n', ours)).toBe(
      "A=1\nAZURE_OPENAI_CHAT_KEY='new'\r\nB=2\n# ours\nAZURE_OPENAI_CHAT_ENDPOINT='https://x'\n",
    );
  });

  it("writes the merged .env (0600) and keeps the user's original in the backup", async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    await plant(directory, { '.env': 'DB_PASSWORD=s3cret\nAZURE_OPENAI_CHAT_KEY=old\n' });
    const files = fileMap({ '.env': { contents: "AZURE_OPENAI_CHAT_KEY='new'\n", mode: 0o600 }, 'a.txt': 'a\n' });
    const written = await writeProject(directory, files, 'existing');
    expect(await readFile(join(directory, '.env'), 'utf8')).toBe("DB_PASSWORD=s3cret\nAZURE_OPENAI_CHAT_KEY='new'\n");
    expect((await stat(join(directory, '.env'))).mode & 0o777).toBe(0o600);
    expect(written.backup?.files).toEqual(['.env']);
    expect(await readFile(join(written.backup?.folder ?? '', '.env'), 'utf8')).toBe(
      'DB_PASSWORD=s3cret\nAZURE_OPENAI_CHAT_KEY=old\n',
    );
  });
});

describe('where the project is staged', () => {
  it.each(['empty', 'existing'] as const)(
    'inside an %s directory (a mount point, or a read-only parent), never beside it',
    async (state) => {
      const root = await tempRoot();
      const directory = join(root, 'app');
      await mkdir(directory);
      await plant(directory, state === 'existing' ? { 'mine.txt': 'mine\n' } : {});
      let seen: { inside: string[]; beside: string[] } | undefined;
      await writeProject(directory, fileMap({ 'a.txt': 'a\n' }), state, {
        staged: async () => {
          seen = {
            inside: (await readdir(directory)).filter((name) => name.startsWith(STAGING_PREFIX)),
            beside: (await readdir(root)).filter((name) => name !== 'app'),
          };
        },
      });
      expect(seen?.inside).toHaveLength(1);
      expect(seen?.beside).toEqual([]);
      expect(await leftovers(directory)).toEqual([]);
    },
  );

  it('beside an absent directory', async () => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    let beside: string[] = [];
    await writeProject(directory, fileMap({ 'a.txt': 'a\n' }), 'absent', {
      staged: async () => {
        beside = await readdir(root);
      },
    });
    expect(beside).toHaveLength(1);
    expect(beside[0]).toMatch(/^\.app-/);
  });
});

describe('a stop asked for while staging', () => {
  it.each(['absent', 'existing'] as const)('into an %s directory leaves nothing of the project', async (state) => {
    const root = await tempRoot();
    const directory = join(root, 'app');
    if (state === 'existing') await plant(directory, { 'a.txt': 'user a\n' });
    const before = state === 'existing' ? await tree(directory) : undefined;
    const files = fileMap({
      'a.txt': 'project a\n',
      ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, `${i}\n`])),
    });
    let asked = 0;
    await expect(writeProject(directory, files, state, { stopped: () => ++asked > 5 })).rejects.toBeInstanceOf(
      WriteStopped,
    );
    if (before) expect(await tree(directory)).toEqual(before);
    else expect(await readdir(root)).toEqual([]);
    expect(await leftovers(directory)).toEqual([]);
  });
});
