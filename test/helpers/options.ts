// ProjectOptions for tests, built through the real resolveOptions from flags.
import { parseArgs } from '../../src/cli/args.js';
import { resolveOptions } from '../../src/options/resolve.js';
import type { Environment, ProjectOptions } from '../../src/types.js';

/** A machine running current Node.js: the projects get the current pin set unless a test passes --node 20. */
export const testEnvironment: Environment = {
  cwd: '/projects',
  platform: 'linux',
  userAgent: undefined,
  nodeVersion: '24.11.0',
};

export async function optionsFrom(argv: readonly string[], env: Partial<Environment> = {}): Promise<ProjectOptions> {
  return resolveOptions(parseArgs(argv), { ...testEnvironment, ...env });
}

/** Every built-in combination the snapshots cover. */
export const combinations = (['azure-inference', 'openai'] as const).flatMap((sdk) =>
  (['key', 'entra'] as const).flatMap((auth) =>
    (['windows', 'linux', 'macos', 'all'] as const).map((os) => ({ sdk, auth, os })),
  ),
);
