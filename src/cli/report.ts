// What a run tells the user: the result (or the plan of a dry run), and the one place where an error becomes a
// message and an exit code.
import { KEY_FILE } from '../options/api-key.js';
import type { CreateResult } from '../run/execute.js';
import { CancelError, exitCodeOf, StepError, UsageError } from '../shared/errors.js';
import { redactUrls } from '../shared/redact.js';
import { safeJson } from '../shared/text.js';
import type { ProjectOptions } from '../types.js';
import type { Output } from './output.js';
import type { Ui } from './ui.js';

export function report(result: CreateResult, options: ProjectOptions, ui: Ui): void {
  if (result.dryRun) {
    ui.info(`Dry run: nothing was written or run. It would write to ${result.directory}:`);
    for (const file of result.files) ui.info(`  ${file.path} (${file.bytes} bytes)`);
    if (result.commands.length > 0) ui.info('and run:');
    for (const command of result.commands) ui.info(`  ${command.command}${command.note ? `   (${command.note})` : ''}`);
    return;
  }
  ui.success(`Created ${result.files.length} files in ${result.directory}`);
  const keySource = options.apiKeySource ?? result.keySource;
  if (keySource !== undefined && result.keyFile) {
    // Said only once the file is there, and only what git really makes of it.
    const git = {
      ignored: 'git ignores it',
      'not ignored': 'git does NOT ignore it: see the warning above',
      'no repository': 'no git repository holds it yet',
    }[result.keyFile.git];
    ui.info(`The API key from ${keySource} is saved in ${KEY_FILE} (readable only by you; ${git}).`);
  }
  if (result.backup) {
    ui.info(
      `--overwrite replaced ${result.backup.files.join(', ')}; your copies are in ${result.backup.folder}` +
        (result.backup.files.includes(KEY_FILE) ? ` (${KEY_FILE} kept your other lines).` : '.'),
    );
  }
  ui.info(['Next steps:', ...result.nextSteps.map((step) => `  ${step}`)].join('\n'));
}

/** Reports the error (and, with --json, the result object on `json`); returns the exit code. */
export function fail(error: unknown, ui: Ui, json: Output | undefined): number {
  const code = exitCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const retry = error instanceof StepError || error instanceof CancelError ? error.retry : undefined;
  if (error instanceof UsageError) {
    ui.error(message);
    ui.hint('Run create-azure-inference-app --help for the options.');
  } else if (error instanceof CancelError || error instanceof StepError) {
    ui.error(message);
    const again = error instanceof StepError && error.again;
    if (retry) ui.hint(`${again ? 'Nothing was written. To try again, run' : 'To finish, run'}:\n  ${retry}`);
  } else {
    ui.error(`Unexpected error: ${message}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) ui.hint(error.stack);
  }
  if (json) {
    json.write(`${machineJson({ ok: false, exitCode: code, error: message, ...(retry ? { retry } : {}) })}\n`);
  }
  return code;
}

/** The --json result: every string with URL credentials redacted, and no character a terminal would act on. */
export function machineJson(value: unknown): string {
  return safeJson(value, (_key, item) => (typeof item === 'string' ? redactUrls(item) : item));
}
