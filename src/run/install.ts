// Installing the generated project's dependencies with the chosen package manager, in a scrubbed environment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_VARIABLE } from '../options/api-key.js';
import type { Command, PackageManager } from '../types.js';

export function installCommand(packageManager: PackageManager, cwd: string): Command {
  return { command: packageManager, args: ['install'], cwd };
}

// What a package manager needs from the environment: where it is, where its cache and config are, proxies and
// certificates. Everything else (an API key above all) stays out of reach of dependencies' install scripts.
const KEEP = new Set([
  'PATH',
  'Path',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'TMPDIR',
  'TMP',
  'TEMP',
  'LANG',
  'TERM',
  'COLORTERM',
  'CI',
  'NO_COLOR',
  'FORCE_COLOR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'NODE_OPTIONS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'PNPM_HOME',
  'BUN_INSTALL',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'SystemRoot',
  'SYSTEMROOT',
  'ComSpec',
  'COMSPEC',
  'PATHEXT',
  'ProgramData',
  'ProgramFiles',
  'WINDIR',
]);
const KEEP_PREFIXES = ['npm_config_', 'NPM_CONFIG_', 'YARN_', 'PNPM_', 'BUN_', 'COREPACK_', 'XDG_', 'LC_'];

/**
 * The environment the package manager runs with. `configs` are the texts of the user's npm and Yarn config files:
 * the variables they name as ${NAME} (a private registry's token, say) are kept too.
 */
export function installEnvironment(env: NodeJS.ProcessEnv, configs: readonly string[] = []): Record<string, string> {
  const referenced = new Set(['NPM_TOKEN', 'NODE_AUTH_TOKEN']);
  for (const text of configs)
    for (const match of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) referenced.add(match[1] ?? '');
  referenced.delete(KEY_VARIABLE);
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (KEEP.has(name) || referenced.has(name) || KEEP_PREFIXES.some((prefix) => name.startsWith(prefix))) {
      kept[name] = value;
    }
  }
  // Yarn 2+ refuses to create a lockfile when it detects CI; a new project has none yet. Yarn 1 ignores this.
  kept.YARN_ENABLE_IMMUTABLE_INSTALLS = 'false';
  return kept;
}

/** The user's npm and Yarn config files that may name environment variables; missing ones are skipped. */
export function readPackageManagerConfigs(env: NodeJS.ProcessEnv): string[] {
  // node:os only when needed: loading it costs a run that installs nothing.
  const home = env.HOME ?? env.USERPROFILE ?? process.getBuiltinModule('node:os').homedir();
  const files = [
    env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? join(home, '.npmrc'),
    join(home, '.yarnrc.yml'),
    join(home, '.yarnrc'),
  ];
  const texts = files.map((file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  });
  return texts.filter((text) => text !== '');
}
