// Whether an api.openai.com URL in the code is where a request goes (a fetch, a WebSocket, a URL built for one), and
// not a default a caller can override (`?? "https://api.openai.com/v1"`, `DEFAULT_BASE_URL = ...`) or what a test
// asserts: only the first is moved by hand to Azure.
import { memberChain, type Node, propertyName } from '../parse.js';

/** Names of variables and properties that hold a default or a configurable base, not a request. */
const DEFAULT_NAME = /^(?:default|fallback)|^(?:api_?)?base(?:_?(?:url|path))?$|^api_?url$/i;
/** Calls whose arguments are what a test expects, not a request. */
const ASSERTION = /^(?:expect|assert|it|test|describe|should)$/;

export function isRequestUrl(node: Node, ancestors: readonly Node[]): boolean {
  let child = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i];
    if (!parent) break;
    switch (parent.type) {
      case 'TemplateLiteral':
      case 'TemplateElement':
      case 'BinaryExpression':
      case 'TSAsExpression':
      case 'ParenthesizedExpression':
        child = parent;
        continue;
      case 'LogicalExpression':
        if (parent.right === child && (parent.operator === '??' || parent.operator === '||')) return false;
        child = parent;
        continue;
      case 'AssignmentPattern':
        return parent.left === child;
      case 'ObjectProperty':
        return !(parent.value === child && DEFAULT_NAME.test(propertyName(parent as Node) ?? ''));
      case 'ClassProperty':
        return !(parent.key.type === 'Identifier' && DEFAULT_NAME.test(parent.key.name));
      case 'VariableDeclarator':
        return !(parent.id.type === 'Identifier' && DEFAULT_NAME.test(parent.id.name));
      case 'CallExpression':
      case 'OptionalCallExpression':
        return !ancestors.slice(0, i + 1).some(isAssertion);
      default:
        return !ancestors.slice(0, i + 1).some(isAssertion);
    }
  }
  return true;
}

function isAssertion(node: Node): boolean {
  if (node.type !== 'CallExpression') return false;
  const root = memberChain(node.callee as Node)[0] ?? '';
  return ASSERTION.test(root);
}
