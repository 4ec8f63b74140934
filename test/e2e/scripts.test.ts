// The generated setup scripts in real shells: bash and zsh read back the exact values, shellcheck is clean, and
// running the bash script instead of sourcing it is refused.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { render } from '../../src/project/render.js';
import { writeProject } from '../../src/run/write.js';
import type { FileMap } from '../../src/types.js';
import { tempDir } from '../helpers/cli.js';
import { optionsFrom } from '../helpers/options.js';
import { needs } from '../helpers/system-tools.js';

const run = promisify(execFile);

async function project(flags: string[]): Promise<{ dir: string; files: FileMap }> {
  const dir = join(await tempDir(), 'app');
  const files = await render(await optionsFrom(['app', ...flags]));
  await writeProject(dir, files, 'absent');
  return { dir, files };
}

/** Sources setup-env.sh in `shell` with stdin not a terminal, and prints the variables back, NUL-separated. */
async function sourceIn(shell: 'bash' | 'zsh', dir: string, env: Record<string, string> = {}) {
  const script = `source ./setup-env.sh </dev/null; printf '%s\\0' "$AZURE_OPENAI_CHAT_ENDPOINT" "\${AZURE_OPENAI_CHAT_KEY-unset}"`;
  const args = shell === 'bash' ? ['--norc', '--noprofile', '-c', script] : ['-f', '-c', script];
  const { stdout, stderr } = await run(shell, args, { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, ...env } });
  const [endpoint, key] = stdout.split('\0');
  return { endpoint, key, stderr };
}

const endpoints = [
  ['--resource', 'contoso', '--deployment', 'gpt-4.1'],
  ['--endpoint', 'https://gw.example.com/$(touch${IFS}pwned)/`id`/$HOME/a\\b', '--deployment', 'x'],
  ['--yes'],
];

describe.each(['bash', 'zsh'] as const)('sourced in %s', (shell) => {
  beforeEach((ctx) => needs(ctx, shell));

  it.each(endpoints)('reads back the exact endpoint for %s %s', async (...flags) => {
    const { dir } = await project([...flags, '--os', 'linux']);
    const options = await optionsFrom(['app', ...flags]);
    const { endpoint, key, stderr } = await sourceIn(shell, dir, { AZURE_OPENAI_CHAT_KEY: "k'ey $x" });
    expect(endpoint).toBe(options.endpoint);
    expect(key).toBe("k'ey $x");
    expect(stderr).toBe(
      'Set AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT and AZURE_OPENAI_CHAT_KEY (hidden).\n',
    );
    const { stdout: ls } = await run('ls', ['-A', dir]);
    expect(ls).not.toContain('pwned');
  });

  it('says how to set the key when there is no terminal to ask in', async () => {
    const { dir } = await project(['--yes', '--os', 'macos']);
    const { key, stderr } = await sourceIn(shell, dir);
    expect(key).toBe('unset');
    expect(stderr).toContain('AZURE_OPENAI_CHAT_KEY is not set: export it before sourcing this script.');
  });

  it('with Entra ID auth sets the endpoint, the deployment and AZURE_TOKEN_CREDENTIALS=dev, and asks no key', async () => {
    const { dir } = await project(['--yes', '--auth', 'entra']);
    const { key, stderr } = await sourceIn(shell, dir);
    expect(key).toBe('unset');
    expect(stderr).toBe(
      'Set AZURE_OPENAI_CHAT_ENDPOINT, AZURE_OPENAI_CHAT_DEPLOYMENT and AZURE_TOKEN_CREDENTIALS=dev. Authentication uses Microsoft Entra ID (az login).\n',
    );
  });
});

describe('running instead of sourcing', () => {
  beforeEach((ctx) => needs(ctx, 'bash'));

  it.for([
    ['./setup-env.sh', []],
    ['bash', ['setup-env.sh']],
    // zsh and sh ran it to the end, said the variables were set, and exited 0.
    ['zsh', ['setup-env.sh']],
    ['sh', ['setup-env.sh']],
  ] as const)('%s %s is refused with the command to use', async ([command, args], ctx) => {
    if (command === 'zsh') needs(ctx, 'zsh');
    const { dir } = await project(['--yes']);
    const error = await run(command, [...args], { cwd: dir }).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1, stderr: 'setup-env.sh must be sourced, not run: source ./setup-env.sh\n' });
  });
});

describe('shellcheck', () => {
  beforeEach((ctx) => needs(ctx, 'shellcheck'));

  const combos = ['key', 'entra'].flatMap((auth) =>
    endpoints.map((flags) => [...flags, '--auth', auth, '--sdk', 'azure-inference']),
  );
  it.each(combos)('is clean on the script for %s %s %s %s', async (...flags) => {
    const { dir } = await project(flags);
    // Every severity, style and info included, but SC2016 ("expressions don't expand in single quotes"): a value
    // with a $ is single-quoted precisely so that it does not expand.
    const result = await run('shellcheck', ['--shell=bash', '--exclude=SC2016', 'setup-env.sh'], { cwd: dir }).catch(
      (e: { stdout: string; code: number }) => e,
    );
    expect(result.stdout).toBe('');
  });

  it('catches a CR in a script (so a clean result means something)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.sh'), "export A='x'\r\n");
    const result = await run('shellcheck', ['--shell=bash', 'bad.sh'], { cwd: dir }).catch(
      (e: { stdout: string }) => e,
    );
    expect(result.stdout).toContain('SC1017');
  });
});
