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

/**
 * The command line that runs a run again after it failed before writing anything: the replay, and what the run was
 * asked to do besides (--verify, a key from standard input, which must be piped to it again). Never the key itself.
 */
export function retryArgs(options: ProjectOptions): string[] {
  return [
    ...replayArgs(options),
    ...(options.verify ? ['--verify'] : []),
    ...(options.apiKeySource === '--api-key-stdin' ? ['--api-key-stdin'] : []),
  ];
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

/**
 * The command as it was typed (`argv`: the words after the package's name; --json left out, as in the replay), to
 * run again after a failure before anything was resolved, such as a template download. Undefined when it holds a --var: whether a variable is secret
 * (and so never printed) is known only from the template's manifest, and leaving values out would make another project.
 */
export function commandAsTyped(
  packageManager: ProjectOptions['packageManager'],
  argv: readonly string[],
  platform?: NodeJS.Platform,
): string | undefined {
  if (argv.some((word) => word === '--var' || word.startsWith('--var='))) return undefined;
  // As the replay does, without --json: how the output is read is the caller's to choose.
  const words = argv
    .filter((word) => word !== '--json')
    .map((word) => shellWord(word, platform))
    .join(' ');
  return packageManager === 'npm'
    ? `npm create azure-inference-app@latest -- ${words}`
    : `${packageManager} create azure-inference-app ${words}`;
}
