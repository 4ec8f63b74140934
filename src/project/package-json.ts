// The generated package.json, built as an object from the versions table (never templated as text).

import type { ProjectOptions } from '../types.js';
import { nodeEngines, type PinnedPackage, transitivePins, versions } from './versions.js';

export interface PackageJson {
  name: string;
  version: string;
  private: true;
  type: 'module';
  description: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  overrides?: Record<string, string>;
  resolutions?: Record<string, string>;
  allowScripts: Record<string, boolean>;
  dependenciesMeta: Record<string, { built: boolean }>;
  engines: { node: string };
}

/** The packages each project imports, by SDK flavour and auth method. */
export function dependenciesOf(options: Pick<ProjectOptions, 'sdk' | 'auth'>): PinnedPackage[] {
  const sdk: PinnedPackage[] =
    options.sdk === 'azure-inference'
      ? ['@azure-rest/ai-inference', '@azure/core-auth', '@azure/core-sse']
      : ['openai'];
  return options.auth === 'entra' ? [...sdk, '@azure/identity'] : sdk;
}

/** The package.json for `options`; scripts only for the entry files the project has (all of them by default). */
export function buildPackageJson(options: ProjectOptions, files?: ReadonlySet<string>): PackageJson {
  const has = (file: string) => files === undefined || files.has(file);
  const direct = dependenciesOf(options);
  const pkg: PackageJson = {
    name: options.packageName,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `Chat completions from the Azure OpenAI deployment ${options.deployment}`,
    scripts: {
      ...(has('example.ts') ? { start: 'tsx example.ts' } : {}),
      ...(has('stream.ts') ? { stream: 'tsx stream.ts' } : {}),
      typecheck: 'tsc --noEmit',
    },
    dependencies: pins(direct),
    devDependencies: pins(['@types/node', 'tsx', 'typescript']),
    // The tree's only install script is esbuild's binary check, which tsx does not need. npm 11.16+ asks for a
    // decision on it (npm 12 blocks it unless allowed), Yarn 2+ warns: say no to both (pnpm's is in its own file).
    allowScripts: { esbuild: false },
    dependenciesMeta: { esbuild: { built: false } },
    engines: { node: nodeEngines },
  };
  // Only the Azure packages pull in transitive Azure packages that need holding back for Node 20.
  if (direct.some((name) => name.startsWith('@azure'))) {
    // npm refuses an override of a direct dependency unless it refers to it as "$name".
    pkg.overrides = Object.fromEntries(
      Object.entries(transitivePins).map(([name, version]) => [
        name,
        (direct as string[]).includes(name) ? `$${name}` : version,
      ]),
    );
    pkg.resolutions = { ...transitivePins };
  }
  return pkg;
}

function pins(names: readonly PinnedPackage[]): Record<string, string> {
  return Object.fromEntries([...names].sort().map((name) => [name, versions[name]]));
}
