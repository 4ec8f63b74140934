// A signal at every stage of a run through the built CLI: at a prompt, during a download, while the files are written,
// during the install and during git. Each ends with the signal's exit code (130 SIGINT, 143 SIGTERM, 129 SIGHUP), with
// --json a result object, and a consistent state: nothing of ours left, or the whole project and the command to finish.
// No sleeps as synchronisation: each test waits (with a generous bound) for a sign that the stage has begun.

import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, tempDir } from '../helpers/cli.js';
import { needs } from '../helpers/system-tools.js';
import { listenOnLoopback, makeTestCa, writeCaBundle } from '../helpers/tls.js';
import { startTerminal, type TerminalSession } from '../helpers/tmux.js';

const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;
const azure = ['--resource', 'contoso', '--deployment', 'd'];

/** Waits until `ready` holds, checking every few milliseconds; fails after `timeout` ms. */
async function until(ready: () => Promise<boolean> | boolean, what: string, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * A folder of stand-ins for npm and git: each records that it ran; the `hang` one says `started` and waits. The
 * `npm tree` one is a package manager with a child of its own (as a lifecycle script is), which writes its pid to
 * `childPid` and sleeps with SIGINT ignored (as sh leaves a child it starts in the background).
 */
async function standIns(
  cwd: string,
  hang?: 'npm' | 'npm tree' | 'git commit',
): Promise<{ PATH: string; ran: string; started: string; childPid: string }> {
  const bin = join(cwd, 'bin');
  const ran = join(cwd, 'ran.log');
  const childPid = join(cwd, 'child.pid');
  await mkdir(bin);
  const realGit = (await execa('sh', ['-c', 'command -v git'])).stdout;
  const npm =
    hang === 'npm'
      ? 'echo started >&2\nexec sleep 60'
      : hang === 'npm tree'
        ? `sh -c 'echo $$ > "$0.tmp" && mv "$0.tmp" "$0"; exec sleep 600 </dev/null >/dev/null 2>&1' '${childPid}' &\nwait`
        : 'exit 0';
  await writeFile(join(bin, 'npm'), `#!/bin/sh\necho "npm $*" >> '${ran}'\n${npm}\n`, { mode: 0o755 });
  const git =
    hang === 'git commit'
      ? `if [ "$1" = commit ]; then touch '${join(cwd, 'started')}'; exec sleep 60; fi\nexec ${realGit} "$@"`
      : `exec ${realGit} "$@"`;
  await writeFile(join(bin, 'git'), `#!/bin/sh\necho "git $*" >> '${ran}'\n${git}\n`, { mode: 0o755 });
  return { PATH: `${bin}:${process.env.PATH}`, ran, started: join(cwd, 'started'), childPid };
}

function start(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const child = execa(process.execPath, [CLI, ...args], {
    cwd,
    env: { CI: undefined, npm_config_user_agent: undefined, GIT_AUTHOR_NAME: 't', GIT_COMMITTER_NAME: 't', ...env },
    reject: false,
    stdin: 'ignore',
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, stderr: () => stderr };
}

async function finished(child: ResultPromise) {
  const result = await child;
  return { code: result.exitCode, signal: result.signal, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function jsonResult(stdout: string): { ok: boolean; exitCode: number; error: string; retry?: string } {
  return JSON.parse(stdout);
}

describe('while the files are written', () => {
  it.each(SIGNALS)(
    '%s once the staging folder appears: exit %i, nothing or the whole project, no install, no git',
    async (signal, code) => {
      const cwd = await tempDir('caia-sig-');
      // Many files, as large as a template may hold in all (16 MiB): the write takes long enough for the signal to
      // arrive during it.
      const template = join(cwd, 'tpl', '_shared', 'data');
      await mkdir(template, { recursive: true });
      const big = 'x'.repeat(40 * 1024);
      for (let i = 0; i < 400; i++) await writeFile(join(template, `file-${i}.txt`), big);
      const tools = await standIns(cwd);
      const run = start(['app', '--template', './tpl', ...azure, '--os', 'linux', '--git', '--json'], cwd, {
        PATH: tools.PATH,
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_EMAIL: 't@example.com',
        AZURE_OPENAI_CHAT_KEY: 'k3y-for-the-test',
      });
      await until(async () => (await readdir(cwd)).some((name) => name.startsWith('.app-')), 'the staging folder');
      run.child.kill(signal);
      const result = await finished(run.child);
      expect(result.code, result.stderr).toBe(code);
      expect(jsonResult(result.stdout)).toMatchObject({ ok: false, exitCode: code });
      // No staging folder (with its copy of .env) is left, install and git never ran.
      const left = (await readdir(cwd)).sort();
      expect(left.filter((name) => name.startsWith('.'))).toEqual([]);
      expect(await readFile(tools.ran, 'utf8').catch(() => '')).toBe('');
      if (left.includes('app')) {
        // The whole project, and how to finish.
        const files = await readdir(join(cwd, 'app', 'data'));
        expect(files).toHaveLength(400);
        expect(await readdir(join(cwd, 'app'))).not.toContain('.git');
        expect(jsonResult(result.stdout).retry).toMatch(/^cd app && npm install && git init/);
      } else {
        expect(left).toEqual(['bin', 'tpl']);
        expect(result.stderr).toContain('nothing was written');
      }
    },
  );
});

describe('during the install', () => {
  it.each(SIGNALS)('%s: exit %i, the project kept, how to finish printed, a --json result', async (signal, code) => {
    const cwd = await tempDir('caia-sig-');
    const tools = await standIns(cwd, 'npm');
    const run = start(['app', ...azure, '--no-git', '--json'], cwd, { PATH: tools.PATH });
    await until(() => run.stderr().includes('started'), 'the install');
    run.child.kill(signal);
    const result = await finished(run.child);
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).toContain('To finish, run:\n  cd app && npm install');
    expect(jsonResult(result.stdout)).toMatchObject({ ok: false, exitCode: code, retry: 'cd app && npm install' });
    expect(await readdir(join(cwd, 'app'))).toContain('package.json');
  });
});

/** Whether a process runs: a zombie (ended, and not reaped by the parent it was left to) does not. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

describe('during the install, a package manager with children', () => {
  it.each(SIGNALS)("%s: exit %i, and the package manager's child is gone too", async (signal, code) => {
    const cwd = await tempDir('caia-sig-');
    const tools = await standIns(cwd, 'npm tree');
    const run = start(['app', ...azure, '--no-git', '--json'], cwd, { PATH: tools.PATH });
    await until(async () => /^\d+\n$/.test(await readFile(tools.childPid, 'utf8').catch(() => '')), 'the child');
    const pid = Number((await readFile(tools.childPid, 'utf8')).trim());
    expect(running(pid)).toBe(true);
    run.child.kill(signal);
    const result = await finished(run.child);
    expect(result.code, result.stderr).toBe(code);
    expect(jsonResult(result.stdout)).toMatchObject({ ok: false, exitCode: code, retry: 'cd app && npm install' });
    try {
      await until(() => !running(pid), `process ${pid}, the package manager's child, to end`, 30_000);
    } finally {
      if (running(pid)) process.kill(pid, 'SIGKILL');
    }
  });
});

describe('during git', () => {
  it.each(SIGNALS)('%s at the commit: exit %i, the project kept, the git commands to finish', async (signal, code) => {
    const cwd = await tempDir('caia-sig-');
    const tools = await standIns(cwd, 'git commit');
    const run = start(['app', ...azure, '--no-install', '--git', '--json'], cwd, {
      PATH: tools.PATH,
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_EMAIL: 't@example.com',
    });
    await until(async () => (await readdir(cwd)).includes('started'), 'the commit');
    run.child.kill(signal);
    const result = await finished(run.child);
    expect(result.code, result.stderr).toBe(code);
    expect(jsonResult(result.stdout)).toMatchObject({ ok: false, exitCode: code });
    expect(jsonResult(result.stdout).retry).toMatch(/^cd app && git init --quiet && git add --all && git commit/);
    expect(await readdir(join(cwd, 'app'))).toContain('package.json');
  });
});

describe('the command to finish, pasted', () => {
  it('SIGINT at the commit into a folder named with a space and a quote: the printed command makes the commit', async () => {
    const cwd = await tempDir('caia-sig-');
    const tools = await standIns(cwd, 'git commit');
    const gitEnv = { GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_EMAIL: 't@example.com' };
    const run = start(["it's app", ...azure, '--no-install', '--git', '--json'], cwd, { PATH: tools.PATH, ...gitEnv });
    await until(async () => (await readdir(cwd)).includes('started'), 'the commit');
    run.child.kill('SIGINT');
    const result = await finished(run.child);
    expect(result.code, result.stderr).toBe(130);
    const { retry } = jsonResult(result.stdout);
    expect(result.stderr).toContain(`To finish, run:\n  ${retry}`);
    // Pasted into bash in the folder the run started in, with the real git this time.
    const env = { GIT_AUTHOR_NAME: 't', GIT_COMMITTER_NAME: 't', HOME: cwd, ...gitEnv };
    const pasted = await execa('bash', ['--norc', '--noprofile', '-c', retry ?? 'false'], { cwd, env, reject: false });
    expect(pasted.exitCode, pasted.stderr).toBe(0);
    const log = await execa('git', ['log', '--format=%s'], { cwd: join(cwd, "it's app"), env });
    expect(log.stdout).toBe('Initial commit from create-azure-inference-app');
    const status = await execa('git', ['status', '--porcelain'], { cwd: join(cwd, "it's app"), env });
    expect(status.stdout).toBe('');
  });
});

describe('during a template download', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it.each(SIGNALS)('%s: exit %i, a --json result, no downloaded files left', async (signal, code) => {
    const cwd = await tempDir('caia-sig-');
    const tmp = join(cwd, 'tmp');
    await mkdir(tmp);
    const certs = await tempDir('caia-ca-');
    const tls = await makeTestCa(certs);
    const bundle = await writeCaBundle(join(certs, 'bundle.pem'), tls.ca);
    let requested = false;
    // Starts an answer and never finishes it.
    const server = createServer({ cert: tls.cert, key: tls.key }, (_req, res) => {
      requested = true;
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': '1000000' });
      res.write(Buffer.alloc(10));
    });
    const listening = await listenOnLoopback(server);
    close = async () => {
      server.closeAllConnections();
      await listening.close();
    };
    const run = start(['app', '--template', `${listening.url}/t.tar.gz`, ...azure, '--json'], cwd, {
      TMPDIR: tmp,
      NODE_EXTRA_CA_CERTS: bundle,
    });
    await until(() => requested, 'the download');
    run.child.kill(signal);
    const result = await finished(run.child);
    expect(result.code, result.stderr).toBe(code);
    expect(jsonResult(result.stdout)).toMatchObject({ ok: false, exitCode: code });
    expect(await readdir(tmp, { recursive: true }), result.stderr).toEqual([]);
    expect(await readdir(cwd)).toEqual(['tmp']);
  });
});

describe('at a prompt', () => {
  beforeEach((ctx) => needs(ctx, ['tmux', 'bash']));
  let terminal: TerminalSession | undefined;
  afterEach(async () => {
    await terminal?.close();
    terminal = undefined;
  });

  it.each(SIGNALS)('%s: exit %i, nothing written', async (signal, code) => {
    const cwd = await tempDir('caia-sig-');
    const pidFile = join(await tempDir('caia-pid-'), 'pid');
    terminal = await startTerminal(`sh -c 'echo $$ > ${pidFile}; exec node ${CLI}'`, { cwd });
    await terminal.waitFor(/Where should the project go\?/);
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    process.kill(pid, signal);
    const screen = await terminal.waitFor(/\[exit \d+\]/);
    expect(screen).toContain(`[exit ${code}]`);
    expect(await readdir(cwd)).toEqual([]);
  });
});
