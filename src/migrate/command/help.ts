// migrate --help and --help --json, drawn from its option table (./options.ts).
import { MIGRATE_FLAGS, MIGRATE_USAGE, type MigrateFlag } from './options.js';

/** `--sdk <openai|azure-inference>`, `-h, --help`: a flag as --help shows it. */
function usageOf(flag: MigrateFlag): string {
  const long = `--${flag.name}${flag.hint ? ` ${flag.hint}` : ''}`;
  return flag.short ? `-${flag.short}, ${long}` : long;
}

export const MIGRATE_HELP = `Usage: ${MIGRATE_USAGE}

Moves a codebase's OpenAI chat code to Azure. A dry run by default: prints unified diffs and a report.

${MIGRATE_FLAGS.map((flag) => `  ${usageOf(flag).padEnd(32)} ${flag.help}`).join('\n')}
`;

/** What `migrate --help --json` prints: the usage and the option table, as the main command's --help --json does. */
export function migrateHelpObject(): {
  usage: string[];
  options: { flag: string; short?: string; value?: string; repeatable?: true; help: string }[];
} {
  return {
    usage: [MIGRATE_USAGE],
    options: MIGRATE_FLAGS.map((flag) => ({
      flag: `--${flag.name}`,
      ...(flag.short ? { short: `-${flag.short}` } : {}),
      ...(flag.hint ? { value: flag.hint } : {}),
      ...(flag.multiple ? { repeatable: true as const } : {}),
      help: flag.help,
    })),
  };
}
