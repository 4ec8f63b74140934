// `migrate`: moves a codebase's OpenAI client code to Azure. A dry run with diffs and a report by default; --write
// applies it. migrate() is the engine; runMigrate() the whole subcommand (argv in, output and an exit code out).
import { dirname, resolve } from 'node:path';
import { holdingSignals, turn } from '../run/signals.js';
import { shellWord } from '../shared/command.js';
import { CancelError, exitCodeOf, UsageError } from '../shared/errors.js';
import { redactUrls } from '../shared/redact.js';
import { safeJson, visible } from '../shared/text.js';
import { type AzureSdkPackages, azureSdkPackageItem, heldBack } from './azure-sdk/project.js';
import { MIGRATE_HELP, migrateHelpObject, parseMigrateArgs } from './command/args.js';
import { unifiedDiff } from './command/diff.js';
import { discover, isGenerated } from './command/discover.js';
import { checkCleanTree, resolvePlace } from './command/guard.js';
import { formatReport } from './command/print.js';
import { applyAll } from './command/write.js';
import { fileProblem } from './findings.js';
import { envExampleName, isApplication, updateEnvExample, updatePackageJson } from './project-files/package-json.js';
import { SETUP_SCRIPTS, type SetupScript, updateSetupScripts } from './project-files/setup-scripts.js';
import { readFileSafely } from './read.js';
import { analyzeFile, type FileAnalysis, type ImportedClient } from './rules/analyze.js';
import type { ClientKind } from './rules/clients.js';
import type { FileResult, Finding, MigrateOptions, MigrateResult } from './types.js';

export type { Finding, MigrateOptions, MigrateResult } from './types.js';

interface Pending {
  result: FileResult;
  /** The new text, kept only when it is to be written. */
  after?: string;
  /** The mode of a new file (setup-env.sh is executable). */
  mode?: number;
}

/** What the summary needs of a listed file once its text and AST are gone. */
interface Summarised {
  rewritten: number;
  movedBefore: number;
  left: number;
  failed: boolean;
  v3: boolean;
  /** Set for a file on the retired Azure AI Inference SDK: what it still imports once moved. */
  azureSdk?: AzureSdkPackages;
}

/** What the engine needs of the process around it; the defaults suit a program calling migrate() directly. */
export interface MigrateContext {
  /** The environment git runs with (GIT_* variables that redirect it are taken out, and refuse --write). */
  readonly env?: NodeJS.ProcessEnv;
  /** The first stop signal received so far; checked between files and before anything is written. */
  readonly stopped?: () => NodeJS.Signals | undefined;
}

/** How many files are read between two looks at the signals (each look lets the event loop turn). */
const SIGNAL_CHECK_EVERY = 100;

export async function migrate(options: MigrateOptions, context: MigrateContext = {}): Promise<MigrateResult> {
  const env = context.env ?? process.env;
  const stopped = context.stopped ?? (() => undefined);
  const checkSignal = async () => {
    if (!context.stopped) return;
    await turn();
    const signal = stopped();
    if (signal) throw cancelled(signal, 'before anything was written');
  };
  const place = await resolvePlace(options.path, process.cwd(), env);
  const { root } = place;
  if (options.write && !options.force) await checkCleanTree(root, options.path, env);
  const files = place.file === undefined ? await discover(root, env) : [place.file];
  const exportsByModule = new Map<string, Map<string, ClientKind>>();
  // Per listed file only its findings, counts and diff (and the new text when writing): memory grows with what is
  // reported, not with the files read. Files are read synchronously: one at a time, no promise per file.
  const analyses = new Map<string, Summarised>();
  const pending = new Map<string, Pending>();
  const second: string[] = [];
  const none: ImportedClient = () => undefined;
  const keep = (file: string, text: string, analysis: FileAnalysis) => {
    if (!analysis.relevant) return;
    analyses.set(file, {
      rewritten: analysis.rewritten,
      movedBefore: analysis.movedBefore,
      left: analysis.left,
      failed: analysis.failed === true,
      v3: analysis.findings.some((f) => f.code === 'AZM018'),
      azureSdk: 'packages' in analysis ? (analysis.packages as AzureSdkPackages) : undefined,
    });
    pending.set(file, entry(file, text, analysis.output, analysis.findings, options.write));
  };
  for (const [index, file] of files.entries()) {
    if (index % SIGNAL_CHECK_EVERY === SIGNAL_CHECK_EVERY - 1) await checkSignal();
    const text = readSource(root, file, pending);
    if (text === undefined || isGenerated(text)) continue;
    const analysis = analyzeFile(file, text, options, none);
    if (analysis.importsClients) second.push(file);
    if (analysis.exports.size > 0) exportsByModule.set(moduleKey(resolve(root, file)), analysis.exports);
    keep(file, text, analysis);
  }
  // Clients built in one module and used in another: check the importing modules again, now knowing the exports.
  for (const file of exportsByModule.size > 0 ? second : []) {
    const read = readFileSafely(resolve(root, file));
    if (read.kind !== 'text') continue;
    const text = read.text;
    const imported: ImportedClient = (module, name) => {
      const key = moduleKey(resolve(root, dirname(file), module));
      return (exportsByModule.get(key) ?? exportsByModule.get(`${key}/index`))?.get(name);
    };
    keep(file, text, analyzeFile(file, text, options, imported));
  }
  // A module whose client a file left on the retired SDK still uses stays as it was too.
  const keys = new Map(files.map((file) => [moduleKey(resolve(root, file)), file]));
  const lookup = (file: string, module: string) => {
    const key = moduleKey(resolve(root, dirname(file), module));
    return keys.get(key) ?? keys.get(`${key}/index`);
  };
  for (const [file, by] of heldBack(analyses, lookup)) {
    const item = pending.get(file);
    const summary = analyses.get(file);
    if (!item?.result.changed || !summary) continue;
    const findings = item.result.findings.filter((f) => f.level !== 'info' && !['AZM202', 'AZM218'].includes(f.code));
    findings.push({
      line: 1,
      column: 1,
      level: 'error',
      code: 'AZM219',
      message: `left on the retired SDK: ${by} uses its client and cannot move`,
    });
    pending.set(file, entry(file, '', undefined, findings, options.write));
    const sdk = summary.azureSdk;
    const azureSdk = sdk && { ...sdk, still: [...sdk.still, ...sdk.dropped], dropped: [], blocked: true };
    analyses.set(file, { ...summary, azureSdk, left: summary.left + summary.rewritten, rewritten: 0 });
  }

  const rewritten = [...analyses.values()].reduce((n, a) => n + a.rewritten, 0);
  // After an earlier --write the moved clients are found on Azure: the project files are checked again, so what a
  // person must still do there (an old openai, an unreadable package.json) is reported again.
  const movedBefore = [...analyses.values()].reduce((n, a) => n + a.movedBefore, 0);
  // Clients moved to Azure (not those moved off the retired Azure SDK, whose package.json changes differ).
  const toAzure = [...analyses.values()].reduce((n, a) => n + (a.azureSdk ? 0 : a.rewritten), 0);
  if (toAzure + movedBefore > 0 && place.file === undefined) {
    const v3 = [...analyses.values()].some((a) => a.v3);
    for (const item of await projectFiles(root, options, v3)) pending.set(item.result.path, item);
  }
  if (rewritten > toAzure && place.file === undefined && !pending.has('package.json')) {
    const item = azureSdkPackageItem(root, files, analyses);
    if (item) pending.set('package.json', entry('package.json', item.before, item.after, item.findings, options.write));
  }
  await checkSignal();

  let exitCode = 0;
  let incomplete: MigrateResult['incomplete'];
  if (options.write) {
    const changes = [...pending.values()].flatMap((p) =>
      p.after === undefined
        ? []
        : [{ path: p.result.path, text: p.after, ...(p.mode === undefined ? {} : { mode: p.mode }) }],
    );
    const applied = await applyAll(root, changes, stopped);
    const written = new Set(applied.written);
    const left = changes.map((c) => c.path).filter((path) => !written.has(path));
    // What the report calls changed is what is on disk now.
    for (const item of pending.values()) item.result.changed = written.has(item.result.path);
    if (applied.failure) {
      exitCode = 1;
      const { path, error } = applied.failure;
      pending.get(path)?.result.findings.push(fileProblem('AZM092', error.message));
      incomplete = { reason: `${path}: ${error.message}`, written: [...written], left };
    }
    if (applied.signal) {
      exitCode = cancelled(applied.signal, '').exitCode;
      incomplete ??= { reason: `stopped by ${applied.signal}`, written: [...written], left };
    }
  }
  const results = [...pending.values()].map((p) => p.result).sort((a, b) => (a.path < b.path ? -1 : 1));
  const all = results.flatMap((r) => r.findings);
  const count = (level: string) => all.filter((f) => f.level === level).length;
  const errors = count('error');
  if (exitCode === 0 && [...analyses.values()].some((a) => a.failed)) exitCode = 1;
  if (exitCode === 0 && options.strict && errors > 0) exitCode = 1;
  return {
    ok: exitCode === 0,
    files: results,
    summary: {
      dryRun: !options.write,
      sdk: options.sdk,
      auth: options.auth,
      filesScanned: files.length,
      filesListed: results.length,
      filesChanged: results.filter((r) => r.changed).length,
      clientsRewritten: rewritten,
      clientsLeft: [...analyses.values()].reduce((n, a) => n + a.left, 0),
      errors,
      warnings: count('warning'),
      infos: count('info'),
    },
    exitCode,
    ...(incomplete ? { incomplete } : {}),
  };
}

function cancelled(signal: NodeJS.Signals, when: string): CancelError {
  const what = signal === 'SIGINT' ? 'Cancelled' : `Stopped by ${signal}`;
  return new CancelError(`${what}${when ? ` ${when}` : ''}.`, undefined, signal);
}

/**
 * A source file's text, or undefined when it is not to be read: gone, or refused (a link, not a regular file, too
 * large, not UTF-8), which is listed with its finding when it may matter.
 */
function readSource(root: string, file: string, pending: Map<string, Pending>): string | undefined {
  const read = readFileSafely(resolve(root, file));
  const refuse = (finding: Finding) =>
    pending.set(file, { result: { path: file, changed: false, findings: [finding] } });
  switch (read.kind) {
    case 'text':
      return read.text;
    case 'absent':
      return undefined;
    case 'binary':
      // Only a file that may hold OpenAI code is worth a finding.
      if (/openai/i.test(read.latin1)) refuse(fileProblem('AZM093'));
      return undefined;
    case 'symlink':
      refuse(fileProblem('AZM094'));
      return undefined;
    case 'large':
      refuse(fileProblem('AZM095', `${(read.size / 2 ** 20).toFixed(1)} MiB`));
      return undefined;
    case 'special':
      refuse(fileProblem('AZM096'));
      return undefined;
  }
}

function entry(
  path: string,
  before: string,
  after: string | undefined,
  findings: FileResult['findings'],
  write: boolean,
): Pending {
  const result: FileResult = { path, changed: after !== undefined, findings };
  if (after !== undefined) result.diff = unifiedDiff(path, before, after);
  return after === undefined || !write ? { result } : { result, after };
}

/** package.json, .env.example and the setup scripts of the folder the migrated path is. */
async function projectFiles(root: string, options: MigrateOptions, v3: boolean): Promise<Pending[]> {
  const out: Pending[] = [];
  // A project file that is there but cannot be read safely (a link, a FIFO...) is reported and never replaced.
  const read = (name: string): string | undefined | null => {
    const found = readFileSafely(resolve(root, name));
    if (found.kind === 'text') return found.text;
    if (found.kind === 'absent') return undefined;
    const code = { symlink: 'AZM094', special: 'AZM096', large: 'AZM095', binary: 'AZM093' } as const;
    out.push({ result: { path: name, changed: false, findings: [fileProblem(code[found.kind])] } });
    return null;
  };
  const pkgText = read('package.json');
  if (typeof pkgText === 'string') {
    const edit = updatePackageJson(pkgText, options, v3);
    if (edit)
      out.push(
        entry('package.json', pkgText, edit.text === pkgText ? undefined : edit.text, edit.findings, options.write),
      );
  }
  // The moved clients read their endpoint and key from the environment: an application gets them written down (next
  // to its own example .env when it has one); a library's users configure it themselves.
  if (options.sdk === 'openai' && isApplication(typeof pkgText === 'string' ? pkgText : undefined)) {
    const envName = envExampleName(root);
    const envText = read(envName);
    if (envText !== null) {
      const edit = updateEnvExample(envText, options, envName);
      if (edit) out.push(entry(envName, envText ?? '', edit.text, edit.findings, options.write));
    }
    const current = {} as Record<SetupScript, string | undefined>;
    const refused = new Set<SetupScript>();
    for (const script of SETUP_SCRIPTS) {
      const text = read(script);
      if (text === null) refused.add(script);
      else current[script] = text;
    }
    const scripts = await updateSetupScripts(root, options, current);
    for (const script of SETUP_SCRIPTS) {
      if (refused.has(script)) continue;
      const { text, mode, findings } = scripts[script];
      const item = entry(script, current[script] ?? '', text, findings, options.write);
      if (text !== undefined || findings.length > 0) out.push(mode === undefined ? item : { ...item, mode });
    }
  }
  return out;
}

/** A module's path without its extension, so './client.js' in code finds client.ts. */
function moduleKey(path: string): string {
  return path.replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\\/g, '/');
}

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
      const args = parseMigrateArgs(argv);
      if (args.help) {
        io.stdout.write(json ? `${safeJson(migrateHelpObject())}\n` : MIGRATE_HELP);
        return 0;
      }
      const result = await migrate(
        { ...args.options, path: resolve(io.cwd, args.options.path) },
        { env: io.env, stopped },
      );
      if (result.incomplete && result.incomplete.written.length > 0 && result.incomplete.left.length > 0) {
        result.incomplete.finish = finishCommand(argv);
      }
      if (json) io.stdout.write(`${safeJson(result)}\n`);
      else for (const file of result.files) if (file.diff) io.stdout.write(visible(file.diff));
      io.stderr.write(formatReport(result));
      return result.exitCode;
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

/** The command that finishes an interrupted --write: the same one, with --force (the tree now has its changes). */
function finishCommand(argv: readonly string[]): string {
  const words = ['npx', 'create-azure-inference-app@latest', 'migrate', ...argv.filter((a) => a !== '--json')];
  if (!argv.includes('--force')) words.push('--force');
  return words.map((word) => shellWord(word)).join(' ');
}
