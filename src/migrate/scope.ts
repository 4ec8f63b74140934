// Which declaration a name refers to at a place in the code: the nearest enclosing function, block, class, loop or
// catch clause that declares it (a parameter, a local variable, function or class), or the module's top level.
// Imports and top-level constants are followed only where no closer declaration shadows them.
import type { Node } from './parse.js';

/** The node whose scope declares name, seen from a place with these ancestors; undefined for the module level. */
export function bindingScope(name: string, ancestors: readonly Node[]): Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const scope = ancestors[i];
    if (scope && declares(scope, name)) return scope;
  }
  return undefined;
}

function declares(scope: Node, name: string): boolean {
  switch (scope.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'ObjectMethod':
      if (scope.params.some((p) => patternNames(p as Node).includes(name))) return true;
      return scope.type === 'FunctionExpression' && scope.id?.name === name;
    case 'BlockStatement':
    case 'StaticBlock':
      return scope.body.some((s) => statementDeclares(s as Node, name));
    case 'SwitchStatement':
      return scope.cases.some((c) => c.consequent.some((s) => statementDeclares(s as Node, name)));
    case 'ForStatement':
      return scope.init?.type === 'VariableDeclaration' && statementDeclares(scope.init as Node, name);
    case 'ForInStatement':
    case 'ForOfStatement':
      return scope.left.type === 'VariableDeclaration' && statementDeclares(scope.left as Node, name);
    case 'CatchClause':
      return scope.param ? patternNames(scope.param as Node).includes(name) : false;
    case 'ClassDeclaration':
    case 'ClassExpression':
      return scope.id?.name === name;
    default:
      return false;
  }
}

function statementDeclares(statement: Node, name: string): boolean {
  switch (statement.type) {
    case 'VariableDeclaration':
      return statement.declarations.some((d) => patternNames(d.id as Node).includes(name));
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return statement.id?.name === name;
    default:
      return false;
  }
}

/** The names a parameter or declaration pattern binds. */
export function patternNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'AssignmentPattern':
      return patternNames(pattern.left as Node);
    case 'RestElement':
      return patternNames(pattern.argument as Node);
    case 'TSParameterProperty':
      return patternNames(pattern.parameter as Node);
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? patternNames(e as Node) : []));
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) =>
        p.type === 'ObjectProperty' ? patternNames(p.value as Node) : patternNames(p as Node),
      );
    default:
      return [];
  }
}

/** The identifiers a parameter or declaration pattern binds: the nodes whose names patternNames gives. */
export function patternIdentifiers(pattern: Node | null | undefined): Node[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'AssignmentPattern':
      return patternIdentifiers(pattern.left as Node);
    case 'RestElement':
      return patternIdentifiers(pattern.argument as Node);
    case 'TSParameterProperty':
      return patternIdentifiers(pattern.parameter as Node);
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => patternIdentifiers(e as Node | null));
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) =>
        p.type === 'ObjectProperty' ? patternIdentifiers(p.value as Node) : patternIdentifiers(p as Node),
      );
    default:
      return [];
  }
}

/**
 * The identifier that declares name, seen from a place with these ancestors: in the scope bindingScope finds, else
 * among the module's imports and top-level declarations; undefined for a global.
 */
export function declaringIdentifier(name: string, ancestors: readonly Node[]): Node | undefined {
  const scope = bindingScope(name, ancestors) ?? ancestors.find((a) => a.type === 'Program');
  if (!scope) return undefined;
  return scopeIdentifiers(scope).find((id) => id.type === 'Identifier' && id.name === name);
}

/** The identifiers a scope-making node declares directly (the module's include its value imports and exports). */
function scopeIdentifiers(scope: Node): Node[] {
  switch (scope.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return (scope.body as Node[]).flatMap(statementIdentifiers);
    case 'SwitchStatement':
      return scope.cases.flatMap((c) => (c.consequent as Node[]).flatMap(statementIdentifiers));
    case 'ForStatement':
      return scope.init?.type === 'VariableDeclaration' ? statementIdentifiers(scope.init as Node) : [];
    case 'ForInStatement':
    case 'ForOfStatement':
      return scope.left.type === 'VariableDeclaration' ? statementIdentifiers(scope.left as Node) : [];
    case 'CatchClause':
      return patternIdentifiers(scope.param as Node | null);
    case 'ClassDeclaration':
    case 'ClassExpression':
      return scope.id ? [scope.id as Node] : [];
    default:
      if (!('params' in scope) || !Array.isArray(scope.params)) return [];
      return [
        ...(scope.params as Node[]).flatMap((p) => patternIdentifiers(p)),
        ...(scope.type === 'FunctionExpression' && scope.id ? [scope.id as Node] : []),
      ];
  }
}

function statementIdentifiers(statement: Node): Node[] {
  if (statement.type === 'ExportDefaultDeclaration') {
    const d = statement.declaration;
    return (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id ? [d.id as Node] : [];
  }
  const inner = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
  switch (inner?.type) {
    case 'VariableDeclaration':
      return inner.declarations.flatMap((d) => patternIdentifiers(d.id as Node));
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return inner.id ? [inner.id as Node] : [];
    case 'ImportDeclaration':
      return inner.importKind === 'type' ? [] : inner.specifiers.map((s) => s.local as Node);
    default:
      return [];
  }
}

/** Whether an Identifier with this parent is a reference to a value (not a key, a property name, a label or a type). */
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
  const wrapper = ['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression'].includes(parent.type);
  if (parent.type.startsWith('TS') && !wrapper) return false;
  return !['ImportSpecifier', 'ImportDefaultSpecifier', 'ExportSpecifier'].includes(parent.type);
}
