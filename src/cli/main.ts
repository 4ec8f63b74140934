// The command line: the only module that reads process.argv, prints the final result and sets the exit code.
// argv -> args -> options -> plan -> execute -> report.
import { createCommand, replayArgs } from '../options/replay.js';
import { resolveOptions } from '../options/resolve.js';
import { execute } from '../run/execute.js';
import { plan } from '../run/plan.js';
import type { CustomTemplate } from '../template/load.js';
import type { Prompter } from '../types.js';
import { parseArgs } from './args.js';
import { isInteractive, readEnvironment } from './environment.js';
import { HELP } from './help.js';
import { standardOutput } from './output.js';
import { fail, machineJson, report, warningsFor } from './report.js';
import { createUi, type Ui } from './ui.js';
import { readVersion } from './version.js';

export async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const stdout = standardOutput(1);
  let ui: Ui = createUi({ json, stdout, stderr: standardOutput(2), env: process.env });
  let template: CustomTemplate | undefined;
  try {
    const args = parseArgs(argv);
    if (args.help) {
      stdout.write(HELP);
      return 0;
    }
    if (args.version) {
      stdout.write(`${readVersion()}\n`);
      return 0;
    }
    const interactive = isInteractive(args);
    const environment = await readEnvironment(args, interactive);
    let prompter: Prompter | undefined;
    let terminal: Awaited<ReturnType<typeof startConversation>> | undefined;
    if (interactive) {
      terminal = await startConversation();
      ui = terminal.ui;
      prompter = terminal.prompter;
    }
    if (args.template !== undefined) {
      const { loadTemplate } = await import('../template/load.js');
      template = await loadTemplate(args.template, environment.cwd);
    }
    const options = await resolveOptions(args, environment, prompter, template);
    const planned = await plan(options);
    const warnings = warningsFor(options);
    for (const warning of warnings) ui.warn(warning);
    const result = await execute(planned, {
      onStep: (message) => ui.step(message),
      onWarning: (message) => ui.warn(message),
      output: json ? 'stderr' : 'inherit',
      ...(terminal ? { installProgress: terminal.ui.installProgress } : {}),
    });
    report(result, options, ui);
    if (terminal) {
      ui.info(`To skip the questions next time, run:\n  ${createCommand(options.packageManager, replayArgs(options))}`);
      terminal.ui.outro('Done.');
    }
    if (json) {
      stdout.write(`${machineJson({ ok: true, ...result, warnings: [...warnings, ...result.warnings] })}\n`);
      // The result object is what --json promises: if it could not be written, the run did not deliver.
      if (stdout.lost && stdout.lost !== 'EPIPE') {
        ui.error(`The project was made, but the --json result could not be written to stdout (${stdout.lost}).`);
        return 1;
      }
    }
    return 0;
  } catch (error) {
    return fail(error, ui, json ? stdout : undefined);
  } finally {
    await template?.dispose();
  }
}

async function startConversation() {
  const { clackPrompter, clackUi, loadClack } = await import('./prompts.js');
  const clack = await loadClack();
  const ui = clackUi(clack);
  ui.intro('create-azure-inference-app');
  return { ui, prompter: clackPrompter(clack) };
}
