// execute runs the plan's steps, in order, and nothing else; a stop between two steps says what is left.
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute } from '../../../src/run/execute.js';
import { plan } from '../../../src/run/plan.js';
import { listenForSignals, STOP_SIGNALS } from '../../../src/run/signals.js';
import { CancelError } from '../../../src/shared/errors.js';
import { tempDir } from '../../helpers/cli.js';
import { optionsFrom } from '../../helpers/options.js';

// A listener of the test's own, so that a signal the code under test misses does not end the test process.
const guard = () => {};
for (const signal of STOP_SIGNALS) process.on(signal, guard);

/** A folder with an `npm` that succeeds at once, and the PATH that finds it first. */
async function quickNpm(cwd: string): Promise<NodeJS.ProcessEnv> {
  const bin = join(cwd, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'npm'), '#!/bin/sh\nexit 0\n');
  await chmod(join(bin, 'npm'), 0o755);
  return { PATH: `${bin}:${process.env.PATH}` };
}

describe('execute', () => {
  it('runs only the steps the plan lists: a plan without its git step makes no repository', async () => {
    const cwd = await tempDir();
    const options = await optionsFrom(['app', '--yes', '--git', '--no-install'], { cwd });
    const planned = await plan(options);
    const result = await execute({ ...planned, steps: planned.steps.filter((step) => step.name !== 'git') }, { cwd });
    expect(result.commands.map((command) => command.command)).toEqual(['npm install']);
    expect(await readdir(join(cwd, 'app'))).not.toContain('.git');
  });

  it('checks for a stop before each step from the write on: a signal that came before writes nothing', async () => {
    const cwd = await tempDir();
    const options = await optionsFrom(['app', '--yes', '--git', '--no-install'], { cwd });
    const planned = await plan(options);
    // As on the command line: a listener for the whole run, which a signal before the write reaches first.
    const unlisten = listenForSignals(() => {});
    try {
      process.emit('SIGTERM', 'SIGTERM');
      const error = await execute(planned, { cwd }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CancelError);
      expect((error as CancelError).message).toBe(
        `Stopped by SIGTERM while writing the project: nothing was written to ${join(cwd, 'app')}.`,
      );
      expect((error as CancelError).retry).toBeUndefined();
      expect(await readdir(cwd)).toEqual([]);
    } finally {
      unlisten();
    }
  });

  it('stops the install at a signal, keeping the project, with the steps not yet run left to do', async () => {
    const cwd = await tempDir();
    const options = await optionsFrom(['app', '--yes', '--git'], { cwd });
    const error = await execute(await plan(options), {
      cwd,
      platform: 'linux',
      env: await quickNpm(cwd),
      output: 'capture',
      // The package manager has just ended when SIGTERM arrives.
      installProgress: { start: () => {}, line: () => {}, stop: () => process.emit('SIGTERM', 'SIGTERM') },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelError);
    expect((error as CancelError).exitCode).toBe(143);
    expect((error as CancelError).message).toBe(
      `Stopped by SIGTERM while installing dependencies. The project is in ${join(cwd, 'app')}.`,
    );
    expect((error as CancelError).retry).toMatch(
      /^cd app && npm install && git init --quiet && git add --all && git commit /,
    );
    const kept = await readdir(join(cwd, 'app'));
    expect(kept).toContain('package.json');
    expect(kept).not.toContain('.git');
  });
});
