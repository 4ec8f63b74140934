// Migrates one file's text: finds its clients (first walk), then checks every call, stream loop and key read
// (second walk), applies the edits and checks that the result still parses.
import MagicString from 'magic-string';
import { checkCall, checkModelLogic, checkStreamChoice } from './calls.js';
import { type Client, type ClientKind, constructedClass, handleClient } from './clients.js';
import { exportedClients } from './exports.js';
import { type FileContext, lineEnding, report } from './findings.js';
import { identityImport } from './identity-import.js';
import { collectImports } from './imports.js';
import { memberChain, type Node, parseFile, stringValue, unwrap, walk } from './parse.js';
import { KEY_VAR, targetFor } from './target.js';
import type { Finding, MigrateOptions } from './types.js';

/** Resolves a name imported from a relative module to the kind of client that module exports under it. */
export type ImportedClient = (module: string, imported: string) => ClientKind | undefined;

export interface FileAnalysis {
  /** Uses an OpenAI SDK or talks to an OpenAI endpoint: listed in the result. */
  relevant: boolean;
  /** The new text, when it changed. */
  output?: string;
  findings: Finding[];
  /** Clients this module exports, by export name. */
  exports: Map<string, ClientKind>;
  /** Whether a call root was imported from a relative module (a second pass can resolve it). */
  importsClients: boolean;
  rewritten: number;
  left: number;
  /** A rewrite that did not parse: a bug here, reported and not written. */
  failed?: boolean;
}

const PREFILTER = /openai|completions|embeddings|createChatCompletion/i;

export function analyzeFile(
  path: string,
  text: string,
  options: MigrateOptions,
  imported: ImportedClient,
): FileAnalysis {
  const result: FileAnalysis = {
    relevant: false,
    findings: [],
    exports: new Map(),
    importsClients: false,
    rewritten: 0,
    left: 0,
  };
  if (!PREFILTER.test(text)) return result;
  let ast: Node;
  try {
    ast = parseFile(path, text);
  } catch (error) {
    const relevant = /openai/i.test(text);
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = `could not parse this file (${(error as Error).message}): not migrated`;
    return {
      ...result,
      relevant,
      findings: relevant
        ? [{ line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, level: 'warning', code: 'AZM090', message }]
        : [],
    };
  }
  const ctx: FileContext = {
    path,
    text,
    edits: new MagicString(text),
    findings: [],
    todos: new Set(),
    eol: lineEnding(text),
    seen: new Set(),
  };
  const imports = collectImports(ast, text);
  const target = targetFor(options, imports.quote);
  const clients: Client[] = [];
  const typedParams = new Set<string>();
  const constants = new Map<string, Node>();
  const program = ast.type === 'File' ? ast.program : ast;

  for (const statement of program.type === 'Program' ? program.body : []) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const d of declaration.declarations) {
      if (d.id.type === 'Identifier' && d.init && stringValue(unwrap(d.init as Node)) !== undefined) {
        constants.set(d.id.name, unwrap(d.init as Node));
      }
    }
  }
  walk(ast, (node, ancestors) => {
    const made = constructedClass(node, imports);
    if (made === 'openai') clients.push(handleClient(ctx, node, ancestors, target));
    else if (made === 'azure') {
      report(ctx, node, 'info', 'AZM005', 'AzureOpenAI client: already on Azure, left unchanged');
      clients.push({ kind: 'azure', node, rewritten: false });
    }
    if (node.type === 'Identifier' && node.typeAnnotation?.type === 'TSTypeAnnotation') {
      const type = node.typeAnnotation.typeAnnotation;
      if (
        type.type === 'TSTypeReference' &&
        type.typeName.type === 'Identifier' &&
        /^OpenAI$/.test(type.typeName.name)
      ) {
        typedParams.add(node.name);
      }
    }
  });
  for (const { module, node } of imports.azureSdk) {
    report(ctx, node, 'info', 'AZM005', `${module}: already on Azure, left unchanged`);
  }
  for (const { name, node } of imports.v3) {
    report(
      ctx,
      node,
      'error',
      'AZM018',
      `the v3 openai SDK (${name}): move this code to the current openai package by hand first; package.json keeps its openai version`,
      [program as Node],
    );
  }

  const byName = new Map<string, ClientKind>();
  for (const client of clients) {
    if (!client.name) continue;
    const before = byName.get(client.name);
    byName.set(client.name, before && before !== client.kind ? 'runtime' : client.kind);
  }
  const rewrittenHere = clients.some((c) => c.rewritten);
  const insideClient = (node: Node) =>
    clients.some((c) => (c.node.start ?? 0) <= (node.start ?? 0) && (node.end ?? 0) <= (c.node.end ?? 0));
  let usesClient = false;
  const scope = {
    constants,
    options,
    kindOf(root: string): ClientKind | undefined {
      const local = byName.get(root);
      if (local) return local;
      if (typedParams.has(root)) return 'openai';
      const fromModule = imports.relative.get(root);
      if (fromModule) {
        result.importsClients = true;
        return imported(fromModule.module, fromModule.imported);
      }
      return undefined;
    },
  };

  walk(ast, (node, ancestors) => {
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
      const kind = checkCall(ctx, node, ancestors, scope);
      if (kind === 'openai' || kind === 'per-user') usesClient = true;
    }
    checkStreamChoice(ctx, node, ancestors);
    checkModelLogic(ctx, node, ancestors);
    if (node.type === 'MemberExpression' && !insideClient(node))
      checkKeyRead(ctx, node, ancestors, rewrittenHere, options);
    const literal =
      node.type === 'TemplateElement' ? node.value.raw : node.type === 'StringLiteral' ? node.value : undefined;
    if (literal?.includes('api.openai.com') && !insideClient(node)) {
      report(
        ctx,
        node,
        'error',
        'AZM020',
        'a request to api.openai.com outside the SDK: point it at the Azure endpoint by hand',
        ancestors,
      );
    }
  });
  result.relevant =
    imports.any || imports.azureSdk.length > 0 || clients.length > 0 || usesClient || ctx.findings.length > 0;
  if (!result.relevant) return result;
  if (rewrittenHere && options.auth === 'entra') identityImport(ctx, ast, imports);
  result.exports = exportedClients(program as Node, byName);
  result.rewritten = clients.filter((c) => c.rewritten).length;
  result.left = clients.length - result.rewritten;
  result.findings = ctx.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  if (ctx.edits.hasChanged()) {
    const output = ctx.edits.toString();
    try {
      parseFile(path, output);
      result.output = output;
    } catch (error) {
      result.failed = true;
      result.findings.push({
        line: 1,
        column: 1,
        level: 'error',
        code: 'AZM091',
        message: `the rewrite did not parse (${(error as Error).message}): file left unchanged; please report this`,
      });
    }
  }
  return result;
}

/** process.env.OPENAI_API_KEY: becomes AZURE_OPENAI_CHAT_KEY where this file's client now reads that. */
function checkKeyRead(
  ctx: FileContext,
  node: Node,
  ancestors: readonly Node[],
  rewritten: boolean,
  options: MigrateOptions,
): void {
  if (node.type !== 'MemberExpression') return;
  const chain = memberChain(node);
  if (chain.length !== 3 || chain[0] !== 'process' || chain[1] !== 'env' || chain[2] !== 'OPENAI_API_KEY') return;
  if (!rewritten) {
    report(
      ctx,
      node,
      'info',
      'AZM008',
      `reads OPENAI_API_KEY: if it is for the client now on Azure, read ${KEY_VAR} instead`,
    );
  } else if (options.auth === 'key') {
    const property = node.property;
    const start = (property.start ?? 0) + (node.computed ? 1 : 0);
    const end = (property.end ?? 0) - (node.computed ? 1 : 0);
    ctx.edits.overwrite(start, end, KEY_VAR);
    report(ctx, node, 'info', 'AZM008', `OPENAI_API_KEY replaced by ${KEY_VAR}, which the client now reads`);
  } else {
    report(
      ctx,
      node,
      'warning',
      'AZM008',
      'reads OPENAI_API_KEY, which Entra ID authentication no longer needs: remove this check or read',
      ancestors,
    );
  }
}
