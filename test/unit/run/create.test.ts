// create() end to end in-process: the command it prints to finish a failed install, per platform.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create } from '../../../src/run/create.js';
import { StepError } from '../../../src/shared/errors.js';
import { tempDir } from '../../helpers/cli.js';
import { optionsFrom } from '../../helpers/options.js';

describe('the command to finish after a failed install', () => {
  it.each([
    ['linux', "cd 'my app' && npm install && git init --quiet && git add --all"],
    ['win32', "cd 'my app'; npm install; git init --quiet; git add --all"],
  ] as const)('on %s joins cd, install and git the way its shell does', async (platform, start) => {
    const cwd = await tempDir();
    const options = await optionsFrom(['my app', '--yes', '--git'], { cwd });
    const error = await create(options, {
      cwd,
      platform,
      env: { PATH: join(cwd, 'nothing-here') },
      output: 'capture',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).retry).toMatch(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
