import { describe, expect, it } from 'vitest';
import { buildPackageJson, dependenciesOf } from '../../../src/project/package-json.js';
import {
  pinSetFor,
  pinSets,
  projectWarnings,
  supportsNode,
  typesNodeFor,
  versionsFor,
} from '../../../src/project/versions.js';
import { optionsFrom } from '../../helpers/options.js';

const base = ['my-app', '--resource', 'contoso', '--deployment', 'gpt-4.1-mini'];
const node20 = ['--node', '20'];

/** The files a built-in project of each flavour has that package.json scripts run. */
const files = (sdk: string = 'openai') =>
  new Set([
    'example.ts',
    'stream.ts',
    'tools.ts',
    'test/chat.test.ts',
    ...(sdk === 'openai' ? ['responses.ts', 'test/responses.test.ts'] : []),
    'test/fake-azure.ts',
    'src/chat.ts',
  ]);

describe('buildPackageJson', () => {
  it.each([
    ['azure-inference', 'key', ['@azure-rest/ai-inference', '@azure/core-auth', '@azure/core-sse']],
    [
      'azure-inference',
      'entra',
      ['@azure-rest/ai-inference', '@azure/core-auth', '@azure/core-sse', '@azure/identity'],
    ],
    ['openai', 'key', ['openai', 'undici']],
    ['openai', 'entra', ['@azure/identity', 'openai', 'undici']],
  ])('%s with %s auth depends on exactly what it imports', async (sdk, auth, deps) => {
    const pkg = buildPackageJson(await optionsFrom([...base, '--sdk', sdk, '--auth', auth]), files(sdk));
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...deps].sort());
    expect(dependenciesOf({ sdk: sdk as 'openai', auth: auth as 'key' }).sort()).toEqual([...deps].sort());
  });

  it.each([['24'], ['22'], ['20']])('pins every version exactly, from the versions table (--node %s)', async (node) => {
    const options = await optionsFrom([...base, '--sdk', 'azure-inference', '--auth', 'entra', '--node', node]);
    const pkg = buildPackageJson(options, files('azure-inference'));
    const versions = versionsFor(node);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version).toBe(versions[name as keyof typeof versions]);
      expect(version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    }
  });

  it('on current Node: runs the .ts files with Node itself, no tsx, TypeScript 7, no overrides', async () => {
    const pkg = buildPackageJson(
      await optionsFrom([...base, '--sdk', 'azure-inference', '--auth', 'entra']),
      files('azure-inference'),
    );
    expect(pkg).toMatchObject({ private: true, type: 'module', engines: { node: '^22.18.0 || >=23.6.0' } });
    expect(pkg.scripts).toEqual({
      start: 'node example.ts',
      stream: 'node stream.ts',
      tools: 'node tools.ts',
      test: 'node --test test/*.test.ts',
      typecheck: 'tsc --noEmit',
    });
    expect(pkg.devDependencies).toEqual({ '@types/node': '24.19.4', typescript: '7.0.2' });
    expect(pkg.dependencies).toMatchObject({ '@azure/identity': '4.14.1', '@azure/core-auth': '1.11.0' });
    expect(pkg.overrides).toBeUndefined();
    expect(pkg.resolutions).toBeUndefined();
    expect(pkg.allowScripts).toBeUndefined();
    expect(pkg.dependenciesMeta).toBeUndefined();
  });

  it('gives Node 22 its own @types/node', async () => {
    const pkg = buildPackageJson(await optionsFrom([...base, '--node', '22']), files());
    expect(pkg.devDependencies['@types/node']).toBe('22.20.7');
    expect(pkg.dependencies).toEqual({ openai: '7.60.0', undici: '7.30.3' });
  });

  it('on Node 20: tsx, TypeScript 7, and the engines of the Node 20 set', async () => {
    const pkg = buildPackageJson(await optionsFrom([...base, ...node20]), files());
    expect(pkg).toMatchObject({ engines: { node: '^20.19.0 || >=22.12.0' }, allowScripts: { esbuild: false } });
    expect(pkg.scripts).toEqual({
      start: 'tsx example.ts',
      stream: 'tsx stream.ts',
      responses: 'tsx responses.ts',
      tools: 'tsx tools.ts',
      // Node 20 does not expand a pattern after --test: each file is named.
      test: 'tsx --test test/chat.test.ts test/responses.test.ts',
      typecheck: 'tsc --noEmit',
    });
    expect(pkg.devDependencies).toEqual({ '@types/node': '20.19.43', tsx: '4.23.15', typescript: '7.0.2' });
    expect(pkg.dependencies).toEqual({ openai: '6.49.0', undici: '7.30.3' });
  });

  it('has a script only for the entry files and tests the project has', async () => {
    const pkg = buildPackageJson(await optionsFrom(base), new Set(['example.ts', 'README.md', 'test/fake-azure.ts']));
    expect(pkg.scripts).toEqual({ start: 'node example.ts', typecheck: 'tsc --noEmit' });
  });

  it('holds transitive Azure packages back for Node 20, referring to direct dependencies as $name for npm', async () => {
    const pkg = buildPackageJson(
      await optionsFrom([...base, ...node20, '--sdk', 'azure-inference']),
      files('azure-inference'),
    );
    expect(pkg.overrides?.['@azure/core-auth']).toBe('$@azure/core-auth');
    expect(pkg.overrides?.['@azure-rest/core-client']).toBe(pinSets.node20.transitive['@azure-rest/core-client']);
    expect(pkg.resolutions).toEqual(pinSets.node20.transitive);
  });

  it('has no overrides when no Azure package is installed (openai with a key)', async () => {
    const pkg = buildPackageJson(await optionsFrom([...base, ...node20, '--sdk', 'openai']), files());
    expect(pkg.overrides).toBeUndefined();
    expect(pkg.resolutions).toBeUndefined();
  });

  it('pins identity with its transitive set for openai with Entra ID on Node 20, as literal versions', async () => {
    const pkg = buildPackageJson(
      await optionsFrom([...base, ...node20, '--sdk', 'openai', '--auth', 'entra']),
      files(),
    );
    expect(pkg.overrides?.['@azure/core-auth']).toBe('1.10.1');
  });
});

describe('pinSetFor', () => {
  it.each([
    ['24', 'current'],
    ['26', 'current'],
    ['22', 'current'],
    ['24.11.0', 'current'],
    ['22.18.0', 'current'],
    ['23.6.0', 'current'],
    ['23.5.0', 'node20'],
    ['22.17.1', 'node20'],
    ['22.12.0', 'node20'],
    ['20', 'node20'],
    ['20.20.2', 'node20'],
  ])('%s -> %s, with one warning exactly when not current', (node, name) => {
    const { set, warning } = pinSetFor(node);
    expect(set.name).toBe(name);
    expect(projectWarnings({ node }, '24.22.3')).toHaveLength(name === 'current' ? 0 : 1);
    if (name === 'node20') {
      expect(warning).toContain('need Node.js 22.18 or later');
      expect(warning).toContain(node);
    } else {
      expect(warning).toBeUndefined();
    }
  });

  it('warns when the project is for a Node.js that runs .ts files and the running one does not', () => {
    const [warning] = projectWarnings({ node: '24', sdk: 'openai' }, '20.20.2');
    expect(warning).toContain('--node 24');
    expect(warning).toContain('ERR_UNKNOWN_FILE_EXTENSION');
    expect(projectWarnings({ node: '26' }, '22.18.0')).toEqual([]);
  });

  it("names the flavour's own pins in the Node 20 warning", () => {
    const [inference] = projectWarnings({ node: '20', sdk: 'azure-inference' }, '20.20.2');
    expect(inference).toContain('@azure/identity 4.14.1');
    expect(inference).not.toContain('openai');
    const [openai] = projectWarnings({ node: '20', sdk: 'openai' }, '20.20.2');
    expect(openai).toContain('openai 7.60.0');
    expect(openai).toContain('openai 6.49.0');
  });

  it('picks the newest @types/node not above the Node major', () => {
    expect(typesNodeFor(pinSets.current, '22.18.0')).toBe('22.20.7');
    expect(typesNodeFor(pinSets.current, '24')).toBe('24.19.4');
    expect(typesNodeFor(pinSets.current, '26')).toBe('26.6.11');
    expect(typesNodeFor(pinSets.current, '25')).toBe('24.19.4');
    expect(typesNodeFor(pinSets.current, '23.6.0')).toBe('22.20.7');
    expect(typesNodeFor(pinSets.node20, '22.11.0')).toBe('20.19.43');
  });

  it('has the tsx runner exactly where it pins tsx', () => {
    for (const set of Object.values(pinSets)) {
      expect(set.packages.tsx !== undefined).toBe(set.runner === 'tsx');
      expect(set.engines).toContain(set.minimum);
    }
  });
});

describe('supportsNode', () => {
  it.each([
    ['20.19.0', true],
    ['20.20.2', true],
    ['20.18.3', false],
    ['21.7.3', false],
    ['22.11.0', false],
    ['22.12.0', true],
    ['24.0.0', true],
    ['26.1.0', true],
    ['18.20.4', false],
  ])('%s -> %s', (version, ok) => {
    expect(supportsNode(version)).toBe(ok);
  });
});
