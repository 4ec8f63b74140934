// A walk over every node, types included (the shared walk skips them), with each node's ancestors; and the small
// readers of shapes the other modules of this folder share.
import { type Node, stringValue, walk } from '../parse.js';

/** Every node, types included: a move off the retired SDK also changes its type references. */
export function walkAll(root: Node, visit: (node: Node, ancestors: readonly Node[]) => void): void {
  walk(root, visit, { types: true });
}

const WRAPPERS = new Set([
  'TSAsExpression',
  'TSNonNullExpression',
  'TSSatisfiesExpression',
  'ParenthesizedExpression',
  'TSTypeAssertion',
]);

/** The parent that is not a TS wrapper or parentheses, and the child seen from it. */
export function parentOf(node: Node, ancestors: readonly Node[]): { parent?: Node; child: Node; depth: number } {
  let child = node;
  let i = ancestors.length - 1;
  for (; i >= 0; i--) {
    const parent = ancestors[i] as Node;
    if (WRAPPERS.has(parent.type)) {
      child = parent;
      continue;
    }
    return { parent, child, depth: i };
  }
  return { child, depth: -1 };
}

/** An object literal's property by static name. */
export function property(object: Node, name: string): Node | undefined {
  if (object.type !== 'ObjectExpression') return undefined;
  return object.properties.find((p) => keyName(p as Node) === name) as Node | undefined;
}

/** The static name of an object literal's property (or method), if it has one. */
export function keyName(p: Node): string | undefined {
  if (p.type !== 'ObjectProperty' && p.type !== 'ObjectMethod') return undefined;
  return p.computed
    ? stringValue(p.key as Node)
    : p.key.type === 'Identifier'
      ? p.key.name
      : stringValue(p.key as Node);
}

/**
 * The range of `.name` (or `?.name`) in a member read `object.name`, with the space before its dot (parentheses around the object
 * stay); undefined when a comment stands between them.
 */
export function memberHop(text: string, member: Node): [number, number] | undefined {
  if ((member.type !== 'MemberExpression' && member.type !== 'OptionalMemberExpression') || member.computed)
    return undefined;
  const objectEnd = member.object.end ?? 0;
  const between = text.slice(objectEnd, member.property.start ?? 0);
  const dot = /^[\s)]*?(\s*\??\.\s*)$/.exec(between);
  return dot ? [objectEnd + between.length - (dot[1] as string).length, member.end ?? 0] : undefined;
}

export function source(text: string, node: Node): string {
  return text.slice(node.start ?? 0, node.end ?? 0);
}

/** A string literal of `s` in the file's quote. */
export function quoted(s: string, quote: '"' | "'"): string {
  return quote === '"' ? JSON.stringify(s) : `'${s.replace(/[\\']/g, '\\$&')}'`;
}

/** The file's line ending, as its code is written: CRLF when it has any. */
export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
