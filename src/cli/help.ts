// The --help text, drawn from the options table; docs/options.md's options table is checked against the same table.
import { FLAGS, type FlagDefinition } from '../options/definitions.js';

const WIDTH = 110;
const COLUMN = 29;

/** `--sdk <flavour>`, `-y, --yes`, `--no-install`: a flag as --help and docs/options.md show it. */
export function usageOf(flag: FlagDefinition): string {
  const long = flag.shown ?? `--${flag.name}${flag.hint ? ` ${flag.hint}` : ''}`;
  return flag.short ? `-${flag.short}, ${long}` : long;
}

/** Words wrapped to the help's width, continuation lines under the description column. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && COLUMN + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(COLUMN)}`);
}

function section(group: FlagDefinition['group']): string {
  const rows = FLAGS.filter((flag) => flag.group === group).map(
    (flag) => `  ${usageOf(flag).padEnd(COLUMN - 3)} ${wrap(flag.help)}`,
  );
  return `${group}:\n${rows.join('\n')}\n`;
}

/** What `--help --json` prints: the usage lines and the option table, for a script to read. */
export function helpObject(): {
  usage: string[];
  options: { flag: string; short?: string; value?: string; repeatable?: true; help: string }[];
} {
  return {
    usage: [
      'npm create azure-inference-app@latest [directory] -- [options]',
      'create-azure-inference-app [directory] [options]',
      'create-azure-inference-app migrate [path] [options]',
    ],
    options: FLAGS.map((flag) => ({
      flag: flag.shown ?? `--${flag.name}`,
      ...(flag.short ? { short: `-${flag.short}` } : {}),
      ...(flag.type === 'string' && flag.hint ? { value: flag.hint } : {}),
      ...(flag.multiple ? { repeatable: true as const } : {}),
      help: flag.help,
    })),
  };
}

export const HELP = `Create a TypeScript project that calls an Azure OpenAI chat deployment.

Usage:
  npm create azure-inference-app@latest [directory] -- [options]
  create-azure-inference-app [directory] [options]
  create-azure-inference-app migrate [path] [options]   move existing OpenAI code to Azure (migrate --help)

In a terminal it asks for what the options do not give. Without one (or with CI set, --yes or --json) it
never asks: a missing value is an error, or a default with --yes.

${section('Azure')}
${section('Project')}
${section('Run')}
Example:
  npm create azure-inference-app@latest my-app -- --resource contoso --deployment gpt-4.1 --os all

Exit codes: 0 done, 1 failed while running (the project is kept, or nothing was written: the command to finish
or to run again is printed), 2 bad or missing input (nothing written), 130 cancelled (143 on SIGTERM, 129 on SIGHUP).
`;
