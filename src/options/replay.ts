// The command that makes the same project again without questions: printed after an interactive run and used in
// the generated README to switch SDK flavour.

import { PLACEHOLDER_DEPLOYMENT, PLACEHOLDER_RESOURCE } from '../azure/endpoint.js';
import { shellWord } from '../shared/command.js';
import { DEFAULT_API_VERSION, type ProjectOptions } from './resolve.js';

/** Flags that reproduce `options` (never a key: keys are not flags). */
export function replayArgs(options: ProjectOptions): string[] {
  // --yes so that the command asks nothing (the key, install, git); placeholders stay placeholders under it.
  const args = [options.directoryArg, '--yes', '--sdk', options.sdk];
  if (options.customEndpoint !== undefined) args.push('--endpoint', options.customEndpoint);
  else if (options.resource !== undefined && options.resource !== PLACEHOLDER_RESOURCE) {
    args.push('--resource', options.resource);
  }
  if (options.deployment !== PLACEHOLDER_DEPLOYMENT) args.push('--deployment', options.deployment);
  args.push('--auth', options.auth);
  if (options.apiVersion !== undefined && options.apiVersion !== DEFAULT_API_VERSION) {
    args.push('--api-version', options.apiVersion);
  }
  args.push('--os', options.os);
  if (options.template) {
    args.push('--template', options.template.source);
    // Secret variables are left for the command to ask or refuse: they never go on a command line.
    for (const variable of options.template.manifest.variables) {
      const value = options.vars[variable.name];
      if (!variable.secret && value !== undefined) args.push('--var', `${variable.name}=${value}`);
    }
  }
  if (!options.install) args.push('--no-install');
  if (options.git !== 'auto') args.push(options.git ? '--git' : '--no-git');
  if (options.overwrite) args.push('--overwrite');
  return args;
}

/** `npm create azure-inference-app@latest <args>` as the chosen package manager spells it. */
export function createCommand(
  packageManager: ProjectOptions['packageManager'],
  args: readonly string[],
  platform?: NodeJS.Platform,
): string {
  const [directory = '', ...flags] = args.map((arg) => shellWord(arg, platform));
  if (packageManager === 'npm') return `npm create azure-inference-app@latest ${directory} -- ${flags.join(' ')}`;
  return `${packageManager} create azure-inference-app ${[directory, ...flags].join(' ')}`;
}
