// The interactive flow in a real terminal (tmux): a full conversation that ends in a project, a cancel half-way
// that leaves nothing behind, and Ctrl-C during the install that keeps the project. A signed-out fake az comes
// first on PATH, so the flow is the same whether or not this machine has the Azure CLI, signed in or not.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';
import { makeFakeAz } from '../helpers/fake-az.js';
import { needs } from '../helpers/system-tools.js';
import { startTerminal, type TerminalSession } from '../helpers/tmux.js';

let terminal: TerminalSession | undefined;
afterEach(async () => {
  await terminal?.close();
  terminal = undefined;
});

describe('in a terminal', () => {
  beforeEach((ctx) => needs(ctx, ['tmux', 'bash']));

  it('answers every question and gets a project, with the key only in .env', async () => {
    const cwd = await tempDir('caia-tty-');
    const az = await makeFakeAz(await tempDir('caia-az-'), { signedOut: true });
    terminal = await startTerminal(`node ${CLI}`, { cwd, env: { PATH: `${az.bin}:${process.env.PATH}` } });
    await terminal.waitFor(/Where should the project go\?/);
    await terminal.send('my-app', 'Enter');
    await terminal.waitFor(/Which SDK\?[\s\S]*Azure AI Inference/);
    await terminal.send('Enter'); // OpenAI SDK with Azure (recommended, first)
    await terminal.waitFor(/What should the project be\?/);
    await terminal.send('Enter'); // console scripts
    await terminal.waitFor(/Write environment setup scripts for which OS\?/);
    await terminal.send('Down', 'Down', 'Enter'); // from linux (the default here) to all
    await terminal.waitFor(/Azure OpenAI resource name/);
    await terminal.send('bad_name', 'Enter');
    await terminal.waitFor(/use 2-64 letters, digits and hyphens/);
    await terminal.send('C-u', 'contoso', 'Enter');
    await terminal.waitFor(/Model deployment name/);
    await terminal.send('gpt-4o-mini', 'Enter');
    await terminal.waitFor(/Which model is deployed there\?/);
    await terminal.send('gpt-4o-mini', 'Enter');
    await terminal.waitFor(/How should the app authenticate\?/);
    await terminal.send('Enter'); // API key
    await terminal.waitFor(/API key \(Key 1/);
    await terminal.send('sup3r-s3cret-key', 'Enter');
    await terminal.waitFor(/Install dependencies with npm\?/);
    await terminal.send('Right', 'Enter'); // No
    await terminal.waitFor(/Make a git repository/);
    await terminal.send('Enter'); // Yes
    const screen = await terminal.waitFor(/\[exit \d+\]/);

    expect(screen).toContain('[exit 0]');
    expect(screen).toMatch(/Created 24 files in .*my-app/);
    expect(screen).toContain('To skip the questions next time, run:');
    expect(screen).toContain(
      'npm create azure-inference-app@latest my-app -- --yes --sdk openai --resource contoso --deployment gpt-4o-mini --model gpt-4o-mini --auth key --os all --no-install --git',
    );
    expect(screen).not.toContain('sup3r-s3cret-key');
    expect((await az.calls()).join('\n')).toContain('cognitiveservices account list');

    const dir = join(cwd, 'my-app');
    expect(await readFile(join(dir, '.env'), 'utf8')).toContain("AZURE_OPENAI_CHAT_KEY='sup3r-s3cret-key'");
    expect((await stat(join(dir, '.env'))).mode & 0o777).toBe(0o600);
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      if (!entry.isFile() || file === join(dir, '.env') || file.startsWith(join(dir, '.git', ''))) continue;
      expect(await readFile(file, 'utf8'), file).not.toContain('sup3r-s3cret-key');
    }
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['setup-env.sh', 'setup-env.ps1', '.git']));
  });

  it('Escape half-way cancels with exit 130 and leaves nothing behind', async () => {
    const cwd = await tempDir('caia-tty-');
    const az = await makeFakeAz(await tempDir('caia-az-'), { signedOut: true });
    terminal = await startTerminal(`node ${CLI}`, { cwd, env: { PATH: `${az.bin}:${process.env.PATH}` } });
    await terminal.waitFor(/Where should the project go\?/);
    await terminal.send('half-way', 'Enter');
    await terminal.waitFor(/Which SDK\?/);
    await terminal.send('Enter');
    await terminal.waitFor(/What should the project be\?/);
    await terminal.send('Enter');
    await terminal.waitFor(/which OS\?/);
    await terminal.send('Escape');
    const screen = await terminal.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Cancelled.');
    expect(screen).toContain('[exit 130]');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('Ctrl-C at the first question exits 130', async () => {
    const cwd = await tempDir('caia-tty-');
    terminal = await startTerminal(`node ${CLI}`, { cwd });
    await terminal.waitFor(/Where should the project go\?/);
    await terminal.send('C-c');
    const screen = await terminal.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('[exit 130]');
    expect(await readdir(cwd)).toEqual([]);
  });

  it('Ctrl-C during the install keeps the project, prints the retry command, exits 130', async () => {
    const cwd = await tempDir('caia-tty-');
    const bin = join(cwd, '.bin');
    await mkdir(bin);
    await writeFile(join(bin, 'npm'), '#!/bin/sh\necho "fetching packages..."\nsleep 60\n', { mode: 0o755 });
    terminal = await startTerminal(
      `node ${CLI} slow --resource contoso --deployment d --model gpt-4.1 --os linux --sdk openai --app console --auth entra --no-git`,
      {
        cwd,
        env: { PATH: `${bin}:${process.env.PATH}` },
      },
    );
    await terminal.waitFor(/Install dependencies with npm\?/);
    await terminal.send('Enter');
    await terminal.waitFor(/Installing dependencies with npm install.*fetching packages/);
    await terminal.send('C-c');
    const screen = await terminal.waitFor(/\[exit \d+\]/);
    expect(screen).toContain('Cancelled while installing dependencies.');
    expect(screen).toContain('To finish, run:');
    expect(screen).toMatch(/cd slow && npm install/);
    expect(screen).toContain('[exit 130]');
    expect(await readdir(join(cwd, 'slow'))).toContain('package.json');
  });
});
