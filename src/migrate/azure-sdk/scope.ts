// Which declaration a name really refers to, by the scopes of the syntax tree (blocks, functions, catch clauses,
// loops, the module): a parameter or an inner declaration shadows an outer one of the same name.
import type { Node } from '../parse.js';

/** The identifiers a binding pattern declares: `a`, `{ a, b: c }`, `[a, ...b]`, `a = 1`, `private a`. */
export function patternNames(pattern: Node | null | undefined): Node[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'AssignmentPattern':
      return patternNames(pattern.left as Node);
    case 'RestElement':
      return patternNames(pattern.argument as Node);
    case 'TSParameterProperty':
      return patternNames(pattern.parameter as Node);
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) =>
        p.type === 'RestElement' ? patternNames(p as Node) : patternNames(p.value as Node),
      );
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => patternNames(e as Node | null));
    default:
      return [];
  }
}

/** The value names a statement declares in the block that holds it. */
function statementNames(statement: Node): Node[] {
  const inner = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
  if (!inner) return [];
  if (statement.type === 'ExportDefaultDeclaration') {
    const d = statement.declaration;
    return (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id ? [d.id] : [];
  }
  switch (inner.type) {
    case 'VariableDeclaration':
      return inner.declarations.flatMap((d) => patternNames(d.id as Node));
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return inner.id ? [inner.id] : [];
    case 'ImportDeclaration':
      return inner.importKind === 'type' ? [] : inner.specifiers.map((s) => s.local);
    default:
      return [];
  }
}

function isFunction(node: Node): boolean {
  return /Function|Method/.test(node.type) && 'params' in node;
}

/** The names a scope-making node declares directly. */
function declaredIn(scope: Node): Node[] {
  if (scope.type === 'Program' || scope.type === 'BlockStatement' || scope.type === 'StaticBlock') {
    return (scope.body as Node[]).flatMap(statementNames);
  }
  if (isFunction(scope)) {
    const fn = scope as Node & { params: Node[]; id?: Node | null };
    const own = scope.type === 'FunctionExpression' && fn.id ? [fn.id] : [];
    return [...fn.params.flatMap(patternNames), ...own];
  }
  if (scope.type === 'CatchClause') return patternNames(scope.param as Node | null);
  if (scope.type === 'ForStatement' && scope.init?.type === 'VariableDeclaration') return statementNames(scope.init);
  if ((scope.type === 'ForOfStatement' || scope.type === 'ForInStatement') && scope.left.type === 'VariableDeclaration')
    return statementNames(scope.left);
  return [];
}

/** The identifier that declares `name` as seen from a node with these ancestors (nearest last), if any. */
export function resolve(name: string, ancestors: readonly Node[]): Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const scope = ancestors[i] as Node;
    const found = declaredIn(scope).find((id) => id.type === 'Identifier' && id.name === name);
    if (found) return found;
  }
  return undefined;
}

/** Whether an Identifier with this parent is a reference to a value (not a key, a property name or a label). */
export function isReference(node: Node, parent: Node | undefined): boolean {
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node)
    return parent.computed;
  if (
    (parent.type === 'ObjectProperty' ||
      parent.type === 'ClassProperty' ||
      parent.type === 'ObjectMethod' ||
      parent.type === 'ClassMethod') &&
    parent.key === node
  )
    return parent.type === 'ObjectProperty' && parent.shorthand;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement')
    return false;
  if (
    parent.type.startsWith('TS') &&
    parent.type !== 'TSAsExpression' &&
    parent.type !== 'TSNonNullExpression' &&
    parent.type !== 'TSSatisfiesExpression'
  )
    return false;
  if (
    parent.type === 'ImportSpecifier' ||
    parent.type === 'ImportDefaultSpecifier' ||
    parent.type === 'ExportSpecifier'
  )
    return false;
  return true;
}
