// The generated projects, one committed snapshot file per generated file: a full project for each SDK and auth
// method, and for each OS, model kind, Node pin set and app only the files that differ from that full project.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/project/render.js';
import { optionsFrom } from '../../helpers/options.js';

/**
 * The snapshot files in `__snapshots__/<folder>` are exactly `paths`: a file the project no longer has leaves no
 * snapshot behind that nothing checks (remove it by hand; `vitest -u` writes snapshots, it deletes none).
 */
function expectSnapshotFolder(folder: string, paths: Iterable<string>): void {
  const dir = join(import.meta.dirname, '__snapshots__', folder);
  // No folder when nothing differs (macOS and Linux get the same openai project).
  const onDisk = (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }) : [])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
  expect(onDisk.sort(), `snapshot files in __snapshots__/${folder}`).toEqual([...paths].sort());
}

const SDKS = ['openai', 'azure-inference'] as const;
const AUTHS = ['key', 'entra'] as const;

/** The project for `sdk` and `auth` on Linux, with `extra` options, as text by path. */
async function project(sdk: string, auth: string, extra: readonly string[] = []): Promise<Map<string, string>> {
  const os = extra.includes('--os') ? [] : ['--os', 'linux'];
  const args = ['my-app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini', ...os];
  const files = await render(await optionsFrom([...args, '--sdk', sdk, '--auth', auth, ...extra]));
  return new Map(
    [...files].map(([path, entry]) => [
      path,
      typeof entry.contents === 'string' ? entry.contents : Buffer.from(entry.contents).toString('utf8'),
    ]),
  );
}

describe.each(SDKS.flatMap((sdk) => AUTHS.map((auth) => ({ sdk, auth }))))('$sdk, $auth auth', ({ sdk, auth }) => {
  it('matches the snapshots of the whole project', async () => {
    const files = await project(sdk, auth);
    for (const [path, text] of files) await expect(text).toMatchFileSnapshot(`__snapshots__/${sdk}-${auth}/${path}`);
    expectSnapshotFolder(`${sdk}-${auth}`, files.keys());
  });

  // The OS changes the setup scripts and what the README and the settings say about them; the rest is as on Linux.
  const variants: (readonly [string, readonly string[]])[] = [
    ['windows', ['--os', 'windows']],
    ['macos', ['--os', 'macos']],
    ['all', ['--os', 'all']],
    ...(auth === 'key'
      ? ([
          ['classic', ['--model', 'gpt-4.1']],
          ['reasoning', ['--model', 'gpt-5-mini']],
          ['node20', ['--node', '20']],
          ['web', ['--app', 'web']],
        ] as const)
      : []),
  ];
  it.each(variants)('%s: the files that differ from the Linux project match their snapshots', async (name, extra) => {
    const [base, files] = await Promise.all([project(sdk, auth), project(sdk, auth, extra)]);
    const changed = [...files.keys()].filter((path) => base.get(path) !== files.get(path));
    const folder = `${name}-${sdk}-${auth}`;
    for (const path of changed) await expect(files.get(path)).toMatchFileSnapshot(`__snapshots__/${folder}/${path}`);
    expectSnapshotFolder(folder, changed);
    // What the variant leaves out of the Linux project (the bash script on Windows, say).
    expect([...base.keys()].filter((path) => !files.has(path))).toMatchSnapshot();
  });
});

it('writes the pnpm workspace file only for pnpm, and only on Node 20 (for tsx and the held-back packages)', async () => {
  const args = ['app', '--yes', '--resource', 'contoso', '--deployment', 'gpt-4o-mini', '--node', '20'];
  const pnpm = await render(await optionsFrom([...args, '--package-manager', 'pnpm']));
  await expect(pnpm.get('pnpm-workspace.yaml')?.contents).toMatchFileSnapshot('__snapshots__/pnpm/pnpm-workspace.yaml');
  await expect(pnpm.get('README.md')?.contents).toMatchFileSnapshot('__snapshots__/pnpm/README.md');
  expect((await render(await optionsFrom(args))).has('pnpm-workspace.yaml')).toBe(false);
  const current = await render(await optionsFrom([...args.slice(0, -2), '--package-manager', 'pnpm']));
  expect(current.has('pnpm-workspace.yaml')).toBe(false);
});

it('writes .yarnrc.yml only for yarn', async () => {
  const args = ['app', '--yes', '--resource', 'contoso', '--deployment', 'gpt-4o-mini'];
  const yarn = await render(await optionsFrom([...args, '--package-manager', 'yarn']));
  await expect(yarn.get('.yarnrc.yml')?.contents).toMatchFileSnapshot('__snapshots__/yarn/.yarnrc.yml');
  expect((await render(await optionsFrom(args))).has('.yarnrc.yml')).toBe(false);
});

it('renders the placeholders project', async () => {
  const files = await render(await optionsFrom(['app', '--yes', '--os', 'all']));
  await expect(files.get('README.md')?.contents).toMatchFileSnapshot('__snapshots__/placeholders/README.md');
  await expect(files.get('setup-env.sh')?.contents).toMatchFileSnapshot('__snapshots__/placeholders/setup-env.sh');
});
