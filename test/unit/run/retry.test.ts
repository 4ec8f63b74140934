// retryCommand: what a run that failed or stopped at a step tells the user to run, from the steps not yet run.
import { describe, expect, it } from 'vitest';
import type { Step, StepName } from '../../../src/run/plan.js';
import { retryCommand } from '../../../src/run/retry.js';
import { optionsFrom } from '../../helpers/options.js';

const cwd = '/projects';
const command = (word: string) => ({ command: word, args: [], cwd: '/projects/app' });
const steps = (run: Partial<Record<StepName, boolean>>): Step[] =>
  (['verify', 'write', 'install', 'git'] as const).map((name) => ({
    name,
    run: run[name] ?? true,
    reason: '',
    commands: name === 'write' ? [] : [command(`${name}-1`), ...(name === 'git' ? [command('git-2')] : [])],
  }));

// The replay of `app --yes`, with every value it settled.
const AGAIN = 'npm create azure-inference-app@latest app -- --yes --sdk openai --auth key --os linux';

describe('retryCommand', () => {
  it.each([
    ['a failure before the write: the whole command again', 0, 'failure', {}, AGAIN],
    ['a failure of the write itself: the whole command again', 1, 'failure', {}, AGAIN],
    ['a stop before or during the write: nothing to do', 1, 'stop', {}, undefined],
    ['a failed install: cd, the install, then git', 2, 'failure', {}, 'cd app && install-1 && git-1 && git-2'],
    ['a stop during the install, without git', 2, 'stop', { git: false }, 'cd app && install-1'],
    ['a stop after the write with --no-install: git alone', 2, 'stop', { install: false }, 'cd app && git-1 && git-2'],
    ['a failed git step: its commands', 3, 'failure', {}, 'cd app && git-1 && git-2'],
    ['a stop once every step ran: nothing left', 4, 'stop', {}, undefined],
  ] as const)('%s', async (_, at, why, run, expected) => {
    const options = await optionsFrom(['app', '--yes']);
    const retry = retryCommand({ steps: steps(run), at, why, options, cwd, platform: 'linux' });
    expect(retry).toBe(expected);
  });
});
