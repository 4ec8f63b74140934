// Each chat call of the retired SDK, `client.path("/chat/completions").post({ body })`, becomes
// `client.chat.completions.create({ model, ...body })`; what reads its answer follows (responses.ts).
import { type Node, stringValue, unwrap } from '../parse.js';
import { keyName, parentOf, property, source, walkAll } from './ast.js';
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
  const { text } = ctx;
  const q = ctx.imports.quote;
  const quote = (s: string) => (q === '"' ? JSON.stringify(s) : `'${s.replace(/[\\']/g, '\\$&')}'`);
  const usesSdk = ctx.imports.inference.length > 0;
  for (const ref of ctx.refs) {
    const { parent: pathMember } = parentOf(ref.node, ref.ancestors);
    if (pathMember?.type !== 'MemberExpression' || pathMember.computed || pathMember.property.type !== 'Identifier')
      continue;
    if (pathMember.property.name !== 'path') continue;
    const upPath = ref.ancestors.slice(0, ref.ancestors.indexOf(pathMember));
    const pathCall = parentOf(pathMember, upPath).parent;
    if (pathCall?.type !== 'CallExpression' || pathCall.callee !== pathMember) continue;
    const route = stringValue(pathCall.arguments[0] as Node | undefined);
    const isClient = ref.binding !== undefined && clients.bindings.has(ref.binding);
    if (!isClient) {
      if (route !== undefined && (CHAT.test(route) || route.replace(/^\//, '') in OTHER_ROUTES)) {
        // A client (or its type) from another module is known once that module has been read: check again then.
        if (fromOtherModule(ctx, ref)) ctx.importsClients = true;
        if (usesSdk)
          ctx.report(
            ref.node,
            'AZM208',
            `${ref.node.type === 'Identifier' ? ref.node.name : 'this'} is not a client this tool can trace to its ModelClient`,
          );
      }
      continue;
    }
    if (route === undefined) {
      ctx.report(pathCall, 'AZM208', 'a route that is not a string literal');
      continue;
    }
    const other = OTHER_ROUTES[route.replace(/^\//, '')];
    if (!CHAT.test(route)) {
      ctx.report(pathCall, 'AZM205', other ?? `route ${route}`);
      continue;
    }
    const upCall = ref.ancestors.slice(0, ref.ancestors.indexOf(pathCall));
    const postMember = parentOf(pathCall, upCall).parent;
    const postCall = postMember ? parentOf(postMember, upCall.slice(0, upCall.indexOf(postMember))).parent : undefined;
    if (
      postMember?.type !== 'MemberExpression' ||
      postMember.property.type !== 'Identifier' ||
      postMember.property.name !== 'post' ||
      postCall?.type !== 'CallExpression'
    ) {
      ctx.report(pathCall, 'AZM208', 'the chat route is used without .post(...)');
      continue;
    }
    let whole: Node = postCall;
    let stream = false;
    const upPost = upCall.slice(0, upCall.indexOf(postCall));
    const streamMember = parentOf(postCall, upPost).parent;
    if (
      streamMember?.type === 'MemberExpression' &&
      streamMember.property.type === 'Identifier' &&
      /^as(?:Node|Browser)Stream$/.test(streamMember.property.name)
    ) {
      const streamCall = parentOf(streamMember, upPost.slice(0, upPost.indexOf(streamMember))).parent;
      if (streamCall?.type === 'CallExpression') {
        whole = streamCall;
        stream = true;
      }
    }
    const args = requestArgs(ctx, postCall, stream, clients, quote);
    if (args === undefined) continue;
    const rootText = source(text, ref.node);
    plan.edits.push({
      start: whole.start ?? 0,
      end: whole.end ?? 0,
      text: `${rootText}.chat.completions.create(${args})`,
    });
    ctx.report(pathCall, 'AZM201');
    if (stream) ctx.report(whole, 'AZM215');
    // The answer: `const response = await <call>`, or read at once.
    const ancestors = [...ref.ancestors, ref.node];
    const above = ancestors.slice(0, ancestors.indexOf(whole));
    const awaited = parentOf(whole, above);
    const item: Moved = { call: whole, stream, root: rootText };
    if (awaited.parent?.type === 'AwaitExpression') {
      const upAwait = above.slice(0, above.indexOf(awaited.parent));
      const holder = parentOf(awaited.parent, upAwait);
      if (holder.parent?.type === 'VariableDeclarator' && holder.parent.id.type === 'Identifier')
        item.binding = holder.parent.id;
      else if (
        holder.parent?.type === 'MemberExpression' &&
        !stream &&
        keyName({ type: 'ObjectProperty', key: holder.parent.property, computed: holder.parent.computed } as Node) ===
          'body'
      ) {
        plan.edits.push({ start: holder.child.end ?? 0, end: holder.parent.end ?? 0, text: '' });
      } else if (holder.parent?.type !== 'ExpressionStatement')
        ctx.report(awaited.parent, 'AZM207', 'the answer is used here as a whole');
    } else ctx.report(whole, 'AZM207', 'the answer is not awaited where it is made');
    moved.push(item);
  }
  followResponses(ctx, plan, moved);
  if (moved.length > 0) narrowToolCalls(ctx, plan);
  return moved.length;
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
function requestArgs(
  ctx: Context,
  post: Node,
  stream: boolean,
  clients: Clients,
  quote: (s: string) => string,
): string | undefined {
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

export type { Reference };
