// Every built-in combination, type-checked by the project's own TypeScript against its pinned packages and linted by
// Biome; a console project also without src/explain.ts, as its README says to remove it. The packages of each pin set are installed once from the npm registry and shared by every project of the set
// through a node_modules link, so the whole matrix costs two installs.
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { versionsFor } from '../../src/project/versions.js';
import { describeRun, ROOT, runCli, tempDir } from '../helpers/cli.js';

const SDKS = ['openai', 'azure-inference'] as const;
const AUTHS = ['key', 'entra'] as const;
const APPS = ['console', 'web'] as const;
/** A classic model, a reasoning one, and none: the three kinds of request parameters. */
const MODELS = ['gpt-4.1', 'o4-mini', undefined] as const;

/** The pin sets, each by the Node major it is chosen for, with the models checked against it. */
const SETS = [
  { node: '24', models: MODELS },
  { node: '20', models: [undefined] },
] as const;

/**
 * Biome's recommended lint rules, as a project would start with them, but two: the code reads process.env["NAME"]
 * (useLiteralKeys would write process.env.NAME, which noPropertyAccessFromIndexSignature refuses; the team-checks
 * example turns it on), and the tests' fake reads request bodies as `any`.
 */
const BIOME_CONFIG = {
  files: { includes: ['**', '!**/node_modules'] },
  formatter: { enabled: false },
  linter: { enabled: true, rules: { recommended: true, complexity: { useLiteralKeys: 'off' } } },
  overrides: [{ includes: ['test/**'], linter: { rules: { suspicious: { noExplicitAny: 'off' } } } }],
};

async function installPins(node: string): Promise<string> {
  const dir = await tempDir(`caia-pins-${node}-`);
  const pkg = { name: 'pins', private: true, type: 'module', dependencies: versionsFor(node) };
  await writeFile(join(dir, 'package.json'), JSON.stringify(pkg));
  const install = await execa('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    reject: false,
  });
  expect(install.exitCode, `${install.stdout}\n${install.stderr}`).toBe(0);
  return join(dir, 'node_modules');
}

describe.each(SETS)('Node $node pin set', ({ node, models }) => {
  let modules: string;
  let work: string;
  beforeAll(async () => {
    [modules, work] = await Promise.all([installPins(node), tempDir('caia-rendered-')]);
    await writeFile(join(work, 'biome.json'), JSON.stringify(BIOME_CONFIG));
  });

  const combinations = SDKS.flatMap((sdk) =>
    AUTHS.flatMap((auth) => APPS.flatMap((app) => models.map((model) => ({ sdk, auth, app, model })))),
  );
  it.for(combinations)('$sdk, $auth, $app, model $model: tsc and Biome pass', async ({ sdk, auth, app, model }) => {
    const name = [sdk, auth, app, model ?? 'unknown'].join('-');
    const args = [name, '--yes', '--no-install', '--no-git', '--os', 'all', '--node', node];
    const run = await runCli(
      [...args, '--sdk', sdk, '--auth', auth, '--app', app, ...(model ? ['--model', model] : [])],
      { cwd: work },
    );
    expect(run.exitCode, describeRun(run)).toBe(0);
    const dir = join(work, name);
    await symlink(modules, join(dir, 'node_modules'), 'dir');

    const tsc = await execa(join(dir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', dir], { reject: false });
    expect(tsc.exitCode, `${name}: tsc\n${tsc.stdout}\n${tsc.stderr}`).toBe(0);

    const biome = join(ROOT, 'node_modules', '.bin', 'biome');
    const lint = await execa(biome, ['lint', '--config-path', work, '--files-ignore-unknown=true', dir], {
      cwd: work,
      reject: false,
    });
    expect(lint.exitCode, `${name}: biome lint\n${lint.stdout}\n${lint.stderr}`).toBe(0);
    if (app === 'web') return;

    // The README's way to do without src/explain.ts: delete it, its tests and its one import; the rest still compiles.
    const client = join(dir, 'src', 'client.ts');
    const source = await readFile(client, 'utf8');
    const line = /^import "\.\/explain\.ts";.*\n/m;
    expect(source).toMatch(line);
    await writeFile(client, source.replace(line, ''));
    await Promise.all(['src/explain.ts', 'test/explain.test.ts'].map((path) => rm(join(dir, path))));
    const without = await execa(join(dir, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', dir], { reject: false });
    expect(without.exitCode, `${name} without src/explain.ts: tsc\n${without.stdout}\n${without.stderr}`).toBe(0);
  });
});
