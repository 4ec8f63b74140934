// Finds how a file imports the openai package (every form) and the Azure SDKs, as local names the other modules
// resolve calls and constructors against.
import { type Node, requireSpecifier, stringValue, unwrap, walk } from '../parse.js';
import { bindingScope } from '../scope.js';

/** The openai package's main module, as Node, Deno (`npm:openai@4`) or a bundler names it. */
export const OPENAI_MODULE = /^(?:npm:)?openai(?:@[^/]*)?$/;
const AZURE_MODULES = /^(?:npm:)?@azure(?:-rest)?\/(?:openai|ai-inference)(?:@[^/]*)?$/;

export interface Imports {
  /** Local names bound to the OpenAI client class. */
  openaiClass: Set<string>;
  /** Local names bound to AzureOpenAI. */
  azureClass: Set<string>;
  /** Namespace names: `import * as ns`, `const ns = require('openai')` where ns.OpenAI is the class. */
  namespaces: Set<string>;
  /** v3 SDK names (Configuration, OpenAIApi) with where they are imported. */
  v3: Array<{ name: string; node: Node }>;
  /** Imports of @azure/openai or @azure-rest/ai-inference. */
  azureSdk: Array<{ module: string; node: Node }>;
  /** The first value import of openai (where @azure/identity goes after), and whether it is a require. */
  anchor?: { node: Node; require: boolean };
  /** The quote the file's openai import uses. */
  quote: '"' | "'";
  /** Whether the file imports openai at all (types included). */
  any: boolean;
  /** Local names imported from relative modules: local -> { module, imported }. */
  relative: Map<string, { module: string; imported: string }>;
  /** Names bound by `await import("openai")` inside a function: the scopes (blocks) that declare them. */
  dynamic: Map<string, Node[]>;
}

export function collectImports(program: Node, text: string): Imports {
  const found: Imports = {
    openaiClass: new Set(),
    azureClass: new Set(),
    namespaces: new Set(),
    v3: [],
    azureSdk: [],
    quote: '"',
    any: false,
    relative: new Map(),
    dynamic: new Map(),
  };
  if (program.type !== 'File') return found;
  const setQuote = (literal: Node) => {
    found.quote = text[literal.start ?? 0] === "'" ? "'" : '"';
  };
  for (const statement of program.program.body) {
    if (statement.type === 'ImportDeclaration') importDeclaration(found, statement, setQuote);
    else if (
      statement.type === 'TSImportEqualsDeclaration' &&
      statement.moduleReference.type === 'TSExternalModuleReference' &&
      OPENAI_MODULE.test(statement.moduleReference.expression.value)
    ) {
      // import OpenAI = require("openai"): the CommonJS export, the class itself.
      found.any = true;
      if (statement.importKind === 'type') continue;
      if (!found.anchor) {
        found.anchor = { node: statement, require: false };
        setQuote(statement.moduleReference.expression);
      }
      found.openaiClass.add(statement.id.name);
      found.namespaces.add(statement.id.name);
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) requireDeclarator(found, statement, declarator, setQuote);
    }
  }
  if (text.includes('import(')) dynamicImports(program, found);
  return found;
}

type SetQuote = (literal: Node) => void;

/** `import ... from "openai"` (or an Azure SDK, or a relative module). */
function importDeclaration(found: Imports, statement: Node & { type: 'ImportDeclaration' }, setQuote: SetQuote): void {
  const module = statement.source.value;
  if (module.startsWith('.')) {
    for (const spec of statement.specifiers) {
      const imported =
        spec.type === 'ImportSpecifier' ? (stringValue(spec.imported) ?? nameOf(spec.imported)) : 'default';
      if (spec.type !== 'ImportNamespaceSpecifier') {
        found.relative.set(spec.local.name, { module, imported: imported ?? 'default' });
      }
    }
    return;
  }
  if (AZURE_MODULES.test(module)) found.azureSdk.push({ module, node: statement });
  if (!OPENAI_MODULE.test(module)) return;
  found.any = true;
  if (statement.importKind === 'type') return;
  if (!found.anchor) {
    found.anchor = { node: statement, require: false };
    setQuote(statement.source);
  }
  for (const spec of statement.specifiers) {
    if (spec.type === 'ImportSpecifier' && spec.importKind === 'type') continue;
    const local = spec.local.name;
    const imported = spec.type === 'ImportSpecifier' ? nameOf(spec.imported) : spec.type;
    classify(found, imported, local, spec);
  }
}

/** `const x = require("openai")`, `require("openai").default / .OpenAI`, or a require of a relative module. */
function requireDeclarator(
  found: Imports,
  statement: Node,
  declarator: Node & { type: 'VariableDeclarator' },
  setQuote: SetQuote,
): void {
  if (!declarator.init) return;
  const init = unwrap(declarator.init);
  let spec = requireSpecifier(init);
  let member: string | undefined;
  if (!spec && init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
    spec = requireSpecifier(init.object);
    member = init.property.name;
  }
  if (!spec) return;
  if (spec.startsWith('.')) {
    relativeRequire(found, declarator, spec, member);
    return;
  }
  if (AZURE_MODULES.test(spec)) found.azureSdk.push({ module: spec, node: statement });
  if (!OPENAI_MODULE.test(spec)) return;
  found.any = true;
  if (!found.anchor) {
    found.anchor = { node: statement, require: true };
    const call = unwrap(member ? (init as { object: Node }).object : init);
    if (call.type === 'CallExpression' && call.arguments[0]) setQuote(call.arguments[0] as Node);
  }
  if (declarator.id.type === 'Identifier') {
    // The CommonJS export is the OpenAI class itself, with .default and .OpenAI pointing at it too.
    if (!member || member === 'default' || member === 'OpenAI') {
      found.openaiClass.add(declarator.id.name);
      if (!member) found.namespaces.add(declarator.id.name);
    } else classify(found, member, declarator.id.name, statement);
  } else if (declarator.id.type === 'ObjectPattern') {
    for (const prop of declarator.id.properties) {
      if (prop.type !== 'ObjectProperty' || prop.key.type !== 'Identifier') continue;
      if (prop.value.type === 'Identifier') classify(found, prop.key.name, prop.value.name, statement);
    }
  }
}

/** The names a require of a relative module binds, with what each is in that module. */
function relativeRequire(
  found: Imports,
  declarator: Node & { type: 'VariableDeclarator' },
  spec: string,
  member: string | undefined,
): void {
  if (declarator.id.type === 'Identifier' && member) {
    found.relative.set(declarator.id.name, { module: spec, imported: member });
  } else if (declarator.id.type === 'ObjectPattern') {
    for (const prop of declarator.id.properties) {
      if (prop.type !== 'ObjectProperty' || prop.key.type !== 'Identifier') continue;
      if (prop.value.type === 'Identifier') {
        found.relative.set(prop.value.name, { module: spec, imported: prop.key.name });
      }
    }
  } else if (declarator.id.type === 'Identifier') {
    found.relative.set(declarator.id.name, { module: spec, imported: 'default' });
  }
}

/** `await import("openai")` anywhere: `const { default: OpenAI } = ...`, `const m = ...`, `(await import(...)).default`. */
function dynamicImports(program: Node, found: Imports): void {
  walk(program, (node, ancestors) => {
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    let init = unwrap(node.init as Node);
    let member: string | undefined;
    if (init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier') {
      member = init.property.name;
      init = unwrap(init.object as Node);
    }
    if (init.type === 'AwaitExpression') init = unwrap(init.argument as Node);
    const isImport =
      (init.type === 'CallExpression' && init.callee.type === 'Import') || init.type === 'ImportExpression';
    const source =
      init.type === 'CallExpression' ? init.arguments[0] : init.type === 'ImportExpression' ? init.source : undefined;
    if (!isImport || !OPENAI_MODULE.test(stringValue(source as Node | undefined) ?? '')) return;
    found.any = true;
    const bind = (name: string) => {
      const scope = bindingScope(name, [...ancestors, node]);
      if (scope) found.dynamic.set(name, [...(found.dynamic.get(name) ?? []), scope]);
    };
    if (node.id.type === 'Identifier') {
      bind(node.id.name);
      if (!member) found.namespaces.add(node.id.name);
      else classify(found, member, node.id.name, node);
    } else if (node.id.type === 'ObjectPattern' && !member) {
      for (const prop of node.id.properties) {
        if (prop.type !== 'ObjectProperty' || prop.value.type !== 'Identifier') continue;
        const imported = prop.key.type === 'Identifier' ? prop.key.name : stringValue(prop.key as Node);
        bind(prop.value.name);
        classify(found, imported, prop.value.name, node);
      }
    }
  });
}

function classify(found: Imports, imported: string | undefined, local: string, node: Node): void {
  if (imported === 'ImportDefaultSpecifier' || imported === 'OpenAI' || imported === 'default') {
    found.openaiClass.add(local);
  } else if (imported === 'ImportNamespaceSpecifier') found.namespaces.add(local);
  else if (imported === 'AzureOpenAI') found.azureClass.add(local);
  else if (imported === 'Configuration' || imported === 'OpenAIApi') found.v3.push({ name: local, node });
}

function nameOf(node: Node): string | undefined {
  return node.type === 'Identifier' ? node.name : stringValue(node);
}
