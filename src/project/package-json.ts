// The generated package.json, built as an object from the versions table (never templated as text).

import { UsageError } from '../shared/errors.js';
import type { ProjectOptions } from '../types.js';
import { type PinnedPackage, pinSetFor, versionsFor } from './versions.js';

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
  allowScripts?: Record<string, boolean>;
  dependenciesMeta?: Record<string, { built: boolean }>;
  engines: { node: string };
}

/** The packages each project imports, by SDK flavour and auth method. */
export function dependenciesOf(options: Pick<ProjectOptions, 'sdk' | 'auth'>): PinnedPackage[] {
  const sdk: PinnedPackage[] =
    options.sdk === 'azure-inference'
      ? ['@azure-rest/ai-inference', '@azure/core-auth', '@azure/core-sse']
      : // undici: the proxy agent for Node.js versions whose fetch cannot use HTTPS_PROXY by itself (src/proxy.ts).
        ['openai', 'undici'];
  return options.auth === 'entra' ? [...sdk, '@azure/identity'] : sdk;
}

/** Whether a project path is one of the tests `npm test` runs: test/*.test.ts. */
export function isTestFile(path: string): boolean {
  return /^test\/[^/]+\.test\.ts$/.test(path);
}

/**
 * The project's test files (test/*.test.ts), which `npm test` runs. The Node 20 script names each one, unquoted (npm
 * runs scripts with sh or cmd.exe, which quote differently): a name must need no quoting in either.
 */
export function testFiles(files: ReadonlySet<string>): string[] {
  const tests = [...files].filter(isTestFile).sort();
  const unsafe = tests.find((file) => !/^test\/[A-Za-z0-9_.-]+\.test\.ts$/.test(file));
  if (unsafe !== undefined) {
    throw new UsageError(
      `--template: ${unsafe}: a test file's name may hold only letters, digits, ".", "_" and "-" (package.json's test script names it)`,
    );
  }
  return tests;
}

/** The script that runs example.ts: `start`, but in a web app, where `start` serves the page. */
export function exampleScript(app: ProjectOptions['app']): string {
  return app === 'web' ? 'example' : 'start';
}

/** The package.json for `options`; scripts only for the entry files and tests among `files`, the project's files. */
export function buildPackageJson(options: ProjectOptions, files: ReadonlySet<string>): PackageJson {
  const has = (file: string) => files.has(file);
  const tests = testFiles(files);
  const direct = dependenciesOf(options);
  const { set } = pinSetFor(options.node);
  const versions = versionsFor(options.node);
  const pins = (names: readonly PinnedPackage[]) =>
    Object.fromEntries([...names].sort().map((name) => [name, versions[name] ?? '']));
  const tsx = set.runner === 'tsx';
  // Node 22.18+ runs .ts files itself (type stripping); older Node needs tsx.
  const run = (file: string) => (tsx ? `tsx ${file}` : `node ${file}`);
  // A web app's `start` is its server (what App Service runs); the example moves to `example`.
  const server = options.app === 'web' && has('server.ts');
  const pkg: PackageJson = {
    name: options.packageName,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `Chat completions from the Azure OpenAI deployment ${options.deployment}`,
    scripts: {
      ...(server ? { start: run('server.ts'), dev: tsx ? 'tsx watch server.ts' : 'node --watch server.ts' } : {}),
      ...(has('example.ts') ? { [exampleScript(options.app)]: run('example.ts') } : {}),
      ...(has('stream.ts') ? { stream: run('stream.ts') } : {}),
      ...(has('responses.ts') ? { responses: run('responses.ts') } : {}),
      ...(has('tools.ts') ? { tools: run('tools.ts') } : {}),
      // Node 22.18+ finds the files of a glob itself (also on Windows, where no shell expands it); Node 20 cannot,
      // so tsx is given each file.
      ...(tests.length > 0 ? { test: tsx ? `tsx --test ${tests.join(' ')}` : 'node --test test/*.test.ts' } : {}),
      typecheck: 'tsc --noEmit',
    },
    dependencies: pins(direct),
    devDependencies: pins(tsx ? ['@types/node', 'tsx', 'typescript'] : ['@types/node', 'typescript']),
    ...(tsx
      ? {
          // The tree's only install script is esbuild's binary check, which tsx does not need. npm 11.16+ asks for a
          // decision on it (npm 12 blocks it unless allowed), Yarn 2+ warns: say no to both (pnpm's is in its own file).
          allowScripts: { esbuild: false },
          dependenciesMeta: { esbuild: { built: false } },
        }
      : {}),
    engines: { node: set.engines },
  };
  // Only the Azure packages pull in transitive Azure packages, which the Node 20 set holds back.
  const transitivePins = set.transitive;
  if (direct.some((name) => name.startsWith('@azure')) && Object.keys(transitivePins).length > 0) {
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
