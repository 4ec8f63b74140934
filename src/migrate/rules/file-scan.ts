// One walk of a file's AST: its clients (rewritten later), and the calls, key reads and URLs to check once every
// client is known; model logic and stream loops are checked on the way.

import { type FileContext, report } from '../findings.js';
import { type Node, propertyName, stringValue, unwrap, walk } from '../parse.js';
import { bindingScope } from '../scope.js';
import type { MigrateOptions } from '../types.js';
import { mayBeApiCall } from './calls.js';
import { isOpenaiKeyRead } from './client-values.js';
import { type Client, type ClientSetting, clientName, constructedClass, handleClient } from './clients.js';
import { collectImports, type Imports } from './imports.js';
import { checkModelLogic } from './model-logic.js';
import { envFallback } from './models.js';
import { checkStreamChoice } from './streams.js';
import { isTestFile } from './test-files.js';

/** A node kept with its ancestors, to be checked after the walk. */
export interface Deferred {
  node: Node;
  ancestors: Node[];
}

export interface Scan {
  imports: Imports;
  program: Node;
  clients: Client[];
  /** Where each client's name is declared (undefined: the module level, or a `this.x` property). */
  clientScopes: Map<Client, Node | undefined>;
  /** Names with the type annotation OpenAI (parameters that may be given a client). */
  typedParams: Set<string>;
  /** Module-level constants holding a string (or `process.env.X ?? "literal"`), by name. */
  constants: Map<string, Node>;
  setting: ClientSetting;
  calls: Deferred[];
  keyReads: Deferred[];
  urls: Deferred[];
  /** How often each identifier occurs: a client named once and called only for APIs Azure lacks is passed nowhere. */
  mentions: Map<string, number>;
}

export function scanFile(ctx: FileContext, ast: Node, options: MigrateOptions): Scan {
  const program = ast.type === 'File' ? ast.program : ast;
  const scan: Scan = {
    imports: collectImports(ast, ctx.text),
    program: program as Node,
    clients: [],
    clientScopes: new Map(),
    typedParams: new Set(),
    constants: new Map(),
    setting: {
      sdk: options.sdk,
      auth: options.auth,
      edge: false,
      test: !options.includeTests && isTestFile(ctx.path),
    },
    calls: [],
    keyReads: [],
    urls: [],
    mentions: new Map(),
  };
  readModuleConstants(scan);
  // One traversal: what needs the whole file first (the clients) is kept with its ancestors and checked after it.
  walk(ast, (node, ancestors) => visit(ctx, scan, node, ancestors));
  return scan;
}

/** The module's string constants, and whether it declares the edge runtime. */
function readModuleConstants(scan: Scan): void {
  const { program } = scan;
  for (const statement of program.type === 'Program' ? program.body : []) {
    const exported = statement.type === 'ExportNamedDeclaration';
    const declaration = exported ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const d of declaration.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      const init = unwrap(d.init as Node);
      const literal = stringValue(init) !== undefined ? init : envFallback(init);
      if (literal) scan.constants.set(d.id.name, literal);
      // Next.js: `export const runtime = "edge"` (app router), `export const config = { runtime: "edge" }` (pages).
      if (exported && isEdgeRuntime(d.id.name, init)) scan.setting.edge = true;
    }
  }
}

function visit(ctx: FileContext, scan: Scan, node: Node, ancestors: readonly Node[]): void {
  switch (node.type) {
    case 'NewExpression':
      addClient(ctx, scan, node, ancestors);
      return;
    case 'CallExpression':
    case 'OptionalCallExpression':
      if (mayBeApiCall(node)) scan.calls.push({ node, ancestors: ancestors.slice() });
      checkModelLogic(ctx, node, ancestors);
      return;
    case 'MemberExpression':
      checkStreamChoice(ctx, node, ancestors);
      if (isOpenaiKeyRead(node)) scan.keyReads.push({ node, ancestors: ancestors.slice() });
      return;
    case 'Identifier': {
      scan.mentions.set(node.name, (scan.mentions.get(node.name) ?? 0) + 1);
      const type = node.typeAnnotation?.type === 'TSTypeAnnotation' ? node.typeAnnotation.typeAnnotation : undefined;
      if (type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && type.typeName.name === 'OpenAI') {
        scan.typedParams.add(node.name);
      }
      return;
    }
    case 'StringLiteral':
    case 'TemplateElement': {
      const literal = node.type === 'TemplateElement' ? node.value.raw : node.value;
      if (literal.includes('api.openai.com')) scan.urls.push({ node, ancestors: ancestors.slice() });
      return;
    }
    case 'BinaryExpression':
    case 'SwitchCase':
    case 'ObjectExpression':
    case 'ArrayExpression':
      checkModelLogic(ctx, node, ancestors);
      return;
  }
}

function addClient(ctx: FileContext, scan: Scan, node: Node, ancestors: readonly Node[]): void {
  const made = constructedClass(node, scan.imports, ancestors);
  let client: Client | undefined;
  if (made === 'openai') client = handleClient(ctx, node, ancestors, scan.setting);
  else if (made === 'azure') {
    report(ctx, node, 'info', 'AZM005', 'AzureOpenAI client: already on Azure, left unchanged');
    client = { kind: 'azure', node, rewritten: false, name: clientName(ancestors) };
  }
  if (client) {
    scan.clients.push(client);
    const simple = client.name && !client.name.includes('.');
    scan.clientScopes.set(client, simple ? bindingScope(client.name ?? '', ancestors) : undefined);
  }
}

function isEdgeRuntime(name: string, init: Node): boolean {
  const edge = (value: Node | undefined) => /^(?:experimental-)?edge$/.test(stringValue(value) ?? '');
  if (name === 'runtime') return edge(init);
  if (name !== 'config' || init.type !== 'ObjectExpression') return false;
  const runtime = init.properties.find((p) => propertyName(p as Node) === 'runtime');
  return runtime?.type === 'ObjectProperty' && edge(unwrap(runtime.value as Node));
}
