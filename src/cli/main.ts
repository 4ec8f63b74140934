// The command line: the only module that reads process.argv, prints the final result and sets the exit code.
// argv -> args -> options -> plan -> execute -> report.
import type { ProvisionProgress } from '../azure/provision/run.js';
import { detectPackageManager } from '../options/package-manager.js';
import { commandAsTyped, createCommand, replayArgs } from '../options/replay.js';
import { resolveOptions } from '../options/resolve.js';
import { execute } from '../run/execute.js';
import { plan } from '../run/plan.js';
import { listenForSignals } from '../run/signals.js';
import { CancelError, StepError } from '../shared/errors.js';
import type { CustomTemplate } from '../template/load.js';
import { PACKAGE_MANAGERS, type Prompter } from '../types.js';
import { parseArgs } from './args.js';
import { isInteractive, readEnvironment } from './environment.js';
import { standardOutput } from './output.js';
import { fail, machineJson, report, warningsFor } from './report.js';
import { createUi, type Ui } from './ui.js';
import { readVersion } from './version.js';

export async function main(argv: readonly string[]): Promise<number> {
  // `migrate` is a command of its own, in a chunk only it loads; a folder named migrate is written ./migrate.
  if (argv[0] === 'migrate') {
    const { runMigrate } = await import('../migrate/index.js');
    // Straight to the descriptors, as the scaffolder's output: a closed pipe or a full disk is noted, never thrown.
    const code = await runMigrate(argv.slice(1), {
      stdout: standardOutput(1),
      stderr: standardOutput(2),
      cwd: process.cwd(),
      env: process.env,
    });
    // After a signal the executable exits at once: text still queued for a slow pipe goes out first.
    await Promise.all([process.stdout, process.stderr].map((s) => new Promise((done) => s.write('', () => done(0)))));
    return code;
  }
  const json = argv.includes('--json');
  const stdout = standardOutput(1);
  let ui: Ui = createUi({ json, stdout, stderr: standardOutput(2), env: process.env });
  let template: CustomTemplate | undefined;
  let stopRun: (error: CancelError) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stopRun = reject;
  });
  // A signal before the project is written (at a prompt, during a download or the checks) stops the run at once:
  // nothing of ours is on disk but a downloaded template, removed below. From the write on, execute holds signals and
  // stops at a consistent point itself.
  let signal: NodeJS.Signals | undefined;
  // --provision: a stop before the write may leave in Azure what the run created so far; the message says so.
  let provisionNote: (() => string) | undefined;
  const unlisten = listenForSignals((received) => {
    signal ??= received;
    // The terminal may be gone (SIGHUP): a failed write to it must not turn into a crash.
    if (received === 'SIGHUP') for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
    const what = received === 'SIGINT' ? 'Cancelled' : `Stopped by ${received}`;
    const where = provisionNote ? `: nothing was written here. ${provisionNote()}` : ' before anything was written.';
    stopRun(new CancelError(`${what}${where}`, undefined, received));
  });
  try {
    return await Promise.race([run(), stopped]);
  } catch (error) {
    return fail(error, ui, json ? stdout : undefined);
  } finally {
    // After a stop the listeners stay: work still under way (a prompt, a download) sees the signal and writes
    // nothing, and a second signal does not kill the process half way through cleaning up.
    if (signal) await (await import('../template/load.js')).removeDownloads();
    else unlisten();
    await template?.dispose();
  }

  async function run(): Promise<number> {
    const args = parseArgs(argv);
    // With --json, stdout carries one JSON object whatever was asked: a script reads help and version as JSON too.
    if (args.help) {
      const help = await import('./help.js');
      stdout.write(args.json ? `${machineJson(help.helpObject())}\n` : help.HELP);
      return 0;
    }
    if (args.version) {
      stdout.write(args.json ? `${machineJson({ version: readVersion() })}\n` : `${readVersion()}\n`);
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
      try {
        template = await loadTemplate(args.template, environment.cwd);
      } catch (error) {
        // A download that failed left nothing: the command to run again is the one typed (the output redacts URLs).
        if (!(error instanceof StepError) || error.retry !== undefined) throw error;
        const pm = PACKAGE_MANAGERS.find((name) => name === args.packageManager);
        const retry = commandAsTyped(pm ?? detectPackageManager(environment.userAgent), argv);
        throw new StepError(error.message, retry, { cause: error, again: true });
      }
    }
    const options = await resolveOptions(args, environment, prompter, template);
    let provisionProgress: ProvisionProgress | undefined;
    if (options.provision && !options.dryRun) {
      const { newProgress, progressReport } = await import('../azure/provision/run.js');
      const p = options.provision;
      const progress = newProgress();
      provisionProgress = progress;
      provisionNote = () =>
        [
          ...progressReport(p, progress, 'Under way when stopped'),
          'The same command again finishes it (it reuses what exists).',
        ].join(' ');
    }
    const planned = await plan(options);
    const warnings = warningsFor(options);
    for (const warning of warnings) ui.warn(warning);
    const result = await execute(planned, {
      onStep: (message) => ui.step(message),
      onWarning: (message) => ui.warn(message),
      output: json ? 'stderr' : 'inherit',
      ...(provisionProgress ? { provisionProgress } : {}),
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
  }
}

async function startConversation() {
  const { clackPrompter, clackUi, loadClack } = await import('./prompts.js');
  const clack = await loadClack();
  const ui = clackUi(clack);
  ui.intro('create-azure-inference-app');
  return { ui, prompter: clackPrompter(clack) };
}
