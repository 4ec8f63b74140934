// The command that makes the same project again without questions: printed after an interactive run and used in
// the generated README to switch SDK flavour.
import { shellWord } from '../shared/command.js';
import type { ProjectOptions } from '../types.js';
import { FLAGS, type FlagDefinition } from './definitions.js';

/** A command line that makes the same project again, asking nothing: each option replays itself (definitions.ts). */
export function replayArgs(options: ProjectOptions): string[] {
  // --yes so that the command asks nothing (the key, install, git); placeholders stay placeholders under it.
  // A directory that starts with - would be read as a flag: ./ keeps it a path to the same folder.
  const directory = options.directoryArg.startsWith('-') ? `./${options.directoryArg}` : options.directoryArg;
  return [directory, '--yes', ...FLAGS.flatMap((flag) => joinValue(flag, flag.replay?.(options) ?? []))];
}

/** `--flag value` as `--flag=value` when the value starts with -, which the parser would take for a flag. */
function joinValue(flag: FlagDefinition, words: readonly string[]): readonly string[] {
  if (flag.type !== 'string') return words;
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const value = words[i + 1];
    if (word === `--${flag.name}` && value?.startsWith('-')) {
      joined.push(`${word}=${value}`);
      i++;
    } else {
      joined.push(word);
    }
  }
  return joined;
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
