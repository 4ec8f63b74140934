// Each chat call of the retired SDK, `client.path("/chat/completions").post({ body })`, becomes
// `client.chat.completions.create({ model, ...body })`; what reads its answer follows (responses.ts).
import { type Node, stringValue, unwrap } from '../parse.js';
import { above, answer, type ChatCall } from './answer.js';
import { keyName, parentOf, property, quoted, source, walkAll } from './ast.js';
import type { Clients } from './clients.js';
import type { Context, Reference } from './context.js';
import type { Plan } from './edits.js';
import { followResponses, type Moved } from './responses.js';

const CHAT = /^\/?chat\/completions$/;
const OTHER_ROUTES: Record<string, string> = {
  embeddings: 'the guide moves it to client.embeddings.create({ model: <deployment>, input })',
  'images/embeddings': 'image embeddings have no OpenAI v1 equivalent: keep this call on a supported API or remove it',
  info: 'model info has no OpenAI v1 equivalent: read the deployment from the Azure portal or `az` instead',
};

export function planCalls(ctx: Context, plan: Plan, clients: Clients): number {
  const moved: Moved[] = [];
  for (const ref of ctx.refs) {
    const item = moveCall(ctx, plan, clients, ref);
    if (item) moved.push(item);
  }
  followResponses(ctx, plan, moved);
  if (moved.length > 0) narrowToolCalls(ctx, plan);
  return moved.length;
}

/** `X.path(route)`, its call node and the route when it is a string literal. */
interface RouteCall {
  call: Node;
  route?: string;
}

/** Plans the move of the chat call made on a reference, when it is `.path(...)` on a client; reports what cannot. */
function moveCall(ctx: Context, plan: Plan, clients: Clients, ref: Reference): Moved | undefined {
  const path = routeCall(ref);
  if (!path) return undefined;
  const { call, route } = path;
  if (ref.binding === undefined || !clients.bindings.has(ref.binding)) {
    untraced(ctx, ref, route);
    return undefined;
  }
  if (route === undefined) {
    ctx.report(call, 'AZM208', 'a route that is not a string literal');
    return undefined;
  }
  if (!CHAT.test(route)) {
    ctx.report(call, 'AZM205', OTHER_ROUTES[route.replace(/^\//, '')] ?? `route ${route}`);
    return undefined;
  }
  const chat = chatCall(ref, call);
  if (!chat) {
    ctx.report(call, 'AZM208', 'the chat route is used without .post(...)');
    return undefined;
  }
  const { whole, stream } = chat;
  const args = requestArgs(ctx, chat.post, stream, clients);
  if (args === undefined) return undefined;
  const root = source(ctx.text, ref.node);
  plan.edits.push({ start: whole.start ?? 0, end: whole.end ?? 0, text: `${root}.chat.completions.create(${args})` });
  ctx.report(call, 'AZM201');
  if (stream) ctx.report(whole, 'AZM215');
  const item: Moved = { call: whole, stream, root };
  const held = answer(ctx, plan, ref, chat);
  if (held) item.answer = held;
  return item;
}

/** The `.path(...)` call made on a reference, if it is one. */
function routeCall(ref: Reference): RouteCall | undefined {
  const { parent: member } = parentOf(ref.node, ref.ancestors);
  if (member?.type !== 'MemberExpression' || member.computed || member.property.type !== 'Identifier') return undefined;
  if (member.property.name !== 'path') return undefined;
  const call = above(ref, member).parent;
  if (call?.type !== 'CallExpression' || call.callee !== member) return undefined;
  return { call, route: stringValue(call.arguments[0] as Node | undefined) };
}

/** A known route called on something that is no client traced here: it may be one from another module. */
function untraced(ctx: Context, ref: Reference, route: string | undefined): void {
  if (route === undefined || !(CHAT.test(route) || route.replace(/^\//, '') in OTHER_ROUTES)) return;
  // A client (or its type) from another module is known once that module has been read: check again then.
  if (fromOtherModule(ctx, ref)) ctx.importsClients = true;
  if (ctx.imports.inference.length > 0)
    ctx.report(
      ref.node,
      'AZM208',
      `${ref.node.type === 'Identifier' ? ref.node.name : 'this'} is not a client this tool can trace to its ModelClient`,
    );
}

/** `.post(...)` on the route, and `.asNodeStream()` (or `.asBrowserStream()`) on that when it is streamed. */
function chatCall(ref: Reference, pathCall: Node): ChatCall | undefined {
  const postMember = above(ref, pathCall).parent;
  const post = postMember ? above(ref, postMember).parent : undefined;
  if (
    postMember?.type !== 'MemberExpression' ||
    postMember.property.type !== 'Identifier' ||
    postMember.property.name !== 'post' ||
    post?.type !== 'CallExpression'
  )
    return undefined;
  const streamMember = above(ref, post).parent;
  if (
    streamMember?.type === 'MemberExpression' &&
    streamMember.property.type === 'Identifier' &&
    /^as(?:Node|Browser)Stream$/.test(streamMember.property.name)
  ) {
    const streamCall = above(ref, streamMember).parent;
    if (streamCall?.type === 'CallExpression') return { whole: streamCall, post, stream: true };
  }
  return { whole: post, post, stream: false };
}

/**
 * `message.tool_calls` read from a completion: the OpenAI SDK types it as function or custom tool calls, while the
 * retired SDK sent only function tools (so only function calls come back): the read keeps the function calls, and
 * `call.function` type-checks as before.
 */
function narrowToolCalls(ctx: Context, plan: Plan): void {
  walkAll(ctx.program, (node, ancestors) => {
    if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return;
    if (node.computed || node.property.type !== 'Identifier' || node.property.name !== 'tool_calls') return;
    if (!/\bmessage$/.test(source(ctx.text, node.object as Node))) return;
    const parent = ancestors[ancestors.length - 1];
    if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
    plan.edits.push({
      start: node.end ?? 0,
      end: node.end ?? 0,
      text: `?.filter((call) => call.type === ${ctx.imports.quote}function${ctx.imports.quote})`,
    });
    ctx.report(node, 'AZM216');
  });
}

/** Whether a call's root is imported from a relative module, or typed with a type imported from one. */
function fromOtherModule(ctx: Context, ref: Reference): boolean {
  const name = ref.node.type === 'Identifier' ? ref.node.name : '';
  if (ctx.imports.relative.has(name)) return true;
  const annotation = (ref.binding as { typeAnnotation?: Node } | undefined)?.typeAnnotation;
  const typeNames = annotation ? (source(ctx.text, annotation).match(/[A-Za-z_$][\w$]*/g) ?? []) : [];
  return typeNames.some((t) => ctx.imports.relative.has(t));
}

/** The argument text of create(...) from post({ body, ... }), or undefined (reported) when it cannot move. */
function requestArgs(ctx: Context, post: Node, stream: boolean, clients: Clients): string | undefined {
  const quote = (s: string) => quoted(s, ctx.imports.quote);
  if (post.type !== 'CallExpression') return undefined;
  const { text } = ctx;
  const request = post.arguments[0] ? unwrap(post.arguments[0] as Node) : undefined;
  if (request?.type !== 'ObjectExpression') {
    ctx.report(post, 'AZM208', 'the request is not an object literal');
    return undefined;
  }
  let body: Node | undefined;
  const second: string[] = [];
  for (const p of request.properties as Node[]) {
    const key = keyName(p);
    const value = p.type === 'ObjectProperty' ? unwrap(p.value as Node) : undefined;
    if (key === 'body' && value) body = value;
    else if (key === 'headers' && /extra-parameters/i.test(source(text, p))) {
      ctx.report(p, 'AZM204', 'the guide: pass such parameters as typed fields of the request, or drop them');
    } else if (
      key === 'queryParameters' &&
      value?.type === 'ObjectExpression' &&
      value.properties.every((x) => keyName(x as Node) === 'api-version')
    ) {
      ctx.report(p, 'AZM210');
    } else if (key === 'abortSignal' && value) second.push(`signal: ${source(text, value)}`);
    else if (key === 'timeout' && value) second.push(`timeout: ${source(text, value)}`);
    else ctx.report(p, 'AZM206', `request option \`${key ?? '...'}\``);
  }
  if (!body) {
    ctx.report(post, 'AZM208', 'a request without a body');
    return undefined;
  }
  let model = '';
  const hasModel = body.type === 'ObjectExpression' && property(body, 'model') !== undefined;
  if (!hasModel) {
    const deployment = ctx.options.deployments.default ?? clients.deployment;
    if (deployment) model = quote(deployment);
    else {
      model = `process.env.AZURE_OPENAI_CHAT_DEPLOYMENT ?? ${quote('<your-deployment-name>')}`;
      ctx.report(post, 'AZM202', 'the v1 API takes the deployment as `model` in each request');
    }
  }
  let arg: string;
  if (body.type === 'ObjectExpression') {
    if (property(body, 'model_extras')) {
      ctx.report(
        property(body, 'model_extras') as Node,
        'AZM204',
        'the guide: pass such parameters as typed fields, or drop them',
      );
      return undefined;
    }
    const streamProp = property(body, 'stream');
    const streamValue = streamProp?.type === 'ObjectProperty' ? unwrap(streamProp.value as Node) : undefined;
    if (stream && !(streamValue?.type === 'BooleanLiteral' && streamValue.value)) {
      ctx.report(body, 'AZM207', 'a streamed call whose body does not say stream: true');
      return undefined;
    }
    const first = body.properties[0] as Node | undefined;
    if (!model) arg = source(text, body);
    else if (!first) arg = `{ model: ${model} }`;
    else {
      const lead = text.slice(body.start ?? 0, first.start ?? 0);
      const sep = lead.includes('\n') ? `,${lead.slice(lead.lastIndexOf('\n') === -1 ? 0 : lead.indexOf('\n'))}` : ', ';
      arg = `${text.slice(body.start ?? 0, first.start ?? 0)}model: ${model}${sep}${text.slice(first.start ?? 0, body.end ?? 0)}`;
    }
  } else {
    arg = `{ ${model ? `model: ${model}, ` : ''}...${source(text, body)}, stream: ${stream} }`;
  }
  return second.length > 0 ? `${arg}, { ${second.join(', ')} }` : arg;
}
