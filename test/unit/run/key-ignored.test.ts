// The project's own .gitignore decides whether git ignores its .env: read here as git reads it (checked against
// `git check-ignore` itself), and a rule added to the files when it would not.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ignoresEnvFile, withKeyIgnored } from '../../../src/run/git.js';
import type { FileEntry, FileMap } from '../../../src/types.js';
import { tempDir } from '../../helpers/cli.js';

const BUILT_IN = readFileSync(join(import.meta.dirname, '../../../templates/_shared/_gitignore'), 'utf8');

const CASES: readonly [string, boolean][] = [
  [BUILT_IN, true],
  ['', false],
  ['node_modules/\n', false],
  ['.env\n', true],
  ['/.env\n', true],
  ['**/.env\n', true],
  ['.env*\n', true],
  ['*.env\n', true],
  ['.e?v\n', true],
  ['.[e]nv\n', true],
  ['.[!e]nv\n', false],
  ['*\n', true],
  ['.env/\n', false],
  ['sub/.env\n', false],
  ['.env\n!.env\n', false],
  ['.env\n!.env.example\n', true],
  ['*\n!.env\n', false],
  ['!.env\n.env\n', true],
  ['# .env\n', false],
  ['\\#.env\n', false],
  ['.env   \n', true],
  ['.env\r\n', true],
  ['.ENV\n', false],
  ['.env.*\n', false],
];

describe('ignoresEnvFile', () => {
  it('agrees with git check-ignore on every case', async () => {
    const dir = await tempDir();
    for (const [i, [gitignore, expected]] of CASES.entries()) {
      const repo = join(dir, String(i));
      mkdirSync(repo);
      execFileSync('git', ['init', '--quiet'], { cwd: repo, env: { PATH: process.env.PATH, HOME: dir } });
      writeFileSync(join(repo, '.gitignore'), gitignore);
      writeFileSync(join(repo, '.env'), 'KEY=x\n');
      let byGit: boolean;
      try {
        execFileSync('git', ['check-ignore', '--quiet', '.env'], {
          cwd: repo,
          env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
        });
        byGit = true;
      } catch {
        byGit = false;
      }
      expect([JSON.stringify(gitignore), byGit]).toEqual([JSON.stringify(gitignore), expected]);
      expect([JSON.stringify(gitignore), ignoresEnvFile(gitignore)]).toEqual([JSON.stringify(gitignore), expected]);
    }
  });
});

describe('withKeyIgnored', () => {
  const env: FileEntry = { contents: "AZURE_OPENAI_CHAT_KEY='k'\n", mode: 0o600 };
  it.each<[string, FileMap, string | undefined, string | undefined, string | undefined]>([
    ['no key: nothing changes', new Map([['.gitignore', { contents: 'x\n' }]]), undefined, undefined, undefined],
    [
      'a covering .gitignore: nothing changes',
      new Map([
        ['.env', env],
        ['.gitignore', { contents: '.env\n' }],
      ]),
      undefined,
      undefined,
      undefined,
    ],
    [
      "the template's, without .env",
      new Map([
        ['.env', env],
        ['.gitignore', { contents: 'dist' }],
      ]),
      'mine/\n',
      'dist\n.env\n',
      "Added .env to .gitignore: the template's",
    ],
    ['none at all', new Map([['.env', env]]), undefined, '.env\n', 'Added a .gitignore that ignores .env'],
    ["the user's, without .env", new Map([['.env', env]]), 'dist/\n', 'dist/\n.env\n', 'Added .env to your .gitignore'],
    ["the user's, with .env", new Map([['.env', env]]), '.env\n', undefined, undefined],
  ])('%s', (_, files, theirs, written, note) => {
    const result = withKeyIgnored(files, theirs);
    const gitignore = result.files.get('.gitignore')?.contents;
    if (written === undefined) expect(result.files).toBe(files);
    else expect(gitignore).toBe(written);
    if (note === undefined) expect(result.note).toBeUndefined();
    else expect(result.note).toContain(note);
    if (result.files.has('.env'))
      expect(ignoresEnvFile(String(result.files.get('.gitignore')?.contents ?? theirs ?? ''))).toBe(true);
  });
});
