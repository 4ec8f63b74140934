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
