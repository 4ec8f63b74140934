// The next steps printed after a run: pure text from the options.
import { isAbsolute, relative } from 'node:path';
import { shellWord } from './command.js';
import { type ProjectOptions, shells } from './options.js';
import { runScript } from './package-manager.js';

export interface NextStepsInput {
  readonly options: ProjectOptions;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  readonly installed: boolean;
}

/** Commands to run next, one a line, with a short comment where one helps. */
export function nextSteps({ options, cwd, platform, installed }: NextStepsInput): string[] {
  const steps: string[] = [];
  const path = relative(cwd, options.directory);
  if (path !== '')
    steps.push(`cd ${shellWord(path.startsWith('..') || isAbsolute(path) ? options.directory : path, platform)}`);
  if (!installed) steps.push(`${options.packageManager} install`);
  const { bash, powershell } = shells(options.os);
  const scripts = [...(bash ? ['setup-env.sh'] : []), ...(powershell ? ['setup-env.ps1'] : [])].join(' and ');
  if (options.placeholders) steps.push(`# replace <your-resource-name> and <your-deployment-name> in ${scripts}`);
  if (options.auth === 'entra') steps.push('az login');
  if (options.apiKey !== undefined && !options.placeholders) {
    // .env holds the endpoint and the key: nothing to set up.
    steps.push(runScript(options.packageManager, 'start'));
    return steps;
  }
  const sourceBash = `source ./setup-env.sh${options.auth === 'key' ? '   # asks for the API key' : ''}`;
  const runPowershell = `.\\setup-env.ps1${options.auth === 'key' ? '   # asks for the API key' : ''}`;
  if (bash && powershell) {
    steps.push(platform === 'win32' ? runPowershell : sourceBash);
    steps.push(platform === 'win32' ? '# in bash or zsh: source ./setup-env.sh' : '# in PowerShell: .\\setup-env.ps1');
  } else {
    steps.push(bash ? sourceBash : runPowershell);
  }
  steps.push(runScript(options.packageManager, 'start'));
  return steps;
}
