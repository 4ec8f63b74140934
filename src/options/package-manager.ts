import type { PackageManager } from '../types.js';
// Package managers: which one launched us, and the commands each uses.

/** The package manager named first in npm_config_user_agent ("pnpm/9.1.0 npm/? node/v20.19.0 linux x64"). */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

/** The command that runs a package.json script: `npm run stream`, `pnpm stream`. */
export function runScript(pm: PackageManager, script: string): string {
  if (pm === 'bun') return `bun run ${script}`;
  if (pm === 'npm' && script !== 'start' && script !== 'test') return `npm run ${script}`;
  return `${pm} ${script}`;
}
