// The published package as a user gets it: packed, installed into a fresh prefix with no dependencies of its own,
// and run the way `npm create azure-inference-app` runs it (npm exec).
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

it('packs, installs without dependencies and generates a project through npm exec', async () => {
  const dir = await tempDir('caia-pack-');
  // --ignore-scripts: prepack would rebuild dist/ under the other tests' feet (npm test has just built it).
  const packed = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no result: ${packed.stdout}`);
  const paths = info.files.map((f) => f.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      'dist/cli.cjs',
      'dist/main.cjs',
      'dist/chunks/core.cjs',
      'dist/chunks/migrate.cjs',
      'dist/templates/_shared.cjs',
      'dist/vendor/execa.cjs',
      'dist/types/src/index.d.ts',
      'dist/THIRD-PARTY-LICENSES.md',
    ]),
  );
  // The templates travel compiled in dist/templates/; no source maps.
  expect(paths.filter((path) => /^(src|test|templates)\/|\.map$/.test(path))).toEqual([]);
  const tarball = join(dir, info.filename);

  const prefix = join(dir, 'prefix');
  await execa('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', tarball]);
  // Nothing but the package itself: every library it uses is bundled.
  expect(await readdir(join(prefix, 'node_modules'))).toEqual(expect.arrayContaining(['create-azure-inference-app']));
  expect((await readdir(join(prefix, 'node_modules'))).filter((name) => !name.startsWith('.'))).toEqual([
    'create-azure-inference-app',
  ]);

  // The API's type declarations are complete as packed: a user's module type-checks against them.
  await writeFile(
    join(prefix, 'use.mts'),
    [
      "import { create, parseArgs, plan, resolveOptions, UsageError } from 'create-azure-inference-app';",
      "import type { CreateResult, Plan, ProjectOptions } from 'create-azure-inference-app';",
      "const options: ProjectOptions = await resolveOptions(parseArgs(['app']), { cwd: '.', platform: 'linux', userAgent: undefined });",
      'const planned: Plan = await plan(options);',
      'const result: CreateResult = await create(options);',
      'export const shown = [planned.steps.length, result.files.length, new UsageError("x").message];',
      '',
    ].join('\n'),
  );
  await execa(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--types',
      'node',
      '--typeRoots',
      join(ROOT, 'node_modules', '@types'),
      'use.mts',
    ],
    { cwd: prefix },
  );

  const cwd = await tempDir('caia-pack-run-');
  const run = await execa(
    'npm',
    [
      'exec',
      '--yes',
      `--package=${tarball}`,
      '--',
      'create-azure-inference-app',
      'app',
      '--resource',
      'contoso',
      '--deployment',
      'gpt-4o-mini',
      '--no-install',
      '--no-git',
    ],
    { cwd, env: { CI: 'true' }, reject: false },
  );
  expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(await readFile(join(cwd, 'app', 'setup-env.sh'), 'utf8')).toContain(
    "export AZURE_OPENAI_CHAT_ENDPOINT='https://contoso.openai.azure.com/openai/v1/'",
  );
  expect((await readdir(join(cwd, 'app'))).sort()).toContain('example.ts');
});

it('ships no install-time script: the packed package.json has no prepare, and a global install warns of none', async () => {
  // Packed with its scripts, as `npm publish` packs, from a copy of the checkout (prepack builds dist/ there, not
  // under the other tests' feet); the copy's package.json is as it was once packed.
  const copy = join(await tempDir('caia-pack-scripts-'), 'repo');
  const tracked = (await execa('git', ['ls-files', '-z'], { cwd: ROOT })).stdout.split('\0').filter(Boolean);
  for (const path of tracked) {
    if (existsSync(join(ROOT, path))) await cp(join(ROOT, path), join(copy, path), { recursive: true });
  }
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  const before = await readFile(join(copy, 'package.json'), 'utf8');
  expect(JSON.parse(before).scripts.prepare).toBe('npm run build');
  const dir = await tempDir('caia-pack-out-');
  const packed = await execa('npm', ['pack', '--json', '--pack-destination', dir], { cwd: copy });
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[];
  expect(await readFile(join(copy, 'package.json'), 'utf8')).toBe(before);
  await execa('tar', ['xzf', join(dir, info?.filename ?? ''), '-C', dir, 'package/package.json']);
  const shipped = JSON.parse(await readFile(join(dir, 'package', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  for (const name of ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare']) {
    expect(shipped.scripts, name).not.toHaveProperty(name);
  }
  const install = await execa(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      join(dir, 'global'),
      '--no-audit',
      '--no-fund',
      join(dir, info?.filename ?? ''),
    ],
    { all: true },
  );
  expect(install.all).not.toMatch(/install.scripts|prepare/i);
  expect(existsSync(join(dir, 'global', 'bin', 'create-azure-inference-app'))).toBe(true);
});
