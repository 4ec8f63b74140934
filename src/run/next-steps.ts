// The next steps printed after a run: pure text from the options.
import { isAbsolute, relative } from 'node:path';
import { PLACEHOLDER_DEPLOYMENT, PLACEHOLDER_RESOURCE } from '../azure/endpoint.js';
import { removalCommand } from '../azure/provision/cost.js';
import { runScript } from '../options/package-manager.js';
import { shellWord } from '../shared/command.js';
import type { ProjectOptions } from '../types.js';

export interface NextStepsInput {
  readonly options: ProjectOptions;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  readonly installed: boolean;
  /** The project's files: steps name only scripts and files the project has (a custom template may drop some). */
  readonly files: ReadonlySet<string>;
}

/** `cd <project>` as the user's shell wants it, or undefined when the project is the current folder. */
export function cdStep(options: ProjectOptions, cwd: string, platform: NodeJS.Platform): string | undefined {
  const path = relative(cwd, options.directory);
  if (path === '') return undefined;
  if (path.startsWith('..') || isAbsolute(path)) return `cd ${shellWord(options.directory, platform)}`;
  // A name that starts with anything but a letter, digit, _ or . is read by cd as something else: - is the previous
  // folder, -x an option, +1 or -1 a place on zsh's directory stack, ~ a home folder. ./ makes it a path.
  return `cd ${shellWord(/^[\w.]/.test(path) ? path : `./${path}`, platform)}`;
}

/** Commands to run next, one a line, with a short comment where one helps. */
export function nextSteps({ options, cwd, platform, installed, files }: NextStepsInput): string[] {
  const steps: string[] = [];
  const cd = cdStep(options, cwd, platform);
  if (cd) steps.push(cd);
  if (!installed) steps.push(`${options.packageManager} install`);
  const bash = files.has('setup-env.sh');
  const powershell = files.has('setup-env.ps1');
  const scripts = [...(bash ? ['setup-env.sh'] : []), ...(powershell ? ['setup-env.ps1'] : [])].join(' and ');
  const placeholders = [PLACEHOLDER_RESOURCE, PLACEHOLDER_DEPLOYMENT].filter(
    (placeholder) => options.resource === placeholder || options.deployment === placeholder,
  );
  if (placeholders.length > 0 && scripts) steps.push(`# replace ${placeholders.join(' and ')} in ${scripts}`);
  if (options.auth === 'entra') steps.push('az login');
  // --- provisioning ---
  if (options.provision && options.auth === 'entra') {
    steps.push('# your new role on the resource can take a few minutes to apply: until then Azure answers 401');
  }
  if (options.provision) steps.push(`# to delete the Azure resources: ${removalCommand(options.provision)}`);
  // --- end of provisioning ---
  const start = files.has('example.ts') ? [runScript(options.packageManager, 'start')] : [];
  if (options.apiKey !== undefined && !options.placeholders) {
    // .env holds the endpoint and the key: nothing to set up.
    return [...steps, ...start];
  }
  const sourceBash = `source ./setup-env.sh${options.auth === 'key' ? '   # asks for the API key' : ''}`;
  const runPowershell = `.\\setup-env.ps1${options.auth === 'key' ? '   # asks for the API key' : ''}`;
  if (bash && powershell) {
    steps.push(platform === 'win32' ? runPowershell : sourceBash);
    steps.push(platform === 'win32' ? '# in bash or zsh: source ./setup-env.sh' : '# in PowerShell: .\\setup-env.ps1');
  } else if (bash) {
    steps.push(sourceBash);
  } else if (powershell) {
    steps.push(runPowershell);
  }
  return [...steps, ...start];
}
