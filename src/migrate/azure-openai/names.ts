// `AzureOpenAI` becomes `OpenAI` where it is imported and wherever the module-level name is used (constructors,
// types, instanceof): the OpenAI name the file already imports when there is one, else the import is renamed.

import { type Node, requireSpecifier, stringValue, unwrap, walk } from '../parse.js';
import { OPENAI_MODULE } from '../rules/imports.js';
import { bindingScope } from '../scope.js';
import { type Context, removeItems } from './context.js';

interface Binding {
  /** The import specifier or pattern property that binds AzureOpenAI, and the list it sits in. */
  item: Node;
  list: readonly Node[];
  local: string;
}

export function renameAzureClass(ctx: Context, program: Node, namespaces: ReadonlySet<string>): void {
  let azure: Binding | undefined;
  let openai: string | undefined;
  for (const statement of program.type === 'Program' ? program.body : []) {
    for (const { item, list, imported, local } of bindingsOf(statement as Node)) {
      if (imported === 'AzureOpenAI') azure = { item, list, local };
      else if (imported === 'OpenAI' || imported === 'default') openai ??= local;
    }
  }
  if (azure) {
    const { item, list, local } = azure;
    if (openai) removeImported(ctx, list, item);
    else if (local === 'AzureOpenAI') ctx.edits.overwrite(item.start ?? 0, item.end ?? 0, 'OpenAI');
    else
      ctx.edits.overwrite(
        item.start ?? 0,
        item.end ?? 0,
        item.type === 'ImportSpecifier' ? `OpenAI as ${local}` : `OpenAI: ${local}`,
      );
    const to = openai ?? (local === 'AzureOpenAI' ? 'OpenAI' : local);
    if (to !== local) renameReferences(ctx, program, local, to);
  }
  // `new openai.AzureOpenAI()` through a namespace or `require('openai').AzureOpenAI`.
  walk(program, (node) => {
    if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return;
    const object = unwrap(node.object as Node);
    const ofOpenai =
      (object.type === 'Identifier' && namespaces.has(object.name)) ||
      OPENAI_MODULE.test(requireSpecifier(object) ?? '');
    if (ofOpenai && node.property.name === 'AzureOpenAI')
      ctx.edits.overwrite(node.property.start ?? 0, node.property.end ?? 0, 'OpenAI');
  });
}

/** Removes a name from an import (or a pattern); `import OpenAI, { AzureOpenAI }` loses its braces with it. */
function removeImported(ctx: Context, list: readonly Node[], item: Node): void {
  const named = list.filter((s) => s.type === 'ImportSpecifier');
  const first = list[0];
  if (named.length === 1 && named[0] === item && first?.type === 'ImportDefaultSpecifier') {
    const close = ctx.text.indexOf('}', item.end ?? 0);
    ctx.edits.remove(first.end ?? 0, close + 1);
  } else removeItems(ctx, list, [item]);
}

function bindingsOf(statement: Node): Array<{ item: Node; list: readonly Node[]; imported: string; local: string }> {
  if (statement.type === 'ImportDeclaration' && OPENAI_MODULE.test(statement.source.value)) {
    if (statement.importKind === 'type') return [];
    return statement.specifiers.flatMap((s) => {
      if (s.type === 'ImportDefaultSpecifier')
        return [{ item: s as Node, list: statement.specifiers as Node[], imported: 'default', local: s.local.name }];
      if (s.type !== 'ImportSpecifier' || s.importKind === 'type') return [];
      const imported = s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
      return [{ item: s as Node, list: statement.specifiers as Node[], imported, local: s.local.name }];
    });
  }
  if (statement.type !== 'VariableDeclaration') return [];
  return statement.declarations.flatMap((d) => {
    if (d.id.type !== 'ObjectPattern' || !d.init || !OPENAI_MODULE.test(requireSpecifier(unwrap(d.init as Node)) ?? ''))
      return [];
    const list = d.id.properties as Node[];
    return list.flatMap((p) => {
      if (p.type !== 'ObjectProperty' || p.value.type !== 'Identifier') return [];
      const imported = p.key.type === 'Identifier' ? p.key.name : stringValue(p.key as Node);
      return imported ? [{ item: p as Node, list, imported, local: p.value.name }] : [];
    });
  });
}

/** Renames the module-level name `from` where it is read (values and types), never where it is shadowed. */
function renameReferences(ctx: Context, program: Node, from: string, to: string): void {
  walk(
    program,
    (node, ancestors) => {
      if (node.type !== 'Identifier' || node.name !== from) return;
      const parent = ancestors[ancestors.length - 1];
      if (!parent || parent.type === 'ImportSpecifier' || parent.type === 'ImportDefaultSpecifier') return;
      if (
        (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
        parent.property === node &&
        !parent.computed
      )
        return;
      if (parent.type === 'TSQualifiedName' && parent.right === node) return;
      // A shorthand property's key and value are two nodes at one place: the value is renamed, never in a pattern.
      if (parent.type === 'ObjectProperty' && parent.key === node) return;
      if (parent.type === 'ObjectProperty' && ancestors[ancestors.length - 2]?.type === 'ObjectPattern') return;
      if (bindingScope(from, ancestors) !== undefined) return;
      const text = parent.type === 'ObjectProperty' && parent.shorthand ? `${from}: ${to}` : to;
      ctx.edits.overwrite(node.start ?? 0, node.end ?? 0, text);
    },
    { types: true },
  );
}
