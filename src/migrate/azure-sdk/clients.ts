// The clients of the retired SDK: each `ModelClient(endpoint, credential, options)` is rewritten (construction.ts).
// Also finds, by scope, every name that holds such a client: variables, typed parameters, factories, and clients
// imported from other modules.

import { memberChain, type Node, unwrap } from '../parse.js';
import { patternIdentifiers } from '../scope.js';
import { keyName, parentOf, source } from './ast.js';
import { construction } from './construction.js';
import type { Context } from './context.js';
import type { Plan } from './edits.js';
import { INFERENCE } from './recognise.js';

export interface Clients {
  constructions: number;
  /** Declarations (identifiers) whose value is a client. */
  bindings: Set<Node>;
  /** Declarations of functions that return a client. */
  factories: Set<Node>;
  /** Local type names that mean the client. */
  types: Set<string>;
  /** Static deployment names from the endpoints of this file's clients. */
  deployment?: string;
}

export function planClients(ctx: Context, plan: Plan): Clients {
  const out: Clients = { constructions: 0, bindings: new Set(), factories: new Set(), types: new Set() };
  const { text, imports } = ctx;
  const factoryImports = imports.names.filter(
    (n) => INFERENCE.test(n.module) && n.imported === 'default' && !n.typeOnly,
  );
  for (const type of imports.names.filter(
    (n) => INFERENCE.test(n.module) && n.imported === 'ModelClient' && n.typeOnly,
  )) {
    if (type.local.type === 'Identifier') out.types.add(type.local.name);
  }
  for (const factory of factoryImports) {
    for (const ref of ctx.refsOf(factory.local)) {
      const { parent, child } = parentOf(ref.node, ref.ancestors);
      if (!parent || (parent.type !== 'CallExpression' && parent.type !== 'NewExpression') || parent.callee !== child) {
        ctx.report(ref.node, 'AZM208', 'the client factory is passed on or wrapped here');
        continue;
      }
      out.constructions++;
      const built = construction(ctx, plan, parent);
      if (!built) {
        // Left as it is: its calls are still followed, so that they are not reported as untraceable.
        ctx.blocked = true;
        holder(ctx, parent, ref.ancestors.slice(0, ref.ancestors.indexOf(parent)), out);
        continue;
      }
      plan.consumed.add(ref.node.start ?? 0);
      if (built.deployment) out.deployment = built.deployment;
      holder(ctx, parent, ref.ancestors.slice(0, ref.ancestors.indexOf(parent)), out);
    }
  }
  // Type aliases of the client: `type Client = ReturnType<typeof ModelClient>` or `= ModelClient`.
  const program = ctx.program;
  if (program.type === 'Program') {
    for (const statement of program.body) {
      const d = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (d?.type !== 'TSTypeAliasDeclaration') continue;
      const t = source(text, d.typeAnnotation as Node).replace(/\s+/g, '');
      const names = factoryImports.map((f) => (f.local.type === 'Identifier' ? f.local.name : ''));
      if (names.some((n) => t === `ReturnType<typeof${n}>`) || out.types.has(t)) out.types.add(d.id.name);
    }
  }
  for (const [local, { module, imported }] of imports.relative) {
    if (ctx.imported(module, imported) === 'azure') out.types.add(local);
  }
  // Variables and parameters typed as the client, or holding a factory's result, or imported clients.
  for (const ref of ctx.refs) {
    const binding = ref.binding;
    if (!binding || out.bindings.has(binding)) continue;
    const annotation = (binding as { typeAnnotation?: Node }).typeAnnotation;
    const typeName =
      annotation?.type === 'TSTypeAnnotation' ? typeRefName(annotation.typeAnnotation as Node) : undefined;
    if (typeName && out.types.has(typeName)) out.bindings.add(binding);
  }
  for (const [local, { module, imported }] of imports.relative) {
    if (ctx.imported(module, imported) !== 'azure') continue;
    const spec = findImportLocal(ctx, local);
    if (spec) {
      out.bindings.add(spec);
      out.factories.add(spec);
    }
  }
  for (const ref of ctx.refs) {
    if (!ref.binding || !out.factories.has(ref.binding)) continue;
    const { parent, child } = parentOf(ref.node, ref.ancestors);
    if (parent?.type !== 'CallExpression' || parent.callee !== child) continue;
    const outer = parentOf(parent, ref.ancestors.slice(0, ref.ancestors.indexOf(parent)));
    if (outer.parent?.type === 'VariableDeclarator' && outer.parent.id.type === 'Identifier')
      out.bindings.add(outer.parent.id);
  }
  exportsOf(ctx, out);
  return out;
}

function typeRefName(type: Node): string | undefined {
  if (type.type === 'TSTypeReference' && type.typeName.type === 'Identifier') return type.typeName.name;
  return undefined;
}

function findImportLocal(ctx: Context, name: string): Node | undefined {
  const program = ctx.program;
  if (program.type !== 'Program') return undefined;
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      for (const s of statement.specifiers) if (s.local.name === name) return s.local;
    } else if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        const id = patternIdentifiers(d.id as Node).find((n) => n.type === 'Identifier' && n.name === name);
        if (id) return id;
      }
    }
  }
  return undefined;
}

/** Where a construction's value goes: a variable, or the return value of a function (a factory). */
function holder(ctx: Context, node: Node, ancestors: readonly Node[], out: Clients): void {
  const { parent } = parentOf(node, ancestors);
  if (!parent) return;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    out.bindings.add(parent.id);
    return;
  }
  if (parent.type === 'ReturnStatement' || parent.type === 'ArrowFunctionExpression') {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i] as Node;
      if (a.type === 'FunctionDeclaration' && a.id) {
        out.factories.add(a.id);
        return;
      }
      if (a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression') {
        const up = ancestors[i - 1];
        if (up?.type === 'VariableDeclarator' && up.id.type === 'Identifier') out.factories.add(up.id);
        return;
      }
    }
  }
  if (parent.type === 'AssignmentExpression' && memberChain(parent.left as Node).join('.') === 'module.exports') {
    ctx.exports.set('default', 'azure');
  }
  if (parent.type === 'ExportDefaultDeclaration') ctx.exports.set('default', 'azure');
}

function exportsOf(ctx: Context, out: Clients): void {
  const program = ctx.program;
  if (program.type !== 'Program') return;
  const known = (name: string) =>
    out.types.has(name) || [...out.bindings, ...out.factories].some((b) => b.type === 'Identifier' && b.name === name);
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const d = statement.declaration;
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations)
          if (v.id.type === 'Identifier' && known(v.id.name)) ctx.exports.set(v.id.name, 'azure');
      } else if (
        (d?.type === 'FunctionDeclaration' || d?.type === 'TSTypeAliasDeclaration') &&
        d.id &&
        known(d.id.name)
      ) {
        ctx.exports.set(d.id.name, 'azure');
      }
      for (const s of statement.specifiers) {
        if (s.type !== 'ExportSpecifier') continue;
        const exported = s.exported.type === 'Identifier' ? s.exported.name : s.exported.value;
        if (known(s.local.name)) ctx.exports.set(exported, 'azure');
      }
    } else if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type === 'Identifier') {
      if (known(statement.declaration.name)) ctx.exports.set('default', 'azure');
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const left = memberChain(statement.expression.left as Node).join('.');
      const right = unwrap(statement.expression.right as Node);
      if (left === 'module.exports' && right.type === 'Identifier' && known(right.name))
        ctx.exports.set('default', 'azure');
      const named = /^(?:module\.)?exports\.(\w+)$/.exec(left);
      if (named?.[1] && right.type === 'Identifier' && known(right.name)) ctx.exports.set(named[1], 'azure');
      if (left === 'module.exports' && right.type === 'ObjectExpression') {
        for (const p of right.properties)
          if (p.type === 'ObjectProperty' && p.value.type === 'Identifier' && known(p.value.name))
            ctx.exports.set(keyName(p as Node) ?? '', 'azure');
      }
    }
  }
}
