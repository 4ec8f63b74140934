import { describe, expect, it } from 'vitest';
import { buildPackageJson, dependenciesOf } from '../../../src/project/package-json.js';
import { supportsNode, transitivePins, versions } from '../../../src/project/versions.js';
import { optionsFrom } from '../../helpers/options.js';

const base = ['my-app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini'];

describe('buildPackageJson', () => {
  it.each([
    ['azure-inference', 'key', ['@azure-rest/ai-inference', '@azure/core-auth', '@azure/core-sse']],
    [
      'azure-inference',
      'entra',
      ['@azure-rest/ai-inference', '@azure/core-auth', '@azure/core-sse', '@azure/identity'],
    ],
    ['openai', 'key', ['openai']],
    ['openai', 'entra', ['@azure/identity', 'openai']],
  ])('%s with %s auth depends on exactly what it imports', async (sdk, auth, deps) => {
    const pkg = buildPackageJson(await optionsFrom([...base, '--sdk', sdk, '--auth', auth]));
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...deps].sort());
    expect(dependenciesOf({ sdk: sdk as 'openai', auth: auth as 'key' }).sort()).toEqual([...deps].sort());
  });

  it('pins every version exactly, from the versions table', async () => {
    const pkg = buildPackageJson(await optionsFrom([...base, '--auth', 'entra']));
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version).toBe(versions[name as keyof typeof versions]);
      expect(version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    }
  });

  it('is a private ES module with start, stream and typecheck and no lifecycle scripts', async () => {
    const pkg = buildPackageJson(await optionsFrom(base));
    expect(pkg).toMatchObject({
      name: 'my-app',
      private: true,
      type: 'module',
      engines: { node: '^20.19.0 || >=22.12.0' },
    });
    expect(pkg.scripts).toEqual({ start: 'tsx example.ts', stream: 'tsx stream.ts', typecheck: 'tsc --noEmit' });
  });

  it('holds transitive Azure packages back for Node 20, referring to direct dependencies as $name for npm', async () => {
    const pkg = buildPackageJson(await optionsFrom(base));
    expect(pkg.overrides?.['@azure/core-auth']).toBe('$@azure/core-auth');
    expect(pkg.overrides?.['@azure-rest/core-client']).toBe(transitivePins['@azure-rest/core-client']);
    expect(pkg.resolutions).toEqual(transitivePins);
  });

  it('has no overrides when no Azure package is installed (openai with a key)', async () => {
    const pkg = buildPackageJson(await optionsFrom([...base, '--sdk', 'openai']));
    expect(pkg.overrides).toBeUndefined();
    expect(pkg.resolutions).toBeUndefined();
  });

  it('pins identity with its transitive set for openai with Entra ID, as literal versions', async () => {
    const pkg = buildPackageJson(await optionsFrom([...base, '--sdk', 'openai', '--auth', 'entra']));
    expect(pkg.overrides?.['@azure/core-auth']).toBe('1.10.1');
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
