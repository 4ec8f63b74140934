// Migrates one file's text in one walk of its AST (./file-scan.ts): finds its clients, checks every call, stream loop
// and key read (those that depend on the clients once the walk is done), applies the edits and checks that the result
// still parses.
import type MagicString from 'magic-string';
import { withApiVersionClients } from '../azure-openai/compose.js';
import { type Follow, NO_FOLLOW } from '../azure-openai/follow.js';
import { migrateAzureSdk } from '../azure-sdk/index.js';
import { RETIRED_PACKAGES } from '../azure-sdk/package-json.js';
import { applyTodos, type FileContext, fileContext, report } from '../findings.js';
import { type Node, parseFile } from '../parse.js';
import { replacementFor } from '../replacement.js';
import type { Finding, MigrateOptions } from '../types.js';
import { checkUses, type ImportedClient, kindsAfterRewrite, type Uses } from './client-uses.js';
import { exportedClients } from './exports.js';
import type { FileAnalysis } from './file-analysis.js';
import { type Scan, scanFile } from './file-scan.js';
import { identityImport } from './identity-import.js';
import { checkOutsideClients } from './key-reads.js';

export type { ImportedClient } from './client-uses.js';
export type { FileAnalysis } from './file-analysis.js';

/** Files worth parsing: they name the SDK or its APIs, or a model (code that branches on model names). */
const PREFILTER = /openai|completions|embeddings|createChatCompletion|gpt-?\d|\bo[1-9]\b/i;

export function analyzeFile(
  path: string,
  text: string,
  options: MigrateOptions,
  imported: ImportedClient,
  follow: Follow = NO_FOLLOW,
): FileAnalysis {
  // Code on the retired Azure AI Inference SDK moves to the OpenAI SDK on the v1 API, by its own rules (a file that
  // also imports openai keeps the rules below, which report the retired SDK as already on Azure).
  const retired = /\bfrom\s*["']openai["']|require\(\s*["']openai["']\s*\)/.test(text)
    ? undefined
    : migrateAzureSdk(path, text, options, imported);
  if (retired) return retired;
  // api-version clients move after the rules below, on their output: one run moves both (../azure-openai/compose.ts).
  return withApiVersionClients(path, text, options, openaiRules(path, text, options, imported), follow);
}

/** The rules that move OpenAI clients to Azure; the edits come back with the new text, to map later positions. */
function openaiRules(
  path: string,
  text: string,
  options: MigrateOptions,
  imported: ImportedClient,
): FileAnalysis & { edits?: MagicString } {
  const result: FileAnalysis = {
    relevant: false,
    findings: [],
    exports: new Map(),
    importsClients: false,
    rewritten: 0,
    movedBefore: 0,
    left: 0,
  };
  if (!PREFILTER.test(text)) return result;
  let ast: Node;
  try {
    ast = parseFile(path, text);
  } catch (error) {
    return { ...result, ...unparsed(text, error) };
  }
  const ctx: FileContext = fileContext(path, text);
  const scan = scanFile(ctx, ast, options);
  reportImports(ctx, scan);
  const uses = checkUses(ctx, scan, options, imported);
  const provider = rewriteClients(scan, uses, options);
  const rewrittenHere = uses.toRewrite.length > 0;
  const usesMoved = checkLater(scan, uses);
  result.importsClients = uses.importsClients;
  checkOutsideClients(ctx, scan, rewrittenHere, options);
  // A mock of the SDK (`__mocks__/openai.js`) is listed as what it is, even though it does not import it.
  const mock = scan.setting.test && /openai/i.test(text);
  const { imports, clients } = scan;
  result.relevant =
    imports.any ||
    imports.azureSdk.length > 0 ||
    clients.length > 0 ||
    uses.usesClient ||
    ctx.findings.length > 0 ||
    mock;
  if (!result.relevant) return result;
  // Exported after the rewrite: a client that stayed on OpenAI is not one its importers may treat as moved.
  result.exports = exportedClients(scan.program, kindsAfterRewrite(clients));
  result.rewritten = clients.filter((c) => c.rewritten).length;
  result.movedBefore = clients.filter((c) => c.movedBefore).length;
  result.left = clients.length - result.rewritten;
  if (scan.setting.test) {
    // A test or mock is reported as one: its other findings would be about stand-ins.
    const own = ctx.findings.filter((f) => f.code === 'AZM025');
    result.findings = own.length > 0 ? own : [testFinding(imports.anchor?.node, imports.any)];
    return result;
  }
  // A file whose code moves gets its follow-ups as TODOs; any other stays byte for byte (its findings come back).
  if (rewrittenHere || usesMoved) applyTodos(ctx);
  if (rewrittenHere) {
    const firstClient = Math.min(...uses.toRewrite.map((c) => c.node.start ?? 0));
    if (options.auth === 'entra') identityImport(ctx, ast, imports, provider, firstClient);
  }
  return { ...result, ...finish(ctx, scan), edits: ctx.edits };
}

/** A file that does not parse: a warning when it may hold OpenAI code, else nothing. */
function unparsed(text: string, error: unknown): Pick<FileAnalysis, 'relevant' | 'findings'> {
  const relevant = /openai/i.test(text);
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const message = `could not parse this file (${(error as Error).message}): not migrated`;
  return {
    relevant,
    findings: relevant
      ? [{ line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, level: 'warning', code: 'AZM090', message }]
      : [],
  };
}

/** Imports that need no rewrite: of an Azure SDK (already on Azure), or of the v3 openai SDK (moved by hand). */
function reportImports(ctx: FileContext, { imports, program }: Scan): void {
  for (const { module, node } of imports.azureSdk) {
    if (module === RETIRED_PACKAGES[0]) {
      // On Azure, but on the retired SDK: its own rules move it only in a file without openai code.
      const message = `${module}: the retired Azure AI Inference SDK, left unchanged because this file also uses openai: move its client to the OpenAI SDK by hand, as migrate does in a file without openai`;
      report(ctx, node, 'warning', 'AZM005', message);
    } else report(ctx, node, 'info', 'AZM005', `${module}: already on Azure, left unchanged`);
  }
  for (const { name, node } of imports.v3) {
    report(
      ctx,
      node,
      'error',
      'AZM018',
      `the v3 openai SDK (${name}): move this code to the current openai package by hand first; package.json keeps its openai version`,
      [program],
    );
  }
}

/** Moves the clients to move; returns the name of the module's token provider (Entra ID), one the file does not use. */
function rewriteClients(scan: Scan, uses: Uses, options: MigrateOptions): string {
  let provider = 'azureTokenProvider';
  for (let n = 2; scan.mentions.has(provider); n++) provider = `azureTokenProvider${n}`;
  const replacement = replacementFor(options, scan.imports.quote, provider);
  for (const client of uses.toRewrite) {
    client.rewrite?.(replacement);
    client.rewritten = true;
  }
  return provider;
}

/**
 * A call's checks now that it is known whether its client moved (here, or in the module it is imported from).
 * Returns whether any call is made on a client that moved.
 */
function checkLater(scan: Scan, uses: Uses): boolean {
  const { setting, typedParams } = scan;
  let usesMoved = false;
  for (const { root, ancestors, check } of uses.later) {
    const local = uses.clientsAt(root, ancestors);
    const moved =
      !setting.test &&
      (local.length > 0 ? local.some((c) => c.rewritten) : uses.importedKind(root, ancestors) === 'openai');
    usesMoved ||= moved;
    // A parameter typed OpenAI may be given a client that moved: its calls are checked, the file gets no TODOs.
    check(moved || (!setting.test && local.length === 0 && typedParams.has(root)));
  }
  return usesMoved;
}

/** The findings in order (AZM009 when there are none), and the new text when it still parses. */
function finish(ctx: FileContext, scan: Scan): Pick<FileAnalysis, 'findings' | 'output' | 'failed'> {
  if (ctx.findings.length === 0) {
    const at = scan.imports.anchor?.node.loc?.start;
    ctx.findings.push({
      line: at?.line ?? 1,
      column: (at?.column ?? 0) + 1,
      level: 'info',
      code: 'AZM009',
      message:
        'uses the openai package, but nothing here talks to OpenAI through a client this run can see: left unchanged',
    });
  }
  const findings = ctx.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (!ctx.edits.hasChanged()) return { findings };
  const output = ctx.edits.toString();
  try {
    parseFile(ctx.path, output);
    return { findings, output };
  } catch (error) {
    findings.push({
      line: 1,
      column: 1,
      level: 'error',
      code: 'AZM091',
      message: `the rewrite did not parse (${(error as Error).message}): file left unchanged; please report this`,
    });
    return { findings, failed: true };
  }
}

/** A test's own finding: at its openai import when it has one, else it only uses code of another module that moves. */
function testFinding(at: Node | undefined, importsOpenai: boolean): Finding {
  const loc = at?.loc?.start;
  return {
    line: loc?.line ?? 1,
    column: (loc?.column ?? 0) + 1,
    level: 'info',
    code: 'AZM025',
    message: importsOpenai
      ? 'a test file or mock that uses openai: reported, not rewritten (--include-tests rewrites it)'
      : 'a test file or mock that uses code of another module that moves: reported, not rewritten; check that it still holds once that code is on Azure',
  };
}
