// Parsing with @babel/parser (positions are string offsets, which magic-string edits), a generic walk, and small
// readers of AST shapes the other modules share.
import { type ParserPlugin, parse } from '@babel/parser';
import type { Node } from '@babel/types';

export type { Node };

/** Parses a JS/TS file by its extension; throws babel's SyntaxError when it does not parse. */
export function parseFile(path: string, text: string): Node {
  const ts = /\.[mc]?tsx?$/.test(path);
  const plugins: ParserPlugin[] = ts ? ['typescript', 'decorators-legacy'] : ['jsx'];
  if (/\.tsx$/.test(path)) plugins.push('jsx');
  const sourceType = /\.m[jt]s$/.test(path) ? 'module' : /\.c[jt]s$/.test(path) ? 'script' : 'unambiguous';
  return parse(text, {
    sourceType,
    plugins,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    errorRecovery: false,
  }) as unknown as Node;
}

// Not children: never visited.
const NOT_CHILDREN = ['loc', 'start', 'end', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'type'];
// Without types, type-only subtrees are not visited either (no call, constructor or key read can sit in a type): a
// parameter's `client: OpenAI` is read from the Identifier itself.
const SKIP = new Set([
  ...NOT_CHILDREN,
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'superTypeParameters',
  'implements',
]);
const SKIP_WITH_TYPES = new Set(NOT_CHILDREN);
const TYPE_ONLY = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction']);

/**
 * Calls visit for every node, outermost first, with its ancestors (the nearest last): outside types, or with
 * `types: true` in them too (where a rewrite must also change type references).
 */
export function walk(
  root: Node,
  visit: (node: Node, ancestors: readonly Node[]) => void,
  { types = false }: { types?: boolean } = {},
): void {
  const skip = types ? SKIP_WITH_TYPES : SKIP;
  const ancestors: Node[] = [];
  const go = (node: Node): void => {
    visit(node, ancestors);
    if (!types && TYPE_ONLY.has(node.type)) return;
    ancestors.push(node);
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
      if (skip.has(key)) continue;
      const value = record[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) go(item);
      } else if (isNode(value)) go(value);
    }
    ancestors.pop();
  };
  go(root);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** A string literal's value, or a template literal's when it has no expressions. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Strips TS-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (
      current.type === 'TSAsExpression' ||
      current.type === 'TSNonNullExpression' ||
      current.type === 'TSTypeAssertion' ||
      current.type === 'TSSatisfiesExpression' ||
      current.type === 'ParenthesizedExpression'
    ) {
      current = current.expression;
    } else return current;
  }
}

/** An object property's static key name. */
export function propertyName(node: Node): string | undefined {
  if (node.type !== 'ObjectProperty' && node.type !== 'ObjectMethod') return undefined;
  if (node.computed) return stringValue(node.key);
  if (node.key.type === 'Identifier') return node.key.name;
  return stringValue(node.key);
}

/**
 * A member chain as names: `this.client.chat.completions.create` gives ['this', 'client', 'chat', 'completions',
 * 'create']; computed string keys count, anything else ends the chain as '?'.
 */
export function memberChain(node: Node): string[] {
  const parts: string[] = [];
  let current = unwrap(node);
  while (current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression') {
    const key = current.computed ? stringValue(current.property) : nameOf(current.property);
    parts.unshift(key ?? '?');
    current = unwrap(current.object);
  }
  if (current.type === 'Identifier') parts.unshift(current.name);
  else if (current.type === 'ThisExpression') parts.unshift('this');
  else parts.unshift('?');
  return parts;
}

function nameOf(node: Node): string | undefined {
  return node.type === 'Identifier' ? node.name : node.type === 'PrivateName' ? `#${node.id.name}` : undefined;
}

/** Whether node is `require('<spec>')` with a string argument; returns the specifier. */
export function requireSpecifier(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'CallExpression' || inner.callee.type !== 'Identifier' || inner.callee.name !== 'require') {
    return undefined;
  }
  return stringValue(inner.arguments[0] as Node | undefined);
}
