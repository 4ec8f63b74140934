// `migrate`: moves a codebase's OpenAI client code to Azure. A dry run with diffs and a report by default; --write
// applies it. migrate() is the engine; runMigrate() the whole subcommand (argv in, output and an exit code out).
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { redactUrls } from '../shared/redact.js';
import { analyzeFile, type FileAnalysis, type ImportedClient } from './analyze.js';
import { MIGRATE_HELP, migrateHelpObject, parseMigrateArgs } from './args.js';
import { type AzureSdkPackages, azureSdkPackageItem, heldBack } from './azure-sdk/project.js';
import type { ClientKind } from './clients.js';
import { unifiedDiff } from './diff.js';
import { discover, gitChanges, inGitTree, isGenerated } from './discover.js';
import { formatReport } from './print.js';
import { updateEnvExample, updatePackageJson } from './project-files.js';
import { SETUP_SCRIPTS, type SetupScript, updateSetupScripts } from './setup-scripts.js';
import type { FileResult, MigrateOptions, MigrateResult } from './types.js';
import { writeAtomic } from './write.js';

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
  left: number;
  failed: boolean;
  v3: boolean;
  /** Set for a file on the retired Azure AI Inference SDK: what it still imports once moved. */
  azureSdk?: AzureSdkPackages;
}

export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const target = resolve(options.path);
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new UsageError(`${options.path} does not exist`);
  const root = info.isDirectory() ? target : dirname(target);
  if (!options.force && (await inGitTree(root))) {
    const changes = await gitChanges(root);
    if (changes.length > 0) {
      throw new UsageError(
        `${changes.length} uncommitted change(s) under ${options.path}: commit or stash them first, or pass --force`,
      );
    }
  }
  const files = info.isDirectory() ? await discover(root) : [basename(target)];
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
      left: analysis.left,
      failed: analysis.failed === true,
      v3: analysis.findings.some((f) => f.code === 'AZM018'),
      azureSdk: 'packages' in analysis ? (analysis.packages as AzureSdkPackages) : undefined,
    });
    pending.set(file, entry(file, text, analysis.output, analysis.findings, options.write));
  };
  for (const file of files) {
    const text = readFileSync(resolve(root, file), 'utf8');
    if (isGenerated(text)) continue;
    const analysis = analyzeFile(file, text, options, none);
    if (analysis.importsClients) second.push(file);
    if (analysis.exports.size > 0) exportsByModule.set(moduleKey(resolve(root, file)), analysis.exports);
    keep(file, text, analysis);
  }
  // Clients built in one module and used in another: check the importing modules again, now knowing the exports.
  for (const file of exportsByModule.size > 0 ? second : []) {
    const text = readFileSync(resolve(root, file), 'utf8');
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
  const toAzure = [...analyses.values()].reduce((n, a) => n + (a.azureSdk ? 0 : a.rewritten), 0);
  if (toAzure > 0 && info.isDirectory()) {
    const v3 = [...analyses.values()].some((a) => a.v3);
    for (const item of await projectFiles(root, options, v3)) pending.set(item.result.path, item);
  }
  if (rewritten > toAzure && info.isDirectory() && !pending.has('package.json')) {
    const item = azureSdkPackageItem(root, files, analyses);
    if (item) pending.set('package.json', entry('package.json', item.before, item.after, item.findings, options.write));
  }

  let exitCode = 0;
  if (options.write) {
    for (const item of pending.values()) {
      if (item.after === undefined) continue;
      try {
        await writeAtomic(root, resolve(root, item.result.path), item.after, item.mode);
      } catch (error) {
        exitCode = 1;
        item.result.findings.push({
          line: 1,
          column: 1,
          level: 'error',
          code: 'AZM092',
          message: `not written: ${(error as Error).message}`,
        });
      }
    }
  }
  const results = [...pending.values()].map((p) => p.result).sort((a, b) => (a.path < b.path ? -1 : 1));
  const all = results.flatMap((r) => r.findings);
  const count = (level: string) => all.filter((f) => f.level === level).length;
  const errors = count('error');
  if ([...analyses.values()].some((a) => a.failed)) exitCode = 1;
  if (options.strict && errors > 0) exitCode = 1;
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
  };
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
  const pkgText = await readFile(resolve(root, 'package.json'), 'utf8').catch(() => undefined);
  if (pkgText !== undefined) {
    const edit = updatePackageJson(pkgText, options, v3);
    if (edit)
      out.push(
        entry('package.json', pkgText, edit.text === pkgText ? undefined : edit.text, edit.findings, options.write),
      );
  }
  if (options.sdk === 'openai') {
    const envText = await readFile(resolve(root, '.env.example'), 'utf8').catch(() => undefined);
    const edit = updateEnvExample(envText, options);
    if (edit) out.push(entry('.env.example', envText ?? '', edit.text, edit.findings, options.write));
    const current = {} as Record<SetupScript, string | undefined>;
    for (const script of SETUP_SCRIPTS) {
      current[script] = await readFile(resolve(root, script), 'utf8').catch(() => undefined);
    }
    const scripts = await updateSetupScripts(root, options, current);
    for (const script of SETUP_SCRIPTS) {
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

export interface MigrateIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The whole subcommand: parses argv after the word `migrate`, runs, prints, returns the exit code. */
export async function runMigrate(argv: readonly string[], io: MigrateIo): Promise<number> {
  // Known before parsing, so that a refused flag is reported as JSON too.
  const json = argv.includes('--json');
  try {
    const args = parseMigrateArgs(argv);
    if (args.help) {
      io.stdout.write(json ? `${JSON.stringify(migrateHelpObject(), null, 2)}\n` : MIGRATE_HELP);
      return 0;
    }
    const result = await migrate({ ...args.options, path: resolve(io.cwd, args.options.path) });
    if (json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else for (const file of result.files) if (file.diff) io.stdout.write(file.diff);
    io.stderr.write(formatReport(result));
    return result.exitCode;
  } catch (error) {
    const usage = error instanceof UsageError;
    const exitCode = usage ? 2 : 1;
    // A URL in a message may carry a password or a token.
    const text = redactUrls((error as Error).message);
    io.stderr.write(`migrate: ${text}\n${usage ? 'Run with --help for the options.\n' : ''}`);
    if (json) io.stdout.write(`${JSON.stringify({ ok: false, exitCode, error: text, files: [], summary: {} })}\n`);
    return exitCode;
  }
}
