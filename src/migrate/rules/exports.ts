// Which clients a module exports, by export name, so modules that import them are checked as OpenAI clients too:
// `export const`, `export { x as y }`, `export default x`, `module.exports = { x }`, `exports.x = ...`.

import { memberChain, type Node, propertyName, unwrap } from '../parse.js';
import type { ClientKind } from './clients.js';

export function exportedClients(program: Node, byName: Map<string, ClientKind>): Map<string, ClientKind> {
  const out = new Map<string, ClientKind>();
  const add = (exported: string, local: string) => {
    const kind = byName.get(local);
    if (kind) out.set(exported, kind);
  };
  for (const [name, kind] of byName) {
    if (name === 'default' || name === 'module.exports') out.set('default', kind);
    const cjs = /^(?:module\.)?exports\.(\w+)$/.exec(name);
    if (cjs?.[1]) out.set(cjs[1], kind);
  }
  if (program.type !== 'Program') return out;
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration?.type === 'VariableDeclaration') {
        for (const d of statement.declaration.declarations) if (d.id.type === 'Identifier') add(d.id.name, d.id.name);
      }
      if (!statement.source) {
        for (const spec of statement.specifiers) {
          if (spec.type !== 'ExportSpecifier') continue;
          const exported = spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
          add(exported, spec.local.name);
        }
      }
    } else if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'Identifier') {
      add('default', statement.declaration.name);
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const left = memberChain(statement.expression.left as Node).join('.');
      const right = unwrap(statement.expression.right as Node);
      if (left === 'module.exports' && right.type === 'Identifier') add('default', right.name);
      if (left === 'module.exports' && right.type === 'ObjectExpression') {
        for (const p of right.properties) {
          if (p.type === 'ObjectProperty' && p.value.type === 'Identifier')
            add(propertyName(p as Node) ?? '', p.value.name);
        }
      }
      const named = /^(?:module\.)?exports\.(\w+)$/.exec(left);
      if (named?.[1] && right.type === 'Identifier') add(named[1], right.name);
    }
  }
  return out;
}
