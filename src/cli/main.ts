// The command line: the only module that reads process.argv, prints the final result and sets the exit code.
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { PLACEHOLDER_DEPLOYMENT, PLACEHOLDER_RESOURCE } from '../azure/endpoint.js';
import { createCommand, replayArgs } from '../options/replay.js';
import { resolveOptions } from '../options/resolve.js';
import { nodeEngines, supportsNode } from '../project/versions.js';
import { type CreateResult, create } from '../run/create.js';
import { CancelError, exitCodeOf, StepError, UsageError } from '../shared/errors.js';
import type { CustomTemplate } from '../template/load.js';
import type { CliArgs, Environment, ProjectOptions, Prompter } from '../types.js';
import { parseArgs } from './args.js';
import { HELP } from './help.js';
import { type Output, standardOutput } from './output.js';
import { createUi, type Ui } from './ui.js';
import { readVersion } from './version.js';

const RETIREMENT =
  'The Azure AI Inference SDK (--sdk azure-inference) was retired by Microsoft on 2026-08-26: it still works but gets no fixes. --sdk openai gives the supported path.';

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
    if (args.verify && !args.dryRun) {
      const [{ verifyAzure }, { azRunner }] = await Promise.all([
        import('../azure/verify.js'),
        import('../azure/az.js'),
      ]);
      ui.step('Checking the resource and deployment with the Azure CLI');
      await verifyAzure(options, azRunner());
    }
    const announced = announce(options, ui);
    const result = await create(options, {
      onStep: (message) => ui.step(message),
      onWarning: (message) => ui.warn(message),
      output: json ? 'stderr' : 'inherit',
      ...(terminal ? { installProgress: terminal.ui.installProgress } : {}),
      ...(args.verify ? { plannedChecks: await verifyCommands(options) } : {}),
    });
    report(result, ui);
    if (terminal) {
      ui.info(`To skip the questions next time, run:\n  ${createCommand(options.packageManager, replayArgs(options))}`);
      terminal.ui.outro('Done.');
    }
    if (json) {
      const warnings = [...announced, ...result.warnings];
      stdout.write(`${JSON.stringify({ ok: true, ...result, warnings }, null, 2)}\n`);
    }
    return 0;
  } catch (error) {
    return fail(error, ui, json ? stdout : undefined);
  } finally {
    await template?.dispose();
  }
}

/** Questions only with a person at a terminal: both ends a TTY, not CI, no --yes, no machine output. */
function isInteractive(args: CliArgs): boolean {
  const ci = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
  return !args.yes && !args.json && !args.apiKeyStdin && !ci && !!process.stdin.isTTY && !!process.stdout.isTTY;
}

async function startConversation() {
  const { clackPrompter, clackUi, loadClack } = await import('./prompts.js');
  const clack = await loadClack();
  const ui = clackUi(clack);
  ui.intro('create-azure-inference-app');
  return { ui, prompter: clackPrompter(clack) };
}

/** What --verify runs, for --dry-run to list. */
async function verifyCommands(options: ProjectOptions) {
  const { azCommands } = await import('../azure/az.js');
  return [
    azCommands.resources(),
    azCommands.deployments({ name: options.resource ?? '<resource>', resourceGroup: '<its group>' }),
  ];
}

async function readEnvironment(args: CliArgs, interactive: boolean): Promise<Environment> {
  let apiKey: Environment['apiKey'];
  if (args.apiKeyStdin) {
    if (process.stdin.isTTY) {
      throw new UsageError(
        '--api-key-stdin reads the key from a pipe, for example: printenv MY_KEY | create-azure-inference-app ...',
      );
    }
    let input = '';
    for await (const chunk of process.stdin) input += String(chunk);
    apiKey = { value: input.replace(/\r?\n$/, ''), source: '--api-key-stdin' };
  } else if (process.env.AZURE_OPENAI_CHAT_KEY) {
    apiKey = { value: process.env.AZURE_OPENAI_CHAT_KEY, source: 'AZURE_OPENAI_CHAT_KEY' };
  }
  return {
    cwd: process.cwd(),
    platform: process.platform,
    userAgent: process.env.npm_config_user_agent,
    ...(apiKey ? { apiKey } : {}),
    hasFiles: async (path) => (await import('../run/write.js')).holdsUserFiles(path),
    // The user's own resources are offered only in a terminal, only when az is installed, and not in a dry run.
    ...(interactive && !args.dryRun && onPath('az') ? { azure: (await import('../azure/az.js')).azRunner() } : {}),
    reasonToSkipGit: async (path) => {
      const { reasonToSkipGit } = await import('../run/git.js');
      return reasonToSkipGit(nearestExisting(path));
    },
  };
}

/** Whether a command is on PATH, without running it. */
function onPath(command: string): boolean {
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      if (succeeds(() => accessSync(join(dir, command + extension), constants.X_OK))) return true;
    }
  }
  return false;
}

function nearestExisting(path: string): string {
  for (let dir = path; ; dir = dirname(dir)) {
    if (succeeds(() => readdirSync(dir)) || dirname(dir) === dir) return dir;
  }
}

function succeeds(action: () => unknown): boolean {
  try {
    action();
    return true;
  } catch {
    return false;
  }
}

/** Says what the user should know before anything is written; the same lines go into --json's warnings. */
function announce(options: ProjectOptions, ui: Ui): string[] {
  const messages: string[] = [];
  if (!supportsNode(process.versions.node)) {
    messages.push(
      `Node.js ${process.versions.node} is older than the project supports (${nodeEngines}): install a newer Node.js to run it.`,
    );
  }
  messages.push(...options.notes);
  if (options.sdk === 'azure-inference') messages.push(RETIREMENT);
  const placeholders = [
    ...(options.resource === PLACEHOLDER_RESOURCE ? [`--resource (${PLACEHOLDER_RESOURCE})`] : []),
    ...(options.deployment === PLACEHOLDER_DEPLOYMENT ? [`--deployment (${PLACEHOLDER_DEPLOYMENT})`] : []),
  ];
  if (placeholders.length > 0) {
    messages.push(
      `No ${placeholders.join(' or ')}: the project uses the guide's placeholder. Replace it before running it.`,
    );
  }
  for (const message of messages) ui.warn(message);
  return messages;
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
  ui.info(['Next steps:', ...result.nextSteps.map((step) => `  ${step}`)].join('\n'));
}

/** Reports the error (and, with --json, the result object on `json`); returns the exit code. */
function fail(error: unknown, ui: Ui, json: Output | undefined): number {
  const code = exitCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    ui.error(message);
    ui.hint('Run create-azure-inference-app --help for the options.');
  } else if (error instanceof CancelError) {
    ui.error(message);
    if (error.retry) ui.hint(`To finish, run:\n  ${error.retry}`);
  } else if (error instanceof StepError) {
    ui.error(message);
    if (error.retry) ui.hint(`To finish, run:\n  ${error.retry}`);
  } else {
    ui.error(`Unexpected error: ${message}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) ui.hint(error.stack);
  }
  if (json) {
    const retry = error instanceof StepError || error instanceof CancelError ? error.retry : undefined;
    json.write(
      `${JSON.stringify({ ok: false, exitCode: code, error: message, ...(retry ? { retry } : {}) }, null, 2)}\n`,
    );
  }
  return code;
}
