// Migrates one file's text in one walk of its AST: finds its clients, checks every call, stream loop and key read
// (those that depend on the clients once the walk is done), applies the edits and checks that the result still parses.
import MagicString from 'magic-string';
import { KEY_VARIABLE } from '../options/api-key.js';
import { migrateAzureOpenai } from './azure-openai/index.js';
import { migrateAzureSdk } from './azure-sdk/index.js';
import { apiFamily, checkCall, checkModelLogic, checkStreamChoice, envFallback, mayBeApiCall } from './calls.js';
import {
  type Client,
  type ClientKind,
  type ClientSetting,
  clientName,
  constructedClass,
  handleClient,
  isOpenaiKeyRead,
} from './clients.js';
import { exportedClients } from './exports.js';
import { applyTodos, type FileContext, lineEnding, report } from './findings.js';
import { identityImport } from './identity-import.js';
import { collectImports } from './imports.js';
import { type Node, parseFile, propertyName, stringValue, unwrap, walk } from './parse.js';
import { bindingScope } from './scope.js';
import { targetFor } from './target.js';
import { isTestFile } from './test-files.js';
import type { Finding, MigrateOptions } from './types.js';
import { isRequestUrl } from './urls.js';

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
  /** Clients already in the form this tool writes: moved by an earlier run. */
  movedBefore: number;
  left: number;
  /** A rewrite that did not parse: a bug here, reported and not written. */
  failed?: boolean;
}

/** Files worth parsing: they name the SDK or its APIs, or a model (code that branches on model names). */
const PREFILTER = /openai|completions|embeddings|createChatCompletion|gpt-?\d|\bo[1-9]\b/i;

interface Deferred {
  node: Node;
  ancestors: Node[];
}

/** The kind one name has when several clients of one scope share it. */
function merged(kinds: readonly ClientKind[]): ClientKind | undefined {
  const [first, ...rest] = kinds;
  return rest.every((k) => k === first) ? first : 'mixed';
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
    movedBefore: 0,
    left: 0,
  };
  // Code on the retired Azure AI Inference SDK moves to the OpenAI SDK on the v1 API, by its own rules (a file that
  // also imports openai keeps the rules below, which report the retired SDK as already on Azure).
  const retired = /\bfrom\s*["']openai["']|require\(\s*["']openai["']\s*\)/.test(text)
    ? undefined
    : migrateAzureSdk(path, text, options, imported);
  if (retired) return retired;
  const apiVersion = migrateAzureOpenai(path, text, options);
  if (apiVersion) return apiVersion;
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
    pendingTodos: [],
  };
  const imports = collectImports(ast, text);
  const clients: Client[] = [];
  /** Where each client's name is declared (undefined: the module level, or a `this.x` property). */
  const clientScopes = new Map<Client, Node | undefined>();
  const typedParams = new Set<string>();
  const constants = new Map<string, Node>();
  const program = ast.type === 'File' ? ast.program : ast;
  const setting: ClientSetting = {
    sdk: options.sdk,
    auth: options.auth,
    edge: false,
    test: !options.includeTests && isTestFile(path),
  };

  for (const statement of program.type === 'Program' ? program.body : []) {
    const exported = statement.type === 'ExportNamedDeclaration';
    const declaration = exported ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const d of declaration.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      const init = unwrap(d.init as Node);
      const literal = stringValue(init) !== undefined ? init : envFallback(init);
      if (literal) constants.set(d.id.name, literal);
      // Next.js: `export const runtime = "edge"` (app router), `export const config = { runtime: "edge" }` (pages).
      if (exported && isEdgeRuntime(d.id.name, init)) setting.edge = true;
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
        const made = constructedClass(node, imports, ancestors);
        let client: Client | undefined;
        if (made === 'openai') client = handleClient(ctx, node, ancestors, setting);
        else if (made === 'azure') {
          report(ctx, node, 'info', 'AZM005', 'AzureOpenAI client: already on Azure, left unchanged');
          client = { kind: 'azure', node, rewritten: false, name: clientName(ancestors) };
        }
        if (client) {
          clients.push(client);
          const simple = client.name && !client.name.includes('.');
          clientScopes.set(client, simple ? bindingScope(client.name ?? '', ancestors) : undefined);
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
        if (isOpenaiKeyRead(node)) keyReads.push({ node, ancestors: ancestors.slice() });
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
      case 'ObjectExpression':
      case 'ArrayExpression':
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
  /** Every client name with its kind, whatever its scope: for exports and the no-equivalent check. */
  const byName = new Map<string, ClientKind>();
  for (const client of clients) {
    if (!client.name) continue;
    const before = byName.get(client.name);
    byName.set(client.name, before && before !== client.kind ? 'mixed' : client.kind);
  }
  /** The clients a call root refers to at a place: those of that name declared in the scope the name resolves to. */
  const clientsAt = (root: string, ancestors: readonly Node[]): Client[] => {
    const scope = root.includes('.') ? undefined : bindingScope(root, ancestors);
    return clients.filter((c) => c.name === root && clientScopes.get(c) === scope);
  };
  const insideClient = (node: Node) =>
    clients.some((c) => (c.node.start ?? 0) <= (node.start ?? 0) && (node.end ?? 0) <= (c.node.end ?? 0));
  let usesClient = false;
  const families = new Map<string, Set<string>>();
  const importedKind = (root: string, ancestors: readonly Node[]): ClientKind | undefined => {
    const fromModule = imports.relative.get(root);
    if (!fromModule || bindingScope(root, ancestors) !== undefined) return undefined;
    result.importsClients = true;
    return imported(fromModule.module, fromModule.imported);
  };
  const later: Array<{ root: string; ancestors: readonly Node[]; check: (moved: boolean) => void }> = [];
  const scope = {
    constants,
    options,
    kindOf(root: string, ancestors: readonly Node[]): ClientKind | undefined {
      const local = merged(clientsAt(root, ancestors).map((c) => c.kind));
      if (local) return local;
      if (typedParams.has(root)) return 'openai';
      return importedKind(root, ancestors);
    },
    later(root: string, ancestors: readonly Node[], check: (moved: boolean) => void) {
      later.push({ root, ancestors, check });
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
  for (const { node, ancestors } of calls) {
    const kind = checkCall(ctx, node, ancestors, scope);
    if (kind === 'openai' || kind === 'foreign-key' || kind === 'kept' || kind === 'mixed') usesClient = true;
  }
  const exportedNames = new Set([
    ...exportedClients(program as Node, byName).keys(),
    ...[...byName.keys()].filter((n) => n.includes('.')),
  ]);
  const toRewrite: Client[] = [];
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
      client.kind = 'kept';
      continue;
    }
    toRewrite.push(client);
  }
  const rewrittenHere = toRewrite.length > 0;
  // With Entra ID every moved client of the module shares one token provider, under a name the file does not use.
  let provider = 'azureTokenProvider';
  for (let n = 2; mentions.has(provider); n++) provider = `azureTokenProvider${n}`;
  const target = targetFor(options, imports.quote, provider);
  for (const client of toRewrite) {
    client.rewrite?.(target);
    client.rewritten = true;
  }
  // A call's checks now that it is known whether its client moved (here, or in the module it is imported from).
  let usesMoved = false;
  for (const { root, ancestors, check } of later) {
    const local = clientsAt(root, ancestors);
    const moved =
      !setting.test && (local.length > 0 ? local.some((c) => c.rewritten) : importedKind(root, ancestors) === 'openai');
    usesMoved ||= moved;
    // A parameter typed OpenAI may be given a client that moved: its calls are checked, the file gets no TODOs.
    check(moved || (!setting.test && local.length === 0 && typedParams.has(root)));
  }
  for (const { node, ancestors } of keyReads) {
    if (!insideClient(node)) checkKeyRead(ctx, node, ancestors, rewrittenHere, options);
  }
  for (const { node, ancestors } of urls) {
    if (insideClient(node) || !isRequestUrl(node, ancestors)) continue;
    report(
      ctx,
      node,
      'error',
      'AZM020',
      'a request to api.openai.com outside the SDK: point it at the Azure endpoint by hand (and mind which key it sends)',
      ancestors,
    );
  }
  // A mock of the SDK (`__mocks__/openai.js`) is listed as what it is, even though it does not import it.
  const mock = setting.test && /openai/i.test(text);
  result.relevant =
    imports.any || imports.azureSdk.length > 0 || clients.length > 0 || usesClient || ctx.findings.length > 0 || mock;
  if (!result.relevant) return result;
  // Exported after the rewrite: a client that stayed on OpenAI is not one its importers may treat as moved.
  result.exports = exportedClients(program as Node, kindsAfterRewrite(clients));
  result.rewritten = clients.filter((c) => c.rewritten).length;
  result.movedBefore = clients.filter((c) => c.movedBefore).length;
  result.left = clients.length - result.rewritten;
  if (setting.test) {
    // A test or mock is reported as one: its other findings would be about stand-ins.
    const own = ctx.findings.filter((f) => f.code === 'AZM025');
    result.findings = own.length > 0 ? own : [testFinding(imports.anchor?.node)];
    return result;
  }
  // A file whose code moves gets its follow-ups as TODOs; any other stays byte for byte (its findings come back).
  if (rewrittenHere || usesMoved) applyTodos(ctx);
  if (rewrittenHere) {
    const firstClient = Math.min(...toRewrite.map((c) => c.node.start ?? 0));
    if (options.auth === 'entra') identityImport(ctx, ast, imports, provider, firstClient);
  }
  if (ctx.findings.length === 0) {
    const at = imports.anchor?.node.loc?.start;
    ctx.findings.push({
      line: at?.line ?? 1,
      column: (at?.column ?? 0) + 1,
      level: 'info',
      code: 'AZM009',
      message:
        'uses the openai package, but nothing here talks to OpenAI through a client this run can see: left unchanged',
    });
  }
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

function isEdgeRuntime(name: string, init: Node): boolean {
  const edge = (value: Node | undefined) => /^(?:experimental-)?edge$/.test(stringValue(value) ?? '');
  if (name === 'runtime') return edge(init);
  if (name !== 'config' || init.type !== 'ObjectExpression') return false;
  const runtime = init.properties.find((p) => propertyName(p as Node) === 'runtime');
  return runtime?.type === 'ObjectProperty' && edge(unwrap(runtime.value as Node));
}

/** The kinds importers see: a client that talks to OpenAI and was not moved is `kept`. */
function kindsAfterRewrite(clients: readonly Client[]): Map<string, ClientKind> {
  const out = new Map<string, ClientKind>();
  for (const client of clients) {
    if (!client.name) continue;
    const kind = client.kind === 'openai' && !client.rewritten ? 'kept' : client.kind;
    const before = out.get(client.name);
    out.set(client.name, before && before !== kind ? 'mixed' : kind);
  }
  return out;
}

function testFinding(at: Node | undefined): Finding {
  const loc = at?.loc?.start;
  return {
    line: loc?.line ?? 1,
    column: (loc?.column ?? 0) + 1,
    level: 'info',
    code: 'AZM025',
    message: 'a test file or mock that uses openai: reported, not rewritten (--include-tests rewrites it)',
  };
}

/**
 * A read of OPENAI_API_KEY outside a client's options (a fetch header, a shared variable): never edited, as it may
 * serve other code than the client. Only a guard (`if (!process.env.OPENAI_API_KEY) throw ...`) follows a client of
 * this file that moved; elsewhere, where a client moved, it is a follow-up with a TODO.
 */
function checkKeyRead(
  ctx: FileContext,
  node: Node,
  ancestors: readonly Node[],
  moved: boolean,
  options: MigrateOptions,
): void {
  if (!moved) {
    report(ctx, node, 'info', 'AZM008', 'reads OPENAI_API_KEY; no client of this file moved to Azure: left unchanged');
  } else if (options.auth === 'key' && isGuard(ancestors) && node.type === 'MemberExpression') {
    const property = node.property;
    const start = (property.start ?? 0) + (node.computed ? 1 : 0);
    const end = (property.end ?? 0) - (node.computed ? 1 : 0);
    ctx.edits.overwrite(start, end, KEY_VARIABLE);
    report(
      ctx,
      node,
      'info',
      'AZM008',
      `this check of OPENAI_API_KEY now checks ${KEY_VARIABLE}, which the client reads`,
    );
  } else if (options.auth === 'key') {
    report(
      ctx,
      node,
      'warning',
      'AZM008',
      `reads OPENAI_API_KEY, left unchanged: where it is for the client that moved to Azure, read ${KEY_VARIABLE} instead`,
      ancestors,
    );
  } else {
    report(
      ctx,
      node,
      'warning',
      'AZM008',
      'reads OPENAI_API_KEY, left unchanged: where it is for the client that moved to Entra ID, remove this check or read',
      ancestors,
    );
  }
}

/** `if (!process.env.OPENAI_API_KEY)`: a check that the key is set, which sends it nowhere. */
function isGuard(ancestors: readonly Node[]): boolean {
  const not = ancestors.at(-1);
  if (not?.type !== 'UnaryExpression' || not.operator !== '!') return false;
  let child: Node = not;
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const parent = ancestors[i];
    if (parent?.type === 'LogicalExpression') child = parent;
    else return parent?.type === 'IfStatement' && parent.test === child;
  }
  return false;
}
