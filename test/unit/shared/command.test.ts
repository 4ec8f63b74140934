// runCommand with real processes (node itself, so the test runs wherever the suite does): what a caller reads from
// the result for each way a command ends.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/shared/command.js';

const node = (script: string) => ({ command: process.execPath, args: ['-e', script], cwd: process.cwd() });

describe('runCommand', () => {
  it('captures stdout and stderr as text, one final newline dropped', async () => {
    const run = await runCommand(
      node("process.stdout.write('out\\nlast\\r\\n'); process.stderr.write('é\\n\\n')"),
      'capture',
    );
    expect(run).toEqual({ ok: true, exitCode: 0, stdout: 'out\nlast', stderr: 'é\n' });
  });

  it('says which exit code a failing command ended with, keeping its output', async () => {
    const run = await runCommand(node("console.error('no'); process.exit(3)"), 'capture');
    expect(run).toMatchObject({ ok: false, exitCode: 3, reason: `${process.execPath} exited with code 3` });
    expect(run.stderr).toBe('no');
    expect(run.cancelled).toBe(false);
  });

  it('says a missing program was not found, with no exit code', async () => {
    const run = await runCommand({ command: 'caia-no-such-program', args: [], cwd: process.cwd() }, 'capture');
    expect(run).toMatchObject({ ok: false, exitCode: undefined, reason: 'caia-no-such-program was not found on PATH' });
  });

  it('says which signal stopped a command', async () => {
    const run = await runCommand(node("process.kill(process.pid, 'SIGTERM')"), 'capture');
    expect(run).toMatchObject({ ok: false, exitCode: undefined, reason: `${process.execPath} was stopped by SIGTERM` });
  });

  it('hands over stdout and stderr line by line, in order, skipping blank lines', async () => {
    const lines: string[] = [];
    const run = await runCommand(
      node(
        "console.log('one'); setTimeout(() => { console.error('two\\n'); setTimeout(() => console.log('three'), 50); }, 50)",
      ),
      (line) => lines.push(line),
    );
    expect(run.ok).toBe(true);
    expect(lines).toEqual(['one', 'two', 'three']);
  });

  it('runs with exactly the environment given', async () => {
    const run = await runCommand(
      node('process.stdout.write(JSON.stringify(Object.keys(process.env).sort()))'),
      'capture',
      {
        env: { ONLY_THIS: '1', PATH: process.env.PATH ?? '' },
      },
    );
    expect(JSON.parse(run.stdout ?? '')).toEqual(expect.arrayContaining(['ONLY_THIS', 'PATH']));
    expect(JSON.parse(run.stdout ?? '')).not.toContain('HOME');
  });

  it('stops a command with SIGINT when the signal is aborted, and says it was interrupted', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const pending = runCommand(node('setTimeout(() => {}, 30_000)'), 'capture', { signal: stop.signal });
    setTimeout(() => stop.abort(), 200);
    const run = await pending;
    expect(run).toMatchObject({ ok: false, cancelled: true, reason: `${process.execPath} was interrupted` });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a command at once when the signal was aborted before it started', async () => {
    const stop = new AbortController();
    stop.abort();
    const started = Date.now();
    const run = await runCommand(node('setTimeout(() => {}, 30_000)'), 'capture', { signal: stop.signal });
    expect(run).toMatchObject({ ok: false, cancelled: true, reason: `${process.execPath} was interrupted` });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('kills a command that does not answer within its time limit, with what it started', async () => {
    const run = await runCommand(
      node(
        "require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'inherit' }); setTimeout(() => {}, 30000)",
      ),
      'capture',
      { timeoutMs: 500 },
    );
    expect(run).toMatchObject({ ok: false, reason: `${process.execPath} did not answer within 1 s` });
  });
});
