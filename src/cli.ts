// The command line: the only module that reads process.argv, prints the final result and sets the exit code.
import { readFileSync } from 'node:fs';
import { parseArgs } from './args.js';
import { type CreateResult, create } from './create.js';
import { CancelError, exitCodeOf, StepError, UsageError } from './errors.js';
import { HELP } from './help.js';
import { type ProjectOptions, resolveOptions } from './options.js';
import { createUi, type Ui } from './ui.js';
import { nodeEngines, supportsNode } from './versions.js';

const RETIREMENT =
  'The Azure AI Inference SDK (--sdk azure-inference) was retired by Microsoft on 2026-08-26: it still works but gets no fixes. --sdk openai gives the supported path.';

export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const ui = createUi({ json, stdout: process.stdout, stderr: process.stderr, env: process.env });
  try {
    const args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (args.version) {
      process.stdout.write(`${readVersion()}\n`);
      return 0;
    }
    const options = await resolveOptions(args, {
      cwd: process.cwd(),
      platform: process.platform,
      userAgent: process.env.npm_config_user_agent,
    });
    announce(options, ui);
    const result = await create(options, {
      onStep: (message) => ui.step(message),
      onWarning: (message) => ui.warn(message),
      output: json ? 'stderr' : 'inherit',
    });
    report(result, ui);
    if (json) process.stdout.write(`${JSON.stringify({ ok: true, ...result }, null, 2)}\n`);
    return 0;
  } catch (error) {
    return fail(error, ui, json);
  }
}

function announce(options: ProjectOptions, ui: Ui): void {
  if (!supportsNode(process.versions.node)) {
    ui.warn(
      `Node.js ${process.versions.node} is older than the project supports (${nodeEngines}): install a newer Node.js to run it.`,
    );
  }
  for (const note of options.notes) ui.warn(note);
  if (options.sdk === 'azure-inference') ui.warn(RETIREMENT);
  if (options.placeholders) {
    ui.warn(
      'No --resource or --deployment: the project uses the placeholders <your-resource-name> and <your-deployment-name>. Replace them before running it.',
    );
  }
}

function report(result: CreateResult, ui: Ui): void {
  if (result.dryRun) {
    ui.info(`Dry run: nothing was written or run. It would write to ${result.directory}:`);
    for (const file of result.files) ui.info(`  ${file.path} (${file.bytes} bytes)`);
    if (result.commands.length > 0) ui.info('and run:');
    for (const command of result.commands) ui.info(`  ${command.command}${command.note ? `   (${command.note})` : ''}`);
    return;
  }
  ui.success(`Created ${result.files.length} files in ${result.directory}`);
  ui.info('\nNext steps:');
  for (const step of result.nextSteps) ui.info(`  ${step}`);
}

function fail(error: unknown, ui: Ui, json: boolean): number {
  const code = exitCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    ui.error(message);
    ui.hint('Run create-azure-inference-app --help for the options.');
  } else if (error instanceof CancelError) {
    ui.error(message);
  } else if (error instanceof StepError) {
    ui.error(message);
    if (error.retry) ui.hint(`To finish, run:\n  ${error.retry}`);
  } else {
    ui.error(`Unexpected error: ${message}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) ui.hint(error.stack);
  }
  if (json) {
    const retry = error instanceof StepError ? error.retry : undefined;
    process.stdout.write(
      `${JSON.stringify({ ok: false, exitCode: code, error: message, ...(retry ? { retry } : {}) }, null, 2)}\n`,
    );
  }
  return code;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
