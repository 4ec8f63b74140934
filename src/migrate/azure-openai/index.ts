// Moves api-version clients of the openai package to the v1 API: `AzureOpenAI` (endpoint, deployment, apiVersion) and
// `OpenAI` on <endpoint>/openai/deployments/<d> with an api-version query become `OpenAI` on <endpoint>/openai/v1/, the
// deployment in each call's model. All or nothing per file: when one client or call cannot move, the file is left.
import MagicString from 'magic-string';
import type { AzureSdkAnalysis } from '../azure-sdk/index.js';
import { catalogueReporter } from '../catalogue.js';
import { type FileContext, fileContext, lineEnding, todoAt } from '../findings.js';
import { type Node, parseFile, unwrap, walk } from '../parse.js';
import { constructedClass } from '../rules/clients.js';
import { collectImports } from '../rules/imports.js';
import { checkStreamChoice } from '../rules/streams.js';
import { isTestFile } from '../rules/test-files.js';
import type { Finding, MigrateOptions } from '../types.js';
import { isDeploymentsClient, planAzureClient, planDeploymentsClient } from './clients.js';
import type { Context } from './context.js';
import type { Deployment } from './deployment.js';
import { type Follow, NO_FOLLOW, offeredClients, planImportedUses, quoteOf } from './follow.js';
import { renameAzureClass } from './names.js';
import { projectOpenai } from './openai-version.js';
import { type ClientSite, planUses } from './uses.js';

const MENTIONS = /AzureOpenAI|api-version|\/openai\/deployments/;
/** Findings that say something changed: a file left as it was claims none. */
const CLAIMS = new Set(['AZM230', 'AZM231', 'AZM236', 'AZM237', 'AZM210']);

interface Found {
  node: Node;
  ancestors: Node[];
  azure: boolean;
}

export interface ApiVersionAnalysis extends AzureSdkAnalysis {
  /** Where each api-version client is built (1-based). */
  clients: Position[];
  /** Clients exported with a deployment that stay unless each importer can carry it (./follow.ts). */
  followable: Map<string, Deployment>;
}

export interface Position {
  line: number;
  column: number;
}

/** The analysis of a file with api-version clients, or undefined when it has none. */
export function migrateAzureOpenai(
  path: string,
  text: string,
  options: MigrateOptions,
  follow: Follow = NO_FOLLOW,
): ApiVersionAnalysis | undefined {
  if (!(MENTIONS.test(text) || follow.offered) || (isTestFile(path) && !options.includeTests)) return undefined;
  let ast: Node;
  try {
    ast = parseFile(path, text);
  } catch {
    return undefined;
  }
  const imports = collectImports(ast, text);
  const offered = offeredClients(imports, follow);
  if (!imports.any && offered.size === 0) return undefined;
  const program = (ast.type === 'File' ? ast.program : ast) as Node;
  const found: Found[] = [];
  const probe = { text } as Context;
  // Streamed chunks read as choices[0] break on Azure's first chunk, before and after the move: said as elsewhere.
  const streams: FileContext = fileContext(path, text);
  walk(ast, (node, ancestors) => {
    checkStreamChoice(streams, node, ancestors);
    const made = node.type === 'NewExpression' ? constructedClass(node, imports, ancestors) : undefined;
    if (made === 'azure' || (made === 'openai' && isDeploymentsClient(probe, node)))
      found.push({ node, ancestors: ancestors.slice(), azure: made === 'azure' });
  });
  if (found.length === 0 && offered.size === 0) return undefined;

  const findings: Finding[] = [...streams.findings];
  const ctx: Context = {
    text,
    edits: new MagicString(text),
    quote: found.length > 0 ? imports.quote : quoteOf(text),
    typed: /\.[mc]?tsx?$/.test(path),
    constants: moduleConstants(program),
    openai: projectOpenai(options),
    blocked: false,
    allowed: follow.allowed,
    followable: new Map(),
    report: catalogueReporter(findings, () => {
      ctx.blocked = true;
    }),
  };
  const exports = new Map<string, 'azure'>();
  for (const { node, ancestors, azure } of found) {
    const plan = azure ? planAzureClient(ctx, node, ancestors) : planDeploymentsClient(ctx, node, ancestors);
    if (!plan) continue;
    const site: ClientSite = { node, ancestors, plan };
    const exported = planUses(ctx, program, site);
    if (exported) exports.set(exported, 'azure');
  }
  planImportedUses(ctx, program, offered);
  if (!ctx.blocked) renameAzureClass(ctx, program, imports.namespaces);
  const clients = found.map(({ node }) => ({
    line: node.loc?.start.line ?? 1,
    column: (node.loc?.start.column ?? 0) + 1,
  }));
  return { ...result(path, ctx, findings, exports, found.length), clients, followable: ctx.followable };
}

function result(
  path: string,
  ctx: Context,
  all: Finding[],
  exports: Map<string, 'azure'>,
  clients: number,
): AzureSdkAnalysis {
  const findings = (ctx.blocked ? all.filter((f) => !CLAIMS.has(f.code)) : all).sort(
    (a, b) => a.line - b.line || a.column - b.column,
  );
  const base: AzureSdkAnalysis = {
    relevant: true,
    findings,
    exports,
    importsClients: false,
    rewritten: 0,
    movedBefore: 0,
    left: clients,
    packages: { still: [], dropped: [], openai: false, entra: false, from: [], blocked: ctx.blocked },
  };
  if (ctx.blocked) return base;
  addTodos(ctx, findings);
  const output = ctx.edits.toString();
  try {
    parseFile(path, output);
  } catch (error) {
    const message = `the rewrite did not parse (${(error as Error).message}): file left unchanged; please report this`;
    return {
      ...base,
      failed: true,
      findings: [...findings, { line: 1, column: 1, level: 'error', code: 'AZM091', message }],
    };
  }
  return { ...base, output, rewritten: clients, left: 0 };
}

/** What a person must still check stays in the code, above the line of each warning. */
function addTodos(ctx: Context, findings: readonly Finding[]): void {
  const todos = { text: ctx.text, edits: ctx.edits, todos: new Set<string>(), eol: lineEnding(ctx.text) };
  const lineStarts = [0, ...[...ctx.text.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
  for (const finding of findings) {
    if (finding.level === 'info') continue;
    // Above the finding's line, or, when that line is inside a rewritten span, above the line the span starts on.
    for (let line = finding.line; line >= 1; line--) {
      try {
        todoAt(todos, lineStarts[line - 1] ?? 0, finding.code, finding.message);
        break;
      } catch {}
    }
  }
}

/** Module-level `const` names with their initialisers, and imports: deployments a call can name as they are. */
function moduleConstants(program: Node): Map<string, Node> {
  const constants = new Map<string, Node>();
  for (const statement of program.type === 'Program' ? program.body : []) {
    if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type') {
      for (const s of statement.specifiers) constants.set(s.local.name, s as Node);
    }
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const d of declaration.declarations) {
      if (d.id.type === 'Identifier' && d.init) constants.set(d.id.name, unwrap(d.init as Node));
    }
  }
  return constants;
}
