// The command line: the only module that reads process.argv, prints the final result and sets the exit code.
// argv -> args -> options -> plan -> execute -> report.
import { createCommand, replayArgs } from '../options/replay.js';
import { resolveOptions } from '../options/resolve.js';
import { execute } from '../run/execute.js';
import { plan } from '../run/plan.js';
import { retryAsTyped } from '../run/retry.js';
import { listenForSignals } from '../run/signals.js';
import { CancelError, StepError } from '../shared/errors.js';
import type { CustomTemplate } from '../template/load.js';
import type { CliArgs, Environment, ProjectOptions } from '../types.js';
import { parseArgs } from './args.js';
import { isInteractive, readEnvironment } from './environment.js';
import { type Output, standardOutput } from './output.js';
import { fail, machineJson, report } from './report.js';
import { createUi, type Ui } from './ui.js';
import { readVersion } from './version.js';

/** What the end of a run (a result, a failure, a signal) needs from what the run set up as it went. */
interface Session {
  readonly json: boolean;
  readonly stdout: Output;
  /** Plain lines at first; clack's once a conversation starts. */
  ui: Ui;
  /** A downloaded custom template, removed at the end. */
  template?: CustomTemplate;
  /** --provision: what a stop before the write leaves in Azure. */
  provisionNote?: () => string;
}

export async function main(argv: readonly string[]): Promise<number> {
  // `migrate` is a command of its own, in a chunk only it loads; a folder named migrate is written ./migrate.
  if (argv[0] === 'migrate') return migrate(argv.slice(1));
  const json = argv.includes('--json');
  const stdout = standardOutput(1);
  const session: Session = {
    json,
    stdout,
    ui: createUi({ json, stdout, stderr: standardOutput(2), env: process.env }),
  };
  let stopRun: (error: CancelError) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stopRun = reject;
  });
  // A signal before the project is written (at a prompt, during a download or the checks) stops the run at once:
  // nothing of ours is on disk but a downloaded template, removed below. From the write on, execute holds signals and
  // stops at a consistent point itself.
  let signal: NodeJS.Signals | undefined;
  const unlisten = listenForSignals((received) => {
    signal ??= received;
    // The terminal may be gone (SIGHUP): a failed write to it must not turn into a crash.
    if (received === 'SIGHUP') for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
    const what = received === 'SIGINT' ? 'Cancelled' : `Stopped by ${received}`;
    const note = session.provisionNote;
    const where = note ? `: nothing was written here. ${note()}` : ' before anything was written.';
    stopRun(new CancelError(`${what}${where}`, undefined, received));
  });
  try {
    return await Promise.race([scaffold(argv, session), stopped]);
  } catch (error) {
    return fail(error, session.ui, json ? stdout : undefined);
  } finally {
    // After a stop the listeners stay: work still under way (a prompt, a download) sees the signal and writes
    // nothing, and a second signal does not kill the process half way through cleaning up.
    if (signal) await (await import('../template/load.js')).removeDownloads();
    else unlisten();
    await session.template?.dispose();
  }
}

async function migrate(argv: readonly string[]): Promise<number> {
  const { runMigrate } = await import('../migrate/index.js');
  // Straight to the descriptors, as the scaffolder's output: a closed pipe or a full disk is noted, never thrown.
  const code = await runMigrate(argv, {
    stdout: standardOutput(1),
    stderr: standardOutput(2),
    cwd: process.cwd(),
    env: process.env,
  });
  // After a signal the executable exits at once: text still queued for a slow pipe goes out first.
  // A stream that cannot write (/dev/full) says so with an 'error' event, already reported: it must not crash the exit.
  const flush = (s: NodeJS.WriteStream) =>
    new Promise((done) => {
      s.on('error', done);
      s.write('', () => done(0));
    });
  await Promise.all([process.stdout, process.stderr].map(flush));
  return code;
}

/** argv to the project: the options (asked in a terminal), the plan, the run, the report. */
async function scaffold(argv: readonly string[], session: Session): Promise<number> {
  const { stdout } = session;
  const args = parseArgs(argv);
  // With --json, stdout carries one JSON object whatever was asked: a script reads help and version as JSON too.
  if (args.help) {
    const help = await import('./help.js');
    stdout.write(args.json ? `${machineJson(help.helpObject())}\n` : help.HELP);
    return delivered(session, 'the help');
  }
  if (args.version) {
    stdout.write(args.json ? `${machineJson({ version: readVersion() })}\n` : `${readVersion()}\n`);
    return delivered(session, 'the version');
  }
  const interactive = isInteractive(args);
  const environment = await readEnvironment(args, interactive);
  const terminal = interactive ? await startConversation() : undefined;
  if (terminal) session.ui = terminal.ui;
  session.template = await loadCustomTemplate(args, environment, argv);
  const options = await resolveOptions(args, environment, terminal?.prompter, session.template);
  const provisionProgress = await followProvisioning(options, session);
  const { ui } = session;
  const result = await execute(await plan(options), {
    onStep: (message) => ui.step(message),
    onWarning: (message) => ui.warn(message),
    output: session.json ? 'stderr' : 'inherit',
    ...(provisionProgress ? { provisionProgress } : {}),
    ...(terminal ? { installProgress: terminal.ui.installProgress } : {}),
  });
  report(result, options, ui);
  if (terminal) {
    ui.info(`To skip the questions next time, run:\n  ${createCommand(options.packageManager, replayArgs(options))}`);
    terminal.ui.outro('Done.');
  }
  if (!session.json) return 0;
  stdout.write(`${machineJson({ ok: true, ...result })}\n`);
  // The result object is what --json promises: if it could not be written, the run did not deliver.
  return delivered(session, 'The project was made, but the --json result');
}

/** 1 when what was asked for could not be written to stdout (a full disk; a reader that closed early is no failure). */
function delivered({ stdout, ui }: Session, what: string): number {
  if (!stdout.lost || stdout.lost === 'EPIPE') return 0;
  ui.error(`${what[0]?.toUpperCase()}${what.slice(1)} could not be written to stdout (${stdout.lost}).`);
  return 1;
}

async function loadCustomTemplate(
  args: CliArgs,
  environment: Environment,
  argv: readonly string[],
): Promise<CustomTemplate | undefined> {
  if (args.template === undefined) return undefined;
  const { loadTemplate } = await import('../template/load.js');
  try {
    return await loadTemplate(args.template, environment.cwd);
  } catch (error) {
    // A download that failed left nothing: the command to run again is the one typed (the output redacts URLs).
    if (!(error instanceof StepError) || error.retry !== undefined) throw error;
    const retry = retryAsTyped(args.packageManager, environment.userAgent, argv);
    throw new StepError(error.message, retry, { cause: error, again: true });
  }
}

/** --provision: keeps track of what the run creates in Azure, so that a stop before the write can say it. */
async function followProvisioning(options: ProjectOptions, session: Session) {
  if (!options.provision || options.dryRun) return undefined;
  const { newProgress, progressReport } = await import('../azure/provision/run.js');
  const p = options.provision;
  const progress = newProgress();
  session.provisionNote = () =>
    [
      ...progressReport(p, progress, 'Under way when stopped'),
      'The same command again finishes it (it reuses what exists).',
    ].join(' ');
  return progress;
}

async function startConversation() {
  const { clackPrompter, clackUi, loadClack } = await import('./prompts.js');
  const clack = await loadClack();
  const ui = clackUi(clack);
  ui.intro('create-azure-inference-app');
  return { ui, prompter: clackPrompter(clack) };
}
