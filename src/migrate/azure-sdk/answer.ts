// Where the answer of a moved chat call goes. The retired SDK answers `{ status, body }`, the OpenAI SDK the completion
// (or the stream of chunks) itself: a `.body` read straight from the answer goes, and so does `.then((r) => r.body)`.
import type { Node } from '../parse.js';
import { keyName, memberHop, parentOf, source } from './ast.js';
import type { Context, Reference } from './context.js';
import type { Plan } from './edits.js';

/** `X.path(route).post(...)`, optionally streamed: the whole call to replace and the post() call. */
export interface ChatCall {
  whole: Node;
  post: Node;
  stream: boolean;
}

/**
 * A binding that holds the answer, read on by responses.ts: a response (`json`, or `stream` when streamed), or the body
 * of a streamed answer (`source`, the SDK's stream of chunks once moved, named `response` there).
 */
export interface Answer {
  binding: Node;
  kind: 'json' | 'stream' | 'source';
  response: string;
}

/** The parent of a node among a reference's ancestors (past TS wrappers and parentheses). */
export function above(ref: Reference, node: Node): ReturnType<typeof parentOf> {
  return parentOf(node, ref.ancestors.slice(0, ref.ancestors.indexOf(node)));
}

/** Plans the edits where the answer goes; the binding that holds it when it is read further, or a finding. */
export function answer(ctx: Context, plan: Plan, ref: Reference, { whole, stream }: ChatCall): Answer | undefined {
  const then = bodyThen(ref, whole);
  if (then && stream) ctx.report(then, 'AZM207', 'the body of a streamed answer read with .then(...)');
  else if (then) plan.edits.push({ start: whole.end ?? 0, end: then.end ?? 0, text: '' });
  if (then) return undefined;
  const awaited = above(ref, whole).parent;
  if (awaited?.type !== 'AwaitExpression') {
    const read = isThen(awaited) ? 'the answer is read in .then(...) other than as `.then((r) => r.body)`' : '';
    ctx.report(whole, 'AZM207', read || 'the answer is not awaited where it is made');
    return undefined;
  }
  const holder = above(ref, awaited);
  if (isBody(holder.parent)) {
    const hop = memberHop(ctx.text, holder.parent as Node);
    if (!hop) {
      ctx.report(holder.parent as Node, 'AZM207', 'a comment inside the `.body` read');
      return undefined;
    }
    plan.edits.push({ start: hop[0], end: hop[1], text: '' });
    return stream ? streamBody(ctx, above(ref, holder.parent as Node).parent, holder.parent as Node) : undefined;
  }
  const declarator = holder.parent;
  if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier')
    return { binding: declarator.id, kind: stream ? 'stream' : 'json', response: declarator.id.name };
  if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'ObjectPattern') {
    const value = bodyPattern(declarator.id);
    if (value && (!stream || value.type === 'Identifier')) {
      plan.edits.push({ start: declarator.id.start ?? 0, end: declarator.id.end ?? 0, text: source(ctx.text, value) });
      return stream && value.type === 'Identifier'
        ? { binding: value, kind: 'source', response: value.name }
        : undefined;
    }
  }
  if (declarator?.type === 'VariableDeclarator' && declarator.id.type === 'ObjectPattern')
    ctx.report(awaited, 'AZM207', 'the answer is destructured other than as `const { body } = await ...`');
  else if (holder.parent?.type !== 'ExpressionStatement')
    ctx.report(awaited, 'AZM207', 'the answer is used here as a whole');
  return undefined;
}

/** `<answer>.body`, read by a static name. */
function isBody(node: Node | undefined): boolean {
  return (
    (node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression') &&
    keyName({ type: 'ObjectProperty', key: node.property, computed: node.computed } as Node) === 'body'
  );
}

function isThen(node: Node | undefined): node is Node & { type: 'MemberExpression' } {
  return (
    node?.type === 'MemberExpression' &&
    !node.computed &&
    node.property.type === 'Identifier' &&
    node.property.name === 'then'
  );
}

/** `.then((r) => r.body)` on the call: the call's promise of the body, which the OpenAI SDK's call already is. */
function bodyThen(ref: Reference, whole: Node): Node | undefined {
  const member = above(ref, whole).parent;
  if (!isThen(member)) return undefined;
  const call = above(ref, member).parent;
  if (call?.type !== 'CallExpression' || call.callee !== member || call.arguments.length !== 1) return undefined;
  const fn = call.arguments[0] as Node;
  if (fn.type !== 'ArrowFunctionExpression' || fn.params.length !== 1 || fn.params[0]?.type !== 'Identifier')
    return undefined;
  const param = fn.params[0].name;
  const body = fn.body as Node;
  if (!isBody(body) || body.type !== 'MemberExpression') return undefined;
  return body.object.type === 'Identifier' && body.object.name === param ? call : undefined;
}

/**
 * `const { body } = <answer>`, `{ body: name }` or `{ body: { choices } }`: the pattern the body is bound to, when
 * that is all it takes (a default value stays with the answer).
 */
function bodyPattern(pattern: Node): Node | undefined {
  if (pattern.type !== 'ObjectPattern' || pattern.properties.length !== 1) return undefined;
  const only = pattern.properties[0] as Node;
  if (only.type !== 'ObjectProperty' || keyName(only) !== 'body') return undefined;
  return /^(?:Identifier|ObjectPattern|ArrayPattern)$/.test(only.value.type) ? (only.value as Node) : undefined;
}

/** The body of a streamed answer is the SDK's stream once moved: it must be held by a name to be read as one. */
function streamBody(ctx: Context, holder: Node | undefined, read: Node): Answer | undefined {
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier')
    return { binding: holder.id, kind: 'source', response: holder.id.name };
  ctx.report(read, 'AZM207', 'a streamed body read other than as `const stream = (await ...).body`');
  return undefined;
}
