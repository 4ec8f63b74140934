// The whole `migrate` subcommand: argv in, diffs or JSON on stdout, the report on stderr, an exit code out.
import { resolve } from 'node:path';
import { holdingSignals } from '../../run/signals.js';
import { shellWord } from '../../shared/command.js';
import { CancelError, exitCodeOf, UsageError } from '../../shared/errors.js';
import { redactUrls } from '../../shared/redact.js';
import { safeJson, visible } from '../../shared/text.js';
import { parseMigrateArgs } from './args.js';
import { MIGRATE_HELP, migrateHelpObject } from './help.js';
import { cancelled, migrate } from './migrate.js';
import { formatReport } from './print.js';

/** Where the subcommand's text goes: stdout and stderr that never throw (a closed pipe or a full disk is noted). */
export interface Sink {
  write(text: string): void;
  /** Why output stopped (EPIPE, ENOSPC...), once it has. */
  readonly lost?: string | undefined;
}

export interface MigrateIo {
  stdout: Sink;
  stderr: Sink;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The whole subcommand: parses argv after the word `migrate`, runs, prints, returns the exit code. */
export async function runMigrate(argv: readonly string[], io: MigrateIo): Promise<number> {
  // Known before parsing, so that a refused flag is reported as JSON too.
  const json = argv.includes('--json');
  // A signal stops the run where it can be stopped without leaving half a change: see migrate() and applyAll().
  const held = await holdingSignals(async (stopped) => {
    try {
      return await runOnce(argv, io, json, stopped);
    } catch (error) {
      // A signal also stops the git commands it reaches: their failure is the cancel, not an error of its own.
      const signal = stopped();
      const failure = signal ? cancelled(signal, 'before anything was written') : error;
      const exitCode = failure instanceof UsageError || failure instanceof CancelError ? exitCodeOf(failure) : 1;
      // A URL in a message may carry a password or a token.
      const text = redactUrls((failure as Error).message);
      io.stderr.write(visible(`migrate: ${text}\n${exitCode === 2 ? 'Run with --help for the options.\n' : ''}`));
      if (json) io.stdout.write(`${safeJson({ ok: false, exitCode, error: text, files: [], summary: {} })}\n`);
      return exitCode;
    }
  });
  let code = held.value;
  // A signal that came when the work could no longer stop for it: the run is still not a success.
  if (held.signal && code < 128) {
    const signalCode = exitCodeOf(new CancelError('', undefined, held.signal));
    io.stderr.write(`Received ${held.signal} as the run ended: the report above is complete.\n`);
    code = signalCode;
  }
  // The diffs or the JSON are what was asked for: a reader that closed early (EPIPE, as \`| head\` does) chose to,
  // but output lost otherwise (a full disk, /dev/full) means the run did not deliver.
  if (io.stdout.lost && io.stdout.lost !== 'EPIPE' && code === 0) {
    io.stderr.write(`migrate: the output could not be written to stdout (${io.stdout.lost}).\n`);
    code = 1;
  }
  return code;
}

async function runOnce(
  argv: readonly string[],
  io: MigrateIo,
  json: boolean,
  stopped: () => NodeJS.Signals | undefined,
): Promise<number> {
  const args = parseMigrateArgs(argv);
  if (args.help) {
    io.stdout.write(json ? `${safeJson(migrateHelpObject())}\n` : MIGRATE_HELP);
    return 0;
  }
  const result = await migrate({ ...args.options, path: resolve(io.cwd, args.options.path) }, { env: io.env, stopped });
  if (result.incomplete && result.incomplete.written.length > 0 && result.incomplete.left.length > 0) {
    result.incomplete.finish = finishCommand(argv);
  }
  if (json) io.stdout.write(`${safeJson(result)}\n`);
  else for (const file of result.files) if (file.diff) io.stdout.write(visible(file.diff));
  io.stderr.write(formatReport(result));
  return result.exitCode;
}

/** The command that finishes an interrupted --write: the same one, with --force (the tree now has its changes). */
function finishCommand(argv: readonly string[]): string {
  const words = ['npx', 'create-azure-inference-app@latest', 'migrate', ...argv.filter((a) => a !== '--json')];
  if (!argv.includes('--force')) words.push('--force');
  return words.map((word) => shellWord(word)).join(' ');
}
