// The flags of `migrate` and the exit codes of runMigrate: usage errors are 2 and write nothing.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseMigrateArgs } from '../../src/migrate/command/args.js';
import { MIGRATE_HELP } from '../../src/migrate/command/help.js';
import { MIGRATE_FLAGS } from '../../src/migrate/command/options.js';
import { runMigrate } from '../../src/migrate/index.js';
import { copyToTemp, fixtures } from './helpers.js';

const git = promisify(execFile);

function io(cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  return { io: { stdout, stderr, cwd, env: { PATH: process.env.PATH } }, out: () => out, err: () => err };
}

describe('parseMigrateArgs', () => {
  it.each([
    [['--sdk', 'anthropic'], /--sdk/],
    [['--auth', 'password'], /--auth/],
    [['--resource', '-bad-'], /--resource/],
    [['--resource', 'a'], /--resource/],
    [['--resource', 'x', '--endpoint', 'https://x'], /not both/],
    [['--endpoint', 'http://contoso.openai.azure.com'], /https/],
    [['--deployment', 'bad name'], /deployment/],
    [['--deployment', 'a', '--deployment', 'b'], /twice/],
    [['--deployment', 'gpt-4o=x', '--deployment', 'x=y'], /both/],
    [['--nope'], /nope/],
    [['a', 'b'], /one path/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseMigrateArgs(argv)).toThrow(message);
  });

  it('names every bad value at once, each with its flag and rule', () => {
    expect(() => parseMigrateArgs(['--sdk', 'anthropic', '--auth', 'password', '--deployment', 'gpt 4o=chat'])).toThrow(
      [
        '--sdk "anthropic": use one of: azure-inference, openai',
        '--auth "password": use one of: key, entra',
        '--deployment "gpt 4o=chat": the model name before = ',
      ].join('\n'),
    );
  });

  it('--help lists every flag of the option table, with its help', () => {
    for (const flag of MIGRATE_FLAGS) {
      expect(MIGRATE_HELP).toMatch(
        new RegExp(
          `--${flag.name}${flag.hint ? ` ${flag.hint}` : ''} +${flag.help.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`,
        ),
      );
    }
  });

  it('reads every flag', () => {
    const { options, json } = parseMigrateArgs([
      'app',
      '--auth=entra',
      '--resource',
      'Contoso-1',
      '--deployment',
      'chat',
      '--deployment',
      'gpt-4o=gpt-4o-prod',
      '--write',
      '--json',
      '--strict',
      '--include-tests',
      '--upgrade-sdk',
    ]);
    expect(json).toBe(true);
    expect(options).toMatchObject({
      path: 'app',
      auth: 'entra',
      resource: 'Contoso-1',
      deployments: { default: 'chat', byModel: { 'gpt-4o': 'gpt-4o-prod' } },
      write: true,
      strict: true,
      includeTests: true,
      upgradeSdk: true,
    });
    expect(parseMigrateArgs([]).options).not.toHaveProperty('includeTests');
    expect(MIGRATE_HELP).toMatch(/--include-tests .*\n.*--upgrade-sdk /);
  });
});

describe('runMigrate', () => {
  it('--json prints one object; --strict exits 1 on an error finding', async () => {
    const tmp = await copyToTemp(join(fixtures, 'cross-file', 'input'));
    try {
      const plain = io(tmp);
      expect(await runMigrate(['--json'], plain.io)).toBe(0);
      const result = JSON.parse(plain.out());
      expect(result.ok).toBe(true);
      expect(result.files.map((f: { path: string }) => f.path)).toEqual([
        '.env.example',
        'setup-env.ps1',
        'setup-env.sh',
        'src/client.ts',
        'src/routes/chat.ts',
      ]);
      const strict = io(tmp);
      expect(await runMigrate(['.', '--strict'], strict.io)).toBe(1);
      expect(strict.out()).toContain('+++ b/src/client.ts');
      expect(strict.err()).toContain('AZM014');
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('refuses a dirty git work tree without --force, and a missing path, with exit 2 and nothing written', async () => {
    const tmp = await copyToTemp(join(fixtures, 'default-import', 'input'));
    try {
      await git('git', ['init', '-q'], { cwd: tmp });
      await mkdir(join(tmp, 'more'));
      await writeFile(join(tmp, 'more', 'x.ts'), 'export {};\n');
      const before = await readFile(join(tmp, 'src', 'ai.ts'), 'utf8');
      const dirty = io(tmp);
      expect(await runMigrate(['--write'], dirty.io)).toBe(2);
      expect(dirty.err()).toMatch(/uncommitted/);
      expect(await readFile(join(tmp, 'src', 'ai.ts'), 'utf8')).toBe(before);
      expect(await runMigrate(['missing-folder'], io(tmp).io)).toBe(2);
      expect(await runMigrate(['--write', '--force'], io(tmp).io)).toBe(0);
      expect(await readFile(join(tmp, 'src', 'ai.ts'), 'utf8')).toContain('AZURE_OPENAI_CHAT_ENDPOINT');
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
