// Every use of a moved client: a call of an API the v1 API serves gets the client's deployment as its model (a call
// that has a model keeps it); an API this tool does not move, or a client with a deployment that goes where its calls
// cannot be seen (passed on, exported, options not an object literal), leaves the file as it is.

import { type Node, propertyName, stringValue, unwrap, walk } from '../parse.js';
import { clientName } from '../rules/clients.js';
import { bindingScope, isReference } from '../scope.js';
import type { ClientPlan } from './clients.js';
import { type Context, type Deployment, prependProperties, source } from './context.js';

/** The calls that send a model: the deployment goes there. */
const MOVABLE = new Set([
  'chat.completions.create',
  'chat.completions.stream',
  'chat.completions.parse',
  'chat.completions.runTools',
  'beta.chat.completions.parse',
  'beta.chat.completions.stream',
  'beta.chat.completions.runTools',
  'completions.create',
  'embeddings.create',
  'responses.create',
  'responses.stream',
  'responses.parse',
]);
const NOT_MOVED =
  /^(?:audio|images|files|batches|fineTuning|uploads|vectorStores|containers|evals|realtime|moderations|videos|beta\.(?:assistants|threads|vectorStores|realtime|chatkit))(?:\.|$)/;

export interface ClientSite {
  node: Node;
  ancestors: readonly Node[];
  plan: ClientPlan;
}

/** Plans the calls on one client; returns the name it is exported under, if any. */
export function planUses(ctx: Context, program: Node, site: ClientSite): string | undefined {
  const name = clientName(site.ancestors);
  const declaration = site.ancestors.findLastIndex((a) => a.type === 'VariableDeclaration');
  const exported = site.ancestors[declaration - 1]?.type === 'ExportNamedDeclaration' ? name : undefined;
  const deployment = site.plan.deployment;
  // An exported client moves when each module that imports it puts its deployment in the calls (./follow.ts).
  const followed = exported !== undefined && ctx.allowed.has(exported);
  if (deployment && exported && !followed && deployment.names.length === 0) ctx.followable.set(exported, deployment);
  if (deployment && ((exported && !followed) || !name || name === 'default')) {
    ctx.report(site.node, 'AZM233', exportedWhy(exported ?? name, deployment));
    return exported;
  }
  if (!name) return exported;
  planNamedUses(ctx, program, name, site);
  return exported;
}

/** Plans every use of the client kept in `name` (a variable, or `this.<member>` of its class). */
export function planNamedUses(
  ctx: Context,
  program: Node,
  name: string,
  site: { ancestors: readonly Node[]; node?: Node; plan: ClientPlan },
): void {
  const deployment = site.plan.deployment;
  const member = name.startsWith('this.') ? name.slice(5) : undefined;
  if (name.includes('.') && !member) {
    if (deployment && site.node) ctx.report(site.node, 'AZM233', `the client is kept in ${name}`);
    return;
  }
  const declared = member ? nearest(site.ancestors, 'ClassBody') : bindingScope(name, site.ancestors);
  walk(program, (node, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (member) {
      if (node.type !== 'MemberExpression' || node.object.type !== 'ThisExpression') return;
      if (node.computed || node.property.type !== 'Identifier' || node.property.name !== member) return;
      if (nearest(ancestors, 'ClassBody') !== declared) return;
      if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
    } else {
      if (node.type !== 'Identifier' || node.name !== name) return;
      if (parent?.type === 'VariableDeclarator' && parent.id === node) return;
      if (bindingScope(name, ancestors) !== declared) return;
      if (parent?.type === 'ExportSpecifier' && deployment) {
        ctx.report(node, 'AZM233', 'the client is exported');
        return;
      }
      if (!isReference(node, parent)) return;
    }
    planUse(ctx, node, ancestors, site.plan);
  });
}

function exportedWhy(name: string | undefined, deployment: Deployment): string {
  if (!name) return 'the client is not kept in a name';
  if (name === 'default') return 'the client is exported as default';
  if (deployment.names.length > 0)
    return `the client is exported, and its deployment ${deployment.text} is a name of this module`;
  return 'the client is exported, and a module that imports it cannot take its deployment (or none in the path imports it)';
}

function nearest(ancestors: readonly Node[], type: string): Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (ancestors[i]?.type === type) return ancestors[i];
  return undefined;
}

function planUse(ctx: Context, use: Node, ancestors: readonly Node[], plan: ClientPlan): void {
  const names: string[] = [];
  let current = use;
  let i = ancestors.length - 1;
  for (; i >= 0; i--) {
    const parent = ancestors[i] as Node;
    if (
      (parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') &&
      parent.object === current
    ) {
      names.push(parent.computed ? (stringValue(parent.property as Node) ?? '?') : nameOf(parent.property as Node));
      current = parent;
    } else if (parent.type !== 'TSNonNullExpression' && parent.type !== 'ParenthesizedExpression') break;
    else current = parent;
  }
  const call = ancestors[i];
  const isCall =
    (call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') && call.callee === current;
  const family = names.join('.');
  if (isCall && NOT_MOVED.test(family)) {
    ctx.report(call, 'AZM234', `${family} is left on the deployment URL`);
    return;
  }
  if (!plan.deployment) return;
  if (!isCall || !MOVABLE.has(family)) {
    ctx.report(
      use,
      'AZM233',
      names.length === 0 ? 'the client is passed on' : `${family || 'the client'} is used here`,
    );
    return;
  }
  placeModel(ctx, call, ancestors.slice(0, i), plan);
}

function nameOf(node: Node): string {
  return node.type === 'Identifier' ? node.name : '?';
}

function placeModel(ctx: Context, call: Node, ancestors: readonly Node[], plan: ClientPlan): void {
  const deployment = plan.deployment;
  if (!deployment || (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression')) return;
  const first = call.arguments[0] ? unwrap(call.arguments[0] as Node) : undefined;
  if (first?.type !== 'ObjectExpression') {
    ctx.report(call, 'AZM233', "the call's options are not an object literal");
    return;
  }
  const model = first.properties.find((p) => propertyName(p as Node) === 'model');
  if (model?.type === 'ObjectProperty') {
    const value = unwrap(model.value as Node);
    const same =
      source(ctx, value) === deployment.text ||
      (deployment.value !== undefined && stringValue(value) === deployment.value);
    if (!same) ctx.report(model, 'AZM232', `model ${source(ctx, value)}, deployment ${deployment.text}`);
    return;
  }
  if (model) {
    ctx.report(call, 'AZM233', "the call's model is not a plain property");
    return;
  }
  const shadowed = deployment.names.find((n) => bindingScope(n, ancestors) !== undefined);
  if (shadowed) {
    ctx.report(call, 'AZM235', `${shadowed} means something else at this call`);
    return;
  }
  prependProperties(ctx, first as Node & { properties: Node[] }, [`model: ${deployment.text}`]);
  ctx.report(call, 'AZM231');
}
