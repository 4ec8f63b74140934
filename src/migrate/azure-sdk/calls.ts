// Each chat call of the retired SDK, `client.path("/chat/completions").post({ body })`, becomes
// `client.chat.completions.create({ model, ...body })`; what reads its answer follows: `response.body` is the completion,
// `isUnexpected(response)` and status checks go (the SDK throws), a streamed body read with createSseStream becomes the
// SDK's stream of chunks. Anything else that reads a response blocks the file.
import { type Node, stringValue, unwrap } from '../parse.js';
import { patternIdentifiers } from '../scope.js';
import { keyName, parentOf, property, source, walkAll } from './ast.js';
import type { Clients } from './clients.js';
import type { Context, Reference } from './context.js';
import type { Plan } from './edits.js';
import { CORE_SSE, INFERENCE } from './recognise.js';

const CHAT = /^\/?chat\/completions$/;
const OTHER_ROUTES: Record<string, string> = {
  embeddings: 'the guide moves it to client.embeddings.create({ model: <deployment>, input })',
  'images/embeddings': 'image embeddings have no OpenAI v1 equivalent: keep this call on a supported API or remove it',
  info: 'model info has no OpenAI v1 equivalent: read the deployment from the Azure portal or `az` instead',
};

interface Moved {
  call: Node;
  stream: boolean;
  binding?: Node;
  root: string;
}

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

/** Follows each answer to where it is read, planning the edits or blocking the file. */
function followResponses(ctx: Context, plan: Plan, moved: Moved[]): void {
  const responses = new Map<Node, Moved>();
  for (const m of moved) if (m.binding) responses.set(m.binding, m);
  const problems: Array<{ node: Node; detail: string }> = [];
  const names = (module: RegExp | string, imported: string) =>
    new Set(
      ctx.imports.names
        .filter(
          (n) => (typeof module === 'string' ? n.module === module : module.test(n.module)) && n.imported === imported,
        )
        .map((n) => n.local),
    );
  const isUnexpected = names(INFERENCE, 'isUnexpected');
  const createSse = names(CORE_SSE, 'createSseStream');
  const removeIf = (test: Node, ancestors: readonly Node[]): boolean => {
    const { parent, child } = parentOf(test, ancestors);
    if (parent?.type !== 'IfStatement' || parent.test !== child || parent.alternate) return false;
    plan.removals.push(parent);
    return true;
  };
  const queue: Array<{ binding: Node; kind: 'json' | 'stream' | 'source' | 'events' | 'chunk'; response: string }> = [];
  for (const [binding, m] of responses)
    queue.push({
      binding,
      kind: m.stream ? 'stream' : 'json',
      response: m.root && binding.type === 'Identifier' ? binding.name : '',
    });
  const visited = new Set<Node>();
  while (queue.length > 0) {
    const { binding, kind, response } = queue.shift() as (typeof queue)[number];
    if (visited.has(binding)) continue;
    visited.add(binding);
    for (const ref of ctx.refsOf(binding)) {
      const up = ref.ancestors;
      const { parent, child } = parentOf(ref.node, up);
      const at = (n: Node) => up.slice(0, up.indexOf(n));
      // isUnexpected(response) / response.status !== "200" / !stream as the whole test of an if without else.
      if (
        parent?.type === 'CallExpression' &&
        parent.callee.type === 'Identifier' &&
        isUnexpected.has(resolved(ctx, parent.callee) as Node)
      ) {
        if (removeIf(parent, at(parent))) {
          plan.consumed.add(parent.callee.start ?? 0);
          ctx.report(parent, 'AZM209');
          continue;
        }
        problems.push({
          node: parent,
          detail: 'isUnexpected(...) used other than as `if (isUnexpected(r)) ...` without else',
        });
        continue;
      }
      if (parent?.type === 'MemberExpression' && !parent.computed && parent.property.type === 'Identifier') {
        const member = parent.property.name;
        const upMember = at(parent);
        if (member === 'status') {
          const cmp = parentOf(parent, upMember).parent;
          if (
            cmp?.type === 'BinaryExpression' &&
            /^!==?$/.test(cmp.operator) &&
            /^["']?200["']?$/.test(source(ctx.text, cmp.right as Node)) &&
            removeIf(cmp, upMember.slice(0, upMember.indexOf(cmp)))
          ) {
            ctx.report(cmp, 'AZM209');
            continue;
          }
        }
        if (member === 'body' && kind === 'json') {
          plan.edits.push({ start: child.end ?? 0, end: parent.end ?? 0, text: '' });
          continue;
        }
        if (member === 'body' && kind === 'stream') {
          const holder = parentOf(parent, upMember);
          if (holder.parent?.type === 'VariableDeclarator' && holder.parent.id.type === 'Identifier') {
            const declaration = upMember[upMember.indexOf(holder.parent) - 1];
            if (declaration?.type === 'VariableDeclaration' && declaration.declarations.length === 1) {
              plan.removals.push(declaration);
              queue.push({ binding: holder.parent.id, kind: 'source', response });
              continue;
            }
          }
          if (sseCall(ctx, holder, createSse, plan, response, queue, upMember)) continue;
        }
        if (member === 'data' && kind === 'chunk') {
          const outer = parentOf(parent, upMember);
          const parse = outer.parent;
          if (
            parse?.type === 'BinaryExpression' &&
            /^===?$/.test(parse.operator) &&
            stringValue(parse.right as Node) === '[DONE]'
          ) {
            const cond = parentOf(parse, upMember.slice(0, upMember.indexOf(parse)));
            if (
              cond.parent?.type === 'IfStatement' &&
              !cond.parent.alternate &&
              /^(?:Break|Continue|Return)Statement$/.test(unwrapBlock(cond.parent.consequent as Node).type)
            ) {
              plan.removals.push(cond.parent);
              continue;
            }
          }
          if (
            parse?.type === 'CallExpression' &&
            source(ctx.text, parse.callee as Node) === 'JSON.parse' &&
            parse.arguments.length === 1
          ) {
            plan.edits.push({ start: parse.start ?? 0, end: parse.end ?? 0, text: source(ctx.text, ref.node) });
            continue;
          }
        }
      }
      if (kind === 'source') {
        if (parent?.type === 'UnaryExpression' && parent.operator === '!' && removeIf(parent, at(parent))) continue;
        if (sseCall(ctx, { parent, child }, createSse, plan, response, queue, up)) continue;
      }
      if (kind === 'events' && parent?.type === 'ForOfStatement' && parent.right === child) {
        forOf(parent, queue, response);
        continue;
      }
      // A response passed to a helper of this file: the helper's parameter is a response too.
      if (
        kind === 'json' &&
        parent?.type === 'CallExpression' &&
        parent.callee !== child &&
        parent.callee.type === 'Identifier'
      ) {
        const param = helperParam(ctx, parent, child, responses);
        if (param) {
          queue.push({ binding: param, kind: 'json', response });
          continue;
        }
      }
      problems.push({ node: ref.node, detail: `\`${source(ctx.text, parent ?? ref.node).slice(0, 80)}\`` });
    }
  }
  const removed = plan.removals.map((n) => [n.start ?? 0, n.end ?? 0]);
  for (const p of problems) {
    if (removed.some(([s, e]) => (s as number) <= (p.node.start ?? 0) && (p.node.end ?? 0) <= (e as number))) continue;
    ctx.report(p.node, 'AZM207', p.detail);
  }
}

function unwrapBlock(node: Node): Node {
  return node.type === 'BlockStatement' && node.body.length === 1 ? (node.body[0] as Node) : node;
}

function resolved(ctx: Context, id: Node): Node | undefined {
  return ctx.refs.find((r) => r.node === id)?.binding;
}

type Queue = Array<{ binding: Node; kind: 'json' | 'stream' | 'source' | 'events' | 'chunk'; response: string }>;

/** createSseStream(x): replaced by the SDK stream itself; its events are the chunks, already parsed. */
function sseCall(
  ctx: Context,
  at: { parent?: Node; child: Node },
  createSse: Set<Node>,
  plan: Plan,
  response: string,
  queue: Queue,
  ancestors: readonly Node[],
): boolean {
  const call = at.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== at.child || call.callee.type !== 'Identifier')
    return false;
  if (!createSse.has(resolved(ctx, call.callee) as Node)) return false;
  plan.edits.push({ start: call.start ?? 0, end: call.end ?? 0, text: response });
  plan.consumed.add(call.callee.start ?? 0);
  const up = ancestors.slice(0, ancestors.indexOf(call));
  const holder = parentOf(call, up);
  if (holder.parent?.type === 'ForOfStatement' && holder.parent.right === holder.child)
    forOf(holder.parent, queue, response);
  else if (holder.parent?.type === 'VariableDeclarator' && holder.parent.id.type === 'Identifier')
    queue.push({ binding: holder.parent.id, kind: 'events', response });
  else return false;
  return true;
}

function forOf(loop: Node, queue: Queue, response: string): void {
  if (loop.type !== 'ForOfStatement' || loop.left.type !== 'VariableDeclaration') return;
  const id = patternIdentifiers(loop.left.declarations[0]?.id as Node)[0];
  if (id) queue.push({ binding: id, kind: 'chunk', response });
}

/** The parameter of a helper of this file that receives an answer, when every call of it passes one. */
function helperParam(ctx: Context, call: Node, arg: Node, responses: Map<Node, unknown>): Node | undefined {
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier') return undefined;
  const index = call.arguments.indexOf(arg as never);
  const fnBinding = resolved(ctx, call.callee);
  if (!fnBinding || index < 0) return undefined;
  let fn: Node | undefined;
  const program = ctx.program;
  if (program.type !== 'Program') return undefined;
  for (const s of program.body) {
    const d = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
    if (d?.type === 'FunctionDeclaration' && d.id === fnBinding) fn = d;
    if (d?.type === 'VariableDeclaration') {
      for (const v of d.declarations) {
        const init = v.init ? unwrap(v.init as Node) : undefined;
        if (v.id === fnBinding && (init?.type === 'ArrowFunctionExpression' || init?.type === 'FunctionExpression'))
          fn = init;
      }
    }
  }
  if (!fn || !('params' in fn)) return undefined;
  const param = (fn.params as Node[])[index];
  const id = param ? patternIdentifiers(param)[0] : undefined;
  if (!id || param?.type !== 'Identifier') return undefined;
  // Every call passes an answer of a moved call.
  for (const r of ctx.refsOf(fnBinding)) {
    const { parent, child } = parentOf(r.node, r.ancestors);
    if (parent?.type !== 'CallExpression' || parent.callee !== child) return undefined;
    const passed = parent.arguments[index] as Node | undefined;
    if (passed?.type !== 'Identifier' || !responses.has(resolved(ctx, passed) as Node)) return undefined;
  }
  return id;
}

export type { Reference };
