// The command that makes the same project again without questions: printed after an interactive run and used in
// the generated README to switch SDK flavour.
import { shellWord } from '../shared/command.js';
import type { ProjectOptions } from '../types.js';
import { FLAGS } from './definitions.js';

/** A command line that makes the same project again, asking nothing: each option replays itself (definitions.ts). */
export function replayArgs(options: ProjectOptions): string[] {
  // --yes so that the command asks nothing (the key, install, git); placeholders stay placeholders under it.
  return [options.directoryArg, '--yes', ...FLAGS.flatMap((flag) => flag.replay?.(options) ?? [])];
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
