// Every generated file for every SDK x auth x OS combination, one committed snapshot file per generated file.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/project/render.js';
import { combinations, optionsFrom } from '../../helpers/options.js';

/**
 * The snapshot files in `__snapshots__/<folder>` are exactly `paths`: a file the project no longer has leaves no
 * snapshot behind that nothing checks (remove it by hand; `vitest -u` writes snapshots, it deletes none).
 */
function expectSnapshotFolder(folder: string, paths: Iterable<string>): void {
  const dir = join(import.meta.dirname, '__snapshots__', folder);
  const onDisk = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
  expect(onDisk.sort(), `snapshot files in __snapshots__/${folder}`).toEqual([...paths].sort());
}

/** Files the model behind the deployment does not change: not repeated in the snapshots of each model. */
const UNCHANGED_BY_MODEL = [
  '.gitignore',
  '.env.example',
  'setup-env.sh',
  'src/config.ts',
  'src/client.ts',
  'src/functions.ts',
  'test/fake-azure.ts',
];

describe.each(combinations)('$sdk, $auth auth, $os', ({ sdk, auth, os }) => {
  it('matches the snapshots', async () => {
    const options = await optionsFrom([
      'my-app',
      '--resource',
      'contoso',
      '--deployment',
      'gpt-4o-mini',
      '--sdk',
      sdk,
      '--auth',
      auth,
      '--os',
      os,
    ]);
    const files = await render(options);
    for (const [path, entry] of files) {
      const text = typeof entry.contents === 'string' ? entry.contents : Buffer.from(entry.contents).toString('utf8');
      await expect(text).toMatchFileSnapshot(`__snapshots__/${sdk}-${auth}-${os}/${path}`);
    }
    expectSnapshotFolder(`${sdk}-${auth}-${os}`, files.keys());
  });
});

// The request each kind of model gets, the pin set for Node 20 and the web app, in both flavours.
describe.each([
  ['classic', ['--model', 'gpt-4.1']],
  ['reasoning', ['--model', 'gpt-5-mini']],
  ['node20', ['--node', '20']],
  ['web', ['--app', 'web']],
] as const)('%s', (name, extra) => {
  it.each(['azure-inference', 'openai'] as const)('%s matches the snapshots', async (sdk) => {
    const options = await optionsFrom([
      'my-app',
      '--resource',
      'contoso',
      '--deployment',
      'chat',
      '--sdk',
      sdk,
      '--auth',
      'entra',
      '--os',
      'linux',
      ...extra,
    ]);
    const files = await render(options);
    for (const [path, entry] of files) {
      if (UNCHANGED_BY_MODEL.includes(path)) continue;
      const text = typeof entry.contents === 'string' ? entry.contents : Buffer.from(entry.contents).toString('utf8');
      await expect(text).toMatchFileSnapshot(`__snapshots__/${name}-${sdk}/${path}`);
    }
    expectSnapshotFolder(
      `${name}-${sdk}`,
      [...files.keys()].filter((path) => !UNCHANGED_BY_MODEL.includes(path)),
    );
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
