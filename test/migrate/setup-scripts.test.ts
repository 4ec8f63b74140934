// setup-env.sh and setup-env.ps1 written by migrate: rendered from the scaffolder's templates, read back exactly by a
// real bash, updated when an earlier run wrote them, and never written over a script of the user's own.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { endpointUrl } from '../../src/migrate/replacement.js';
import { options } from './helpers.js';

// The copies are not git repositories: --write runs with force, as these tests check the rewrite (the guard that
// refuses --write outside a clean repository has its own tests in test/migrate/cli-io.test.ts and cli.test.ts).

const run = promisify(execFile);
const dirs: string[] = [];

async function project(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-migrate-setup-'));
  dirs.push(dir);
  await writeFile(join(dir, 'package.json'), '{ "name": "app", "dependencies": { "openai": "^6.49.0" } }\n');
  await writeFile(join(dir, 'ai.js'), 'import OpenAI from "openai";\nexport const client = new OpenAI();\n');
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  return dir;
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The value a real bash has for AZURE_OPENAI_CHAT_ENDPOINT after sourcing the script (no terminal: no prompt). */
async function sourcedEndpoint(dir: string): Promise<{ endpoint: string; key: string }> {
  const script = `source ./setup-env.sh </dev/null 2>/dev/null; printf '%s\\0' "$AZURE_OPENAI_CHAT_ENDPOINT" "\${AZURE_OPENAI_CHAT_KEY-unset}"`;
  const { stdout } = await run('bash', ['--norc', '--noprofile', '-c', script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', AZURE_OPENAI_CHAT_KEY: "k'ey $x" },
  });
  const [endpoint = '', key = ''] = stdout.split('\0');
  return { endpoint, key };
}

describe('setup scripts', () => {
  it('writes both; bash sourcing setup-env.sh gets the exact endpoint, even one with $ ; ( ) & * !', async () => {
    const dir = await project();
    const endpoint = 'https://gateway.example.com/team$HOME/a;b(c)&d*!/';
    const expected = endpointUrl({ endpoint });
    expect(expected).toContain('$HOME/a;b(c)&d*!');
    const result = await migrate(options(dir, { endpoint, write: true, force: true }));
    expect(result.files.map((f) => [f.path, f.changed])).toContainEqual(['setup-env.sh', true]);
    expect(await sourcedEndpoint(dir)).toEqual({ endpoint: expected, key: "k'ey $x" });
    expect((await stat(join(dir, 'setup-env.sh'))).mode & 0o111).not.toBe(0);
    const ps1 = await readFile(join(dir, 'setup-env.ps1'), 'utf8');
    expect(ps1.startsWith('\ufeff')).toBe(true);
    expect(ps1).toContain(`$env:AZURE_OPENAI_CHAT_ENDPOINT = '${expected}'`);
    expect(ps1).toContain('Read-Host -AsSecureString');
  });

  it('updates scripts an earlier run wrote (keeping CRLF), and a second run changes nothing', async () => {
    const dir = await project();
    await migrate(options(dir, { resource: 'first', write: true, force: true }));
    const crlf = (await readFile(join(dir, 'setup-env.sh'), 'utf8')).replace(/\n/g, '\r\n');
    await writeFile(join(dir, 'setup-env.sh'), crlf);
    await writeFile(join(dir, 'ai.js'), 'import OpenAI from "openai";\nexport const other = new OpenAI();\n');
    const second = await migrate(options(dir, { resource: 'second', write: true, force: true }));
    const sh = second.files.find((f) => f.path === 'setup-env.sh');
    expect(sh?.changed).toBe(true);
    expect(sh?.findings.map((f) => f.code)).toEqual(['AZM032']);
    const text = await readFile(join(dir, 'setup-env.sh'), 'utf8');
    expect(text).toContain("export AZURE_OPENAI_CHAT_ENDPOINT='https://second.openai.azure.com/openai/v1/'\r\n");
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    await writeFile(join(dir, 'ai.js'), 'import OpenAI from "openai";\nexport const third = new OpenAI();\n');
    const third = await migrate(options(dir, { resource: 'second', write: true, force: true }));
    expect(third.files.filter((f) => f.path.startsWith('setup-env')).map((f) => f.changed)).toEqual([]);
  });

  it("never writes over the user's own script: reported instead", async () => {
    const own = '#!/bin/sh\nexport OPENAI_API_KEY=$(pass openai)\n';
    const dir = await project({ 'setup-env.sh': own });
    const result = await migrate(options(dir, { resource: 'contoso', write: true, force: true }));
    expect(await readFile(join(dir, 'setup-env.sh'), 'utf8')).toBe(own);
    const sh = result.files.find((f) => f.path === 'setup-env.sh');
    expect(sh?.changed).toBe(false);
    expect(sh?.findings).toEqual([
      expect.objectContaining({ level: 'warning', code: 'AZM032', message: expect.stringMatching(/your own script/) }),
    ]);
    // The PowerShell one was absent, so it is written.
    expect(result.files.find((f) => f.path === 'setup-env.ps1')?.changed).toBe(true);
  });

  it('with Entra ID the scripts set the endpoint and ask for no key', async () => {
    const dir = await project();
    await migrate(options(dir, { resource: 'contoso', auth: 'entra', write: true, force: true }));
    const { endpoint, key } = await sourcedEndpoint(dir);
    expect(endpoint).toBe('https://contoso.openai.azure.com/openai/v1/');
    expect(key).toBe("k'ey $x");
    expect(await readFile(join(dir, 'setup-env.sh'), 'utf8')).not.toContain('read -r -s');
  });
});
