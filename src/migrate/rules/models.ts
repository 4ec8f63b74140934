// Model names at calls: the literal a model value stands for, and its mapping to the deployment --deployment names for
// it (or a finding with a TODO that the name is now sent as a deployment name).
import { type FileContext, report } from '../findings.js';
import { memberChain, type Node, propertyName, stringValue, unwrap } from '../parse.js';
import { bindingScope } from '../scope.js';
import type { MigrateOptions } from '../types.js';

export type ModelOptions = Pick<MigrateOptions, 'sdk' | 'deployments'>;

/**
 * The literal a model value stands for: itself, the fallback of `process.env.X ?? "gpt-4o"`, or the top-level constant
 * it names when nothing closer declares that name.
 */
export function modelLiteral(value: Node, ancestors: readonly Node[], constants: Map<string, Node>): Node {
  let current = unwrap(value);
  if (current.type === 'Identifier' && bindingScope(current.name, ancestors) === undefined) {
    current = constants.get(current.name) ?? current;
  }
  return envFallback(current) ?? current;
}

/** The literal of `process.env.X ?? "literal"` (or `||`). */
export function envFallback(node: Node): Node | undefined {
  if (node.type !== 'LogicalExpression' || (node.operator !== '??' && node.operator !== '||')) return undefined;
  const left = memberChain(node.left as Node);
  const right = unwrap(node.right as Node);
  return left[0] === 'process' && left[1] === 'env' && stringValue(right) !== undefined ? right : undefined;
}

/** The model literal of a non-chat call: mapped only by an explicit --deployment model=name. */
export function nonChatModel(
  ctx: FileContext,
  body: Node,
  ancestors: readonly Node[],
  constants: Map<string, Node>,
  options: ModelOptions,
): string | undefined {
  if (body.type !== 'ObjectExpression') return undefined;
  const prop = body.properties.find((p) => propertyName(p as Node) === 'model');
  if (prop?.type !== 'ObjectProperty') return undefined;
  const value = modelLiteral(prop.value as Node, ancestors, constants);
  const model = stringValue(value);
  if (model === undefined) return undefined;
  const { byModel } = options.deployments;
  if (options.sdk === 'openai' && Object.hasOwn(byModel, model)) {
    mapModel(ctx, value, model, { ...options, deployments: { byModel } });
    return undefined;
  }
  return model;
}

/** A model literal: rewritten to the deployment --deployment names for it, otherwise reported (with a TODO). */
export function mapModel(
  ctx: FileContext,
  literal: Node,
  model: string,
  options: ModelOptions,
  ancestors?: readonly Node[],
): void {
  const { byModel, default: fallback } = options.deployments;
  const deployments = new Set([...Object.values(byModel), ...(fallback ? [fallback] : [])]);
  const deployment = Object.hasOwn(byModel, model) ? byModel[model] : fallback;
  if (deployments.has(model)) {
    report(ctx, literal, 'info', 'AZM010', `deployment "${model}"`);
    return;
  }
  if (deployment === undefined || options.sdk !== 'openai') {
    report(
      ctx,
      literal,
      'warning',
      'AZM010',
      `model "${model}" is now sent as a deployment name: name a deployment "${model}" or pass --deployment ${model}=<deployment>`,
      ancestors,
    );
    return;
  }
  const start = literal.start ?? 0;
  const end = literal.end ?? 0;
  // A constant used by several calls is edited once.
  if (ctx.seen.has(`${start}:AZM010`)) return;
  const quote = ctx.text[start] ?? '"';
  const escaped = deployment.replace(/[\\'"`$]/g, '\\$&');
  ctx.edits.overwrite(start, end, `${quote}${escaped}${quote}`);
  report(ctx, literal, 'info', 'AZM010', `model "${model}" replaced by the deployment "${deployment}"`);
}
