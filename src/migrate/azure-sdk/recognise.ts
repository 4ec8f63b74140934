// How a file imports the retired Azure AI Inference SDK and its companions (@azure/core-auth, @azure/core-sse,
// @azure/identity), as the declarations of their local names: uses are then resolved by scope to these declarations.
import { type Node, requireSpecifier, stringValue, unwrap } from '../parse.js';

export const INFERENCE = /^@azure-rest\/ai-inference$/;
export const CORE_AUTH = '@azure/core-auth';
export const CORE_SSE = '@azure/core-sse';
export const IDENTITY = '@azure/identity';

/** One imported name: its local declaration, the module and the name it has there ('default' for the default). */
export interface Imported {
  local: Node;
  module: string;
  imported: string;
  typeOnly: boolean;
  /** The import statement (or `const ... = require(...)` declaration) that holds it. */
  statement: Node;
  /** The specifier (or pattern property) to remove when the name is no longer used. */
  specifier: Node;
}

export interface FileImports {
  names: Imported[];
  /** Names imported from relative modules: local -> { module, imported }. */
  relative: Map<string, { module: string; imported: string }>;
  /** The statements importing the retired SDK, in order. */
  inference: Node[];
  identityStatement?: Node;
  /** The quote of the retired SDK's import. */
  quote: '"' | "'";
  commonjs: boolean;
}

const WATCHED = (module: string) =>
  INFERENCE.test(module) || module === CORE_AUTH || module === CORE_SSE || module === IDENTITY;

export function fileImports(program: Node, text: string): FileImports {
  const found: FileImports = { names: [], relative: new Map(), inference: [], quote: '"', commonjs: false };
  if (program.type !== 'Program') return found;
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const module = statement.source.value;
      if (module.startsWith('.')) {
        for (const spec of statement.specifiers) {
          if (spec.type === 'ImportNamespaceSpecifier') continue;
          const imported =
            spec.type === 'ImportSpecifier'
              ? (stringValue(spec.imported) ?? (spec.imported.type === 'Identifier' ? spec.imported.name : 'default'))
              : 'default';
          found.relative.set(spec.local.name, { module, imported });
        }
        continue;
      }
      if (!WATCHED(module)) continue;
      if (INFERENCE.test(module)) {
        if (found.inference.length === 0) found.quote = text[statement.source.start ?? 0] === "'" ? "'" : '"';
        found.inference.push(statement);
      }
      if (module === IDENTITY && statement.importKind !== 'type') found.identityStatement ??= statement;
      for (const spec of statement.specifiers) {
        const imported =
          spec.type === 'ImportSpecifier'
            ? (stringValue(spec.imported) ?? (spec.imported.type === 'Identifier' ? spec.imported.name : ''))
            : spec.type === 'ImportDefaultSpecifier'
              ? 'default'
              : '*';
        const typeOnly =
          statement.importKind === 'type' || (spec.type === 'ImportSpecifier' && spec.importKind === 'type');
        found.names.push({ local: spec.local, module, imported, typeOnly, statement, specifier: spec });
      }
    } else if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        const init = d.init ? unwrap(d.init as Node) : undefined;
        const module = init ? requireSpecifier(init) : undefined;
        if (!module) continue;
        if (module.startsWith('.')) {
          if (d.id.type === 'ObjectPattern') {
            for (const p of d.id.properties)
              if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.value.type === 'Identifier')
                found.relative.set(p.value.name, { module, imported: p.key.name });
          } else if (d.id.type === 'Identifier') found.relative.set(d.id.name, { module, imported: 'default' });
          continue;
        }
        if (!WATCHED(module)) continue;
        if (INFERENCE.test(module)) {
          if (found.inference.length === 0) {
            const arg = (init as { arguments: Node[] }).arguments[0] as Node;
            found.quote = text[arg.start ?? 0] === "'" ? "'" : '"';
          }
          found.inference.push(statement);
          found.commonjs = true;
        }
        if (d.id.type === 'Identifier') {
          found.names.push({ local: d.id, module, imported: '*', typeOnly: false, statement, specifier: d });
        } else if (d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties) {
            if (p.type !== 'ObjectProperty' || p.value.type !== 'Identifier') continue;
            const imported = p.key.type === 'Identifier' ? p.key.name : (stringValue(p.key as Node) ?? '');
            found.names.push({ local: p.value, module, imported, typeOnly: false, statement, specifier: p as Node });
          }
        }
      }
    }
  }
  return found;
}
