// Migrates one file's text in one walk of its AST: finds its clients, checks every call, stream loop and key read
// (those that depend on the clients once the walk is done), applies the edits and checks that the result still parses.
import MagicString from 'magic-string';
import { KEY_VARIABLE } from '../options/api-key.js';
import { migrateAzureSdk } from './azure-sdk/index.js';
import { apiFamily, checkCall, checkModelLogic, checkStreamChoice, mayBeApiCall } from './calls.js';
import { type Client, type ClientKind, constructedClass, handleClient } from './clients.js';
import { exportedClients } from './exports.js';
import { type FileContext, lineEnding, report } from './findings.js';
import { identityImport } from './identity-import.js';
import { collectImports } from './imports.js';
import { memberChain, type Node, parseFile, stringValue, unwrap, walk } from './parse.js';
import { targetFor } from './target.js';
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

interface Deferred {
  node: Node;
  ancestors: Node[];
}

function isKeyRead(node: Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const chain = memberChain(node);
  return chain.length === 3 && chain[0] === 'process' && chain[1] === 'env' && chain[2] === 'OPENAI_API_KEY';
}

/**
 * The no-equivalent APIs (e.g. "moderations") when they are the only use of a local client: every mention of its name
 * of its name is its declaration or a call checked here (so it is passed nowhere), and it is not exported.
 */
function onlyNoEquivalent(
  name: string,
  families: Map<string, Set<string>>,
  calledOn: Map<string, number>,
  exported: Set<string>,
  mentions: Map<string, number>,
): string | undefined {
  const used = families.get(name);
  if (!used || used.size === 0 || exported.has(name) || !/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  if (![...used].every((family) => apiFamily([family]).noEquivalent)) return undefined;
  if ((mentions.get(name) ?? 0) !== 1 + (calledOn.get(name) ?? 0)) return undefined;
  return [...used].join(', ');
}

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
  // Code on the retired Azure AI Inference SDK moves to the OpenAI SDK on the v1 API, by its own rules (a file that
  // also imports openai keeps the rules below, which report the retired SDK as already on Azure).
  const retired = /\bfrom\s*["']openai["']|require\(\s*["']openai["']\s*\)/.test(text)
    ? undefined
    : migrateAzureSdk(path, text, options, imported);
  if (retired) return retired;
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
  // One traversal: what needs the whole file first (the clients) is kept with its ancestors and checked after it.
  const calls: Deferred[] = [];
  const keyReads: Deferred[] = [];
  const urls: Deferred[] = [];
  /** How often each identifier occurs: a client named once and called only for APIs Azure lacks is passed nowhere. */
  const mentions = new Map<string, number>();
  walk(ast, (node, ancestors) => {
    switch (node.type) {
      case 'NewExpression': {
        const made = constructedClass(node, imports);
        if (made === 'openai') clients.push(handleClient(ctx, node, ancestors, target));
        else if (made === 'azure') {
          report(ctx, node, 'info', 'AZM005', 'AzureOpenAI client: already on Azure, left unchanged');
          clients.push({ kind: 'azure', node, rewritten: false });
        }
        return;
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
        if (mayBeApiCall(node)) calls.push({ node, ancestors: ancestors.slice() });
        checkModelLogic(ctx, node, ancestors);
        return;
      case 'MemberExpression':
        checkStreamChoice(ctx, node, ancestors);
        if (isKeyRead(node)) keyReads.push({ node, ancestors: ancestors.slice() });
        return;
      case 'Identifier': {
        mentions.set(node.name, (mentions.get(node.name) ?? 0) + 1);
        const type = node.typeAnnotation?.type === 'TSTypeAnnotation' ? node.typeAnnotation.typeAnnotation : undefined;
        if (
          type?.type === 'TSTypeReference' &&
          type.typeName.type === 'Identifier' &&
          type.typeName.name === 'OpenAI'
        ) {
          typedParams.add(node.name);
        }
        return;
      }
      case 'StringLiteral':
      case 'TemplateElement': {
        const literal = node.type === 'TemplateElement' ? node.value.raw : node.value;
        if (literal.includes('api.openai.com')) urls.push({ node, ancestors: ancestors.slice() });
        return;
      }
      case 'BinaryExpression':
      case 'SwitchCase':
        checkModelLogic(ctx, node, ancestors);
        return;
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
  const insideClient = (node: Node) =>
    clients.some((c) => (c.node.start ?? 0) <= (node.start ?? 0) && (node.end ?? 0) <= (c.node.end ?? 0));
  let usesClient = false;
  const families = new Map<string, Set<string>>();
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
    later(root: string, emit: (stays: boolean) => void) {
      later.push({ root, emit });
    },
    used(root: string, family: string) {
      const set = families.get(root) ?? new Set<string>();
      set.add(family);
      families.set(root, set);
      if (byName.get(root) === 'openai' && clients.some((c) => c.name === root)) {
        calledOn.set(root, (calledOn.get(root) ?? 0) + 1);
      }
    },
  };
  const calledOn = new Map<string, number>();
  const later: Array<{ root: string; emit: (stays: boolean) => void }> = [];
  for (const { node, ancestors } of calls) {
    const kind = checkCall(ctx, node, ancestors, scope);
    if (kind === 'openai' || kind === 'per-user') usesClient = true;
  }
  const exported = exportedClients(program as Node, byName);
  const exportedNames = new Set([...exported.keys(), ...[...byName.keys()].filter((n) => n.includes('.'))]);
  for (const client of clients) {
    if (!client.rewrite) continue;
    const only = client.name ? onlyNoEquivalent(client.name, families, calledOn, exportedNames, mentions) : undefined;
    if (only) {
      report(
        ctx,
        client.node,
        'warning',
        'AZM023',
        `client used only for ${only}, which Azure OpenAI does not have: left on OpenAI (it still needs OPENAI_API_KEY)`,
      );
      continue;
    }
    client.rewrite();
    client.rewritten = true;
  }
  const kept = new Set(clients.filter((c) => c.rewrite && !c.rewritten && c.name).map((c) => c.name));
  for (const { root, emit } of later) emit(kept.has(root));
  const rewrittenHere = clients.some((c) => c.rewritten);
  for (const { node, ancestors } of keyReads) {
    if (!insideClient(node)) checkKeyRead(ctx, node, ancestors, rewrittenHere, options);
  }
  for (const { node, ancestors } of urls) {
    if (insideClient(node)) continue;
    report(
      ctx,
      node,
      'error',
      'AZM020',
      'a request to api.openai.com outside the SDK: point it at the Azure endpoint by hand',
      ancestors,
    );
  }
  result.relevant =
    imports.any || imports.azureSdk.length > 0 || clients.length > 0 || usesClient || ctx.findings.length > 0;
  if (!result.relevant) return result;
  if (rewrittenHere && options.auth === 'entra') identityImport(ctx, ast, imports);
  result.exports = exported;
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
      `reads OPENAI_API_KEY: if it is for the client now on Azure, read ${KEY_VARIABLE} instead`,
    );
  } else if (options.auth === 'key') {
    const property = node.property;
    const start = (property.start ?? 0) + (node.computed ? 1 : 0);
    const end = (property.end ?? 0) - (node.computed ? 1 : 0);
    ctx.edits.overwrite(start, end, KEY_VARIABLE);
    report(ctx, node, 'info', 'AZM008', `OPENAI_API_KEY replaced by ${KEY_VARIABLE}, which the client now reads`);
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
