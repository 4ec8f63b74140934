// Every package manager installs the generated project with its exact pins (transitive Azure packages included)
// and runs it: pnpm 12, Yarn 1, Yarn 4 and Bun, each taken from the npm registry by the test set-up. npm is covered
// in project.test.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinSetFor, versionsFor } from '../../src/project/versions.js';

import { describeRun, runCli, tempDir } from '../helpers/cli.js';
import {
  DEPLOYMENT,
  describeShell,
  type Fixture,
  FLAVOURS,
  installedVersions,
  REPLY,
  sh,
  startFixture,
} from '../helpers/project.js';
import { type ToolName, toolBin } from '../helpers/tools.js';

// Run by this machine's Node.js: 20.x gets the Node 20 set (the current set on Node 22 and 24: node-versions.test.ts).
const versions = versionsFor(process.versions.node);
const transitivePins = pinSetFor(process.versions.node).set.transitive;

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const managers: { tool: ToolName; pm: 'pnpm' | 'yarn' | 'bun'; start: string; typecheck: string; userAgent: string }[] =
  [
    {
      tool: 'pnpm',
      pm: 'pnpm',
      start: 'pnpm --silent start',
      typecheck: 'pnpm --silent typecheck',
      userAgent: 'pnpm/12.21.0 npm/? node/v20.20.2 linux x64',
    },
    {
      tool: 'yarn1',
      pm: 'yarn',
      start: 'yarn --silent start',
      typecheck: 'yarn --silent typecheck',
      userAgent: 'yarn/1.22.22 npm/? node/v20.20.2 linux x64',
    },
    {
      tool: 'yarnBerry',
      pm: 'yarn',
      start: 'yarn start',
      typecheck: 'yarn typecheck',
      userAgent: 'yarn/4.18.1 npm/? node/v20.20.2 linux x64',
    },
    {
      tool: 'bun',
      pm: 'bun',
      start: 'bun run --silent start',
      typecheck: 'bun run --silent typecheck',
      userAgent: 'bun/1.4.5 npm/? node/v20.20.2 linux x64',
    },
  ];

describe.each(managers)('$tool', ({ tool, pm, start, typecheck, userAgent }) => {
  let bin: string;
  beforeAll(async () => {
    bin = await toolBin(tool);
  });

  describe.each(FLAVOURS)('$sdk with $auth auth', ({ sdk, auth }) => {
    let dir: string;

    it('is chosen from the user agent, installs the exact pins and runs', async () => {
      const cwd = await tempDir(`caia-${tool}-`);
      dir = join(cwd, 'app');
      // CI is set as in a pipeline: Yarn 4 then defaults to immutable installs, which must not stop a new project.
      const generate = await runCli(
        [
          'app',
          '--sdk',
          sdk,
          '--auth',
          auth,
          '--endpoint',
          fixture.standin.url,
          '--deployment',
          DEPLOYMENT,
          '--model',
          DEPLOYMENT,
          '--os',
          'linux',
          '--no-git',
        ],
        { cwd, env: { PATH: `${bin}:${process.env.PATH}`, npm_config_user_agent: userAgent, CI: 'true' } },
      );
      expect(generate.exitCode, describeRun(generate)).toBe(0);
      expect(generate.stdout).toContain(`Installing dependencies with ${pm} install`);

      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      const installed = await installedVersions(dir, [
        ...Object.keys(pkg.dependencies),
        'tsx',
        'typescript',
        ...Object.keys(transitivePins),
      ]);
      for (const name of Object.keys(pkg.dependencies)) expect(installed.get(name), name).toBeDefined();
      const pins: Record<string, string> = { ...transitivePins, ...versions };
      for (const [name, found] of installed) expect([...found], name).toEqual([pins[name]]);

      const env = fixture.env({ auth, path: [bin] });
      const checked = await sh(dir, typecheck, env);
      expect(checked.exitCode, describeShell(checked)).toBe(0);

      const run = await sh(dir, `source ./setup-env.sh && ${start}`, env);
      expect(run.exitCode, describeShell(run)).toBe(0);
      expect(run.stdout).toContain(REPLY);
      expect(fixture.standin.problems).toEqual([]);
    });
  });
});
