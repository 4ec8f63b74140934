// The deployment a client was built for, as text every call can carry in its model: a literal, an environment read,
// or a module-level constant (whose name each call must still see unshadowed).
import { memberChain, type Node, stringValue, unwrap } from '../parse.js';
import { bindingScope } from '../scope.js';
import { type Context, type Deployment, quoted, source } from './context.js';

export type { Deployment } from './context.js';

/** The deployment an expression names, or undefined (with a finding) when it cannot be carried to the calls. */
export function deploymentOf(ctx: Context, node: Node, ancestors: readonly Node[]): Deployment | undefined {
  const inner = unwrap(node);
  const literal = stringValue(inner);
  if (literal !== undefined) return { text: quoted(ctx, literal), value: literal, names: [] };
  if (isEnvRead(inner) || isEnvDefault(inner)) {
    const text = source(ctx, node);
    // A model is a string: an environment read that may be undefined is asserted, as the client option was optional.
    return { text: ctx.typed && !isEnvDefault(inner) && node === inner ? `${text}!` : text, names: [] };
  }
  if (inner.type === 'Identifier' && isModuleName(ctx, inner.name, ancestors)) {
    const init = ctx.constants.get(inner.name) as Node;
    const maybeUndefined = isEnvRead(init) && ctx.typed;
    return { text: maybeUndefined ? `${inner.name}!` : inner.name, names: [inner.name] };
  }
  // A setting read from a module-level object: `config.deployment`, `env.AZURE_OPENAI_DEPLOYMENT`.
  const chain = inner.type === 'MemberExpression' ? memberChain(inner) : [];
  const root = chain[0];
  if (root && chain.length > 1 && !chain.includes('?') && root !== 'this' && isModuleName(ctx, root, ancestors))
    return { text: source(ctx, node), names: [root] };
  ctx.report(
    node,
    'AZM235',
    `the deployment ${oneLine(source(ctx, node))} is not a literal, an environment read or a module constant`,
  );
  return undefined;
}

/** A const or an import of the module, not shadowed where the client is built. */
function isModuleName(ctx: Context, name: string, ancestors: readonly Node[]): boolean {
  return bindingScope(name, ancestors) === undefined && ctx.constants.has(name);
}

function isEnvRead(node: Node): boolean {
  const inner = unwrap(node);
  const chain = inner.type === 'MemberExpression' ? memberChain(inner) : [];
  return chain.length === 3 && chain[0] === 'process' && chain[1] === 'env' && chain[2] !== '?';
}

/** `process.env.X ?? 'name'` (or `||`). */
function isEnvDefault(node: Node): boolean {
  return (
    node.type === 'LogicalExpression' &&
    node.operator !== '&&' &&
    isEnvRead(node.left as Node) &&
    stringValue(unwrap(node.right as Node)) !== undefined
  );
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
