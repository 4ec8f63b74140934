// The engine: reads every file under the path, migrates each (twice for clients imported from another module), adds
// the project files, writes with --write, and sums up. A dry run by default.
import { dirname, resolve } from 'node:path';
import { turn } from '../../run/signals.js';
import { CancelError } from '../../shared/errors.js';
import type { Deployment } from '../azure-openai/context.js';
import type { Follow } from '../azure-openai/follow.js';
import { followExported } from '../azure-openai/follow-project.js';
import { type AzureSdkPackages, azureSdkPackageItem, heldBack } from '../azure-sdk/project.js';
import { fileProblem } from '../findings.js';
import { projectFiles } from '../project-files/collect.js';
import { readFileSafely } from '../read.js';
import { analyzeFile, type FileAnalysis, type ImportedClient } from '../rules/analyze.js';
import type { ClientKind } from '../rules/clients.js';
import type { Finding, MigrateOptions, MigrateResult } from '../types.js';
import { discover, isGenerated } from './discover.js';
import { checkCleanTree, resolvePlace } from './guard.js';
import { entry, type Pending } from './pending.js';
import { applyAll } from './write.js';

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

/** The files of one run as they go through it: the listed ones, and what the summary needs of each. */
interface Run {
  readonly root: string;
  readonly files: readonly string[];
  readonly options: MigrateOptions;
  /** Per listed file only its findings, counts and diff (and the new text when writing). */
  readonly pending: Map<string, Pending>;
  readonly analyses: Map<string, Summarised>;
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
  const run: Run = { root, files, options, pending: new Map(), analyses: new Map() };
  await analyseFiles(run, checkSignal);
  holdBackBlocked(run);
  if (place.file === undefined) await addProjectFiles(run);
  await checkSignal();
  const written = options.write ? await writeChanges(run, stopped) : { exitCode: 0 };
  return summarise(run, written);
}

export function cancelled(signal: NodeJS.Signals, when: string): CancelError {
  const what = signal === 'SIGINT' ? 'Cancelled' : `Stopped by ${signal}`;
  return new CancelError(`${what}${when ? ` ${when}` : ''}.`, undefined, signal);
}

/**
 * Every file once; then the files that import a client from a module of the path again, now knowing its exports.
 * Files are read synchronously: one at a time, no promise per file, memory growing with what is reported.
 */
async function analyseFiles(run: Run, checkSignal: () => Promise<void>): Promise<void> {
  const { root, files, options } = run;
  const exportsByModule = new Map<string, Map<string, ClientKind>>();
  const followable = new Map<string, Map<string, Deployment>>();
  const second: string[] = [];
  const none: ImportedClient = () => undefined;
  for (const [index, file] of files.entries()) {
    if (index % SIGNAL_CHECK_EVERY === SIGNAL_CHECK_EVERY - 1) await checkSignal();
    const text = readSource(root, file, run.pending);
    if (text === undefined || isGenerated(text)) continue;
    const analysis = analyzeFile(file, text, options, none);
    if (analysis.importsClients) second.push(file);
    if (analysis.exports.size > 0) exportsByModule.set(moduleKey(resolve(root, file)), analysis.exports);
    if (analysis.followable) followable.set(file, analysis.followable);
    keep(run, file, text, analysis);
  }
  const importedFor =
    (file: string): ImportedClient =>
    (module, name) => {
      const key = moduleKey(resolve(root, dirname(file), module));
      return (exportsByModule.get(key) ?? exportsByModule.get(`${key}/index`))?.get(name);
    };
  // Clients built in one module and used in another: check the importing modules again, now knowing the exports.
  for (const file of exportsByModule.size > 0 ? second : []) {
    const read = readFileSafely(resolve(root, file));
    if (read.kind !== 'text') continue;
    keep(run, file, read.text, analyzeFile(file, read.text, options, importedFor(file)));
  }
  // api-version clients exported with a deployment move when every module that imports them carries it.
  if (followable.size === 0) return;
  const analyse = (file: string, text: string, follow: Follow) =>
    analyzeFile(file, text, options, importedFor(file), follow);
  followExported(
    { root, files, key: moduleKey, skipped: isGenerated, analyse, keep: (...a) => keep(run, ...a) },
    followable,
  );
}

function keep(run: Run, file: string, text: string, analysis: FileAnalysis): void {
  if (!analysis.relevant) return;
  run.analyses.set(file, {
    rewritten: analysis.rewritten,
    movedBefore: analysis.movedBefore,
    left: analysis.left,
    failed: analysis.failed === true,
    v3: analysis.findings.some((f) => f.code === 'AZM018'),
    azureSdk: 'packages' in analysis ? (analysis.packages as AzureSdkPackages) : undefined,
  });
  run.pending.set(file, entry(file, text, analysis.output, analysis.findings, run.options.write));
}

/** A module whose client a file left on the retired SDK still uses stays as it was too. */
function holdBackBlocked({ root, files, options, pending, analyses }: Run): void {
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
}

/** The project files of a migrated folder, when some client moved (now, or by an earlier --write). */
async function addProjectFiles({ root, files, options, pending, analyses }: Run): Promise<void> {
  const all = [...analyses.values()];
  const rewritten = all.reduce((n, a) => n + a.rewritten, 0);
  // After an earlier --write the moved clients are found on Azure: the project files are checked again, so what a
  // person must still do there (an old openai, an unreadable package.json) is reported again.
  const movedBefore = all.reduce((n, a) => n + a.movedBefore, 0);
  // Clients moved to Azure (not those moved off the retired Azure SDK, whose package.json changes differ).
  const toAzure = all.reduce((n, a) => n + (a.azureSdk ? 0 : a.rewritten), 0);
  if (toAzure + movedBefore > 0) {
    const v3 = all.some((a) => a.v3);
    for (const item of await projectFiles(root, options, v3)) pending.set(item.result.path, item);
  }
  if (rewritten > toAzure && !pending.has('package.json')) {
    const item = azureSdkPackageItem(root, files, analyses);
    if (item) pending.set('package.json', entry('package.json', item.before, item.after, item.findings, options.write));
  }
}

interface Written {
  exitCode: number;
  incomplete?: MigrateResult['incomplete'];
}

/** --write: all or nothing; what the report calls changed is what is on disk now. */
async function writeChanges({ root, pending }: Run, stopped: () => NodeJS.Signals | undefined): Promise<Written> {
  const changes = [...pending.values()].flatMap((p) =>
    p.after === undefined
      ? []
      : [
          {
            path: p.result.path,
            text: p.after,
            ...(p.mode === undefined ? {} : { mode: p.mode }),
            ...(p.before === undefined ? {} : { before: p.before }),
          },
        ],
  );
  const applied = await applyAll(root, changes, stopped);
  const written = new Set(applied.written);
  const left = changes.map((c) => c.path).filter((path) => !written.has(path));
  for (const item of pending.values()) item.result.changed = written.has(item.result.path);
  let exitCode = 0;
  let incomplete: MigrateResult['incomplete'];
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
  return incomplete ? { exitCode, incomplete } : { exitCode };
}

function summarise({ files, options, pending, analyses }: Run, written: Written): MigrateResult {
  const results = [...pending.values()].map((p) => p.result).sort((a, b) => (a.path < b.path ? -1 : 1));
  const all = results.flatMap((r) => r.findings);
  const count = (level: string) => all.filter((f) => f.level === level).length;
  const errors = count('error');
  let exitCode = written.exitCode;
  if (exitCode === 0 && [...analyses.values()].some((a) => a.failed)) exitCode = 1;
  if (exitCode === 0 && options.strict && errors > 0) exitCode = 1;
  // A --write stopped before a file was written: its clients are still where they were.
  const clients = [...analyses.entries()];
  const left = new Set(written.incomplete?.left);
  const unwritten = (file: string) => left.has(file);
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
      clientsRewritten: clients.reduce((n, [file, a]) => n + (unwritten(file) ? 0 : a.rewritten), 0),
      clientsLeft: clients.reduce((n, [file, a]) => n + a.left + (unwritten(file) ? a.rewritten : 0), 0),
      errors,
      warnings: count('warning'),
      infos: count('info'),
    },
    exitCode,
    ...(written.incomplete ? { incomplete: written.incomplete } : {}),
  };
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

/** A module's path without its extension, so './client.js' in code finds client.ts. */
function moduleKey(path: string): string {
  return path.replace(/\.(?:[cm]?[jt]sx?)$/, '').replace(/\\/g, '/');
}
