// The built CLI renders the built-in templates from their precompiled form; from source they are compiled when
// read. Both must write the same bytes for every combination.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { render } from '../../src/project/render.js';
import { describeRun, runCli, tempDir } from '../helpers/cli.js';
import { combinations, optionsFrom } from '../helpers/options.js';

// Every console combination, and the web app in both flavours with each auth method.
const cases = [
  ...combinations.map((combination) => ({ ...combination, app: 'console' })),
  ...combinations.filter(({ os }) => os === 'linux').map((combination) => ({ ...combination, app: 'web' })),
];

it.each(cases)(
  '$sdk, $auth, $os, $app: the built CLI writes what render() from source returns',
  async ({ sdk, auth, os, app }) => {
    const cwd = await tempDir('caia-precompiled-');
    // --node: the same pin set from source (whose test environment names a Node.js) and from the CLI on this one.
    const flags = [
      'app',
      '--resource',
      'contoso',
      '--deployment',
      'gpt-4.1',
      '--sdk',
      sdk,
      '--auth',
      auth,
      '--os',
      os,
      '--app',
      app,
      '--node',
      '24',
    ];
    const run = await runCli([...flags, '--no-install', '--no-git'], { cwd });
    expect(run.exitCode, describeRun(run)).toBe(0);
    const expected = await render(await optionsFrom(flags, { cwd }));
    for (const [path, entry] of expected) {
      const written = await readFile(join(cwd, 'app', path));
      expect(written.equals(Buffer.from(entry.contents)), path).toBe(true);
    }
  },
);
