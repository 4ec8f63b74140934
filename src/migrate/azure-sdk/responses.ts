// What reads the answer of a moved chat call follows it: `response.body` is the completion, `isUnexpected(response)` and
// status checks go (the SDK throws), a streamed body read with createSseStream becomes the SDK's stream of chunks.
// Anything else that reads a response blocks the file.
import { type Node, stringValue, unwrap } from '../parse.js';
import { patternIdentifiers } from '../scope.js';
import type { Answer } from './answer.js';
import { memberHop, parentOf, source } from './ast.js';
import type { Context, Reference } from './context.js';
import type { Plan } from './edits.js';
import { CORE_SSE, INFERENCE } from './recognise.js';

export interface Moved {
  call: Node;
  stream: boolean;
  /** The binding that holds the answer, when it is read further. */
  answer?: Answer;
  root: string;
}

/** Follows each answer to where it is read, planning the edits or blocking the file. */
export function followResponses(ctx: Context, plan: Plan, moved: Moved[]): void {
  const responses = new Map<Node, Moved>();
  for (const m of moved) if (m.answer && m.answer.kind !== 'source') responses.set(m.answer.binding, m);
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
  const queue: Queue = [];
  for (const m of moved) if (m.answer) queue.push({ ...m.answer });
  const visited = new Set<Node>();
  const f: Follow = { ctx, plan, queue, responses, problems, isUnexpected, createSse, removeIf };
  while (queue.length > 0) {
    const { binding, kind, response } = queue.shift() as Queue[number];
    if (visited.has(binding)) continue;
    visited.add(binding);
    for (const ref of ctx.refsOf(binding)) {
      if (followRead(f, ref, kind, response)) continue;
      const { parent } = parentOf(ref.node, ref.ancestors);
      problems.push({ node: ref.node, detail: `\`${source(ctx.text, parent ?? ref.node).slice(0, 80)}\`` });
    }
  }
  const removed = plan.removals.map((n) => [n.start ?? 0, n.end ?? 0]);
  for (const p of problems) {
    if (removed.some(([s, e]) => (s as number) <= (p.node.start ?? 0) && (p.node.end ?? 0) <= (e as number))) continue;
    ctx.report(p.node, 'AZM207', p.detail);
  }
}

type Kind = 'json' | 'stream' | 'source' | 'events' | 'chunk';

interface Follow {
  ctx: Context;
  plan: Plan;
  queue: Queue;
  responses: Map<Node, Moved>;
  problems: Array<{ node: Node; detail: string }>;
  isUnexpected: Set<Node>;
  createSse: Set<Node>;
  removeIf: (test: Node, ancestors: readonly Node[]) => boolean;
}

/** Plans the edits for one read of an answer; false when this read cannot move. */
function followRead(f: Follow, ref: Reference, kind: Kind, response: string): boolean {
  const { ctx, plan, queue, responses, problems, isUnexpected, createSse, removeIf } = f;
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
      return true;
    }
    problems.push({
      node: parent,
      detail: 'isUnexpected(...) used other than as `if (isUnexpected(r)) ...` without else',
    });
    return true;
  }
  if (followMember(f, ref, kind, response)) return true;
  if (kind === 'source') {
    if (parent?.type === 'UnaryExpression' && parent.operator === '!' && removeIf(parent, at(parent))) return true;
    if (sseCall(ctx, { parent, child }, createSse, plan, response, queue, up)) return true;
  }
  if (kind === 'events' && parent?.type === 'ForOfStatement' && parent.right === child) {
    forOf(parent, queue, response);
    return true;
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
      return true;
    }
  }
  return false;
}

/** A read of a member of an answer: its status check, its body, or a chunk's data. */
function followMember(f: Follow, ref: Reference, kind: Kind, response: string): boolean {
  const { ctx, plan, queue, createSse, removeIf } = f;
  const { parent } = parentOf(ref.node, ref.ancestors);
  if (parent?.type !== 'MemberExpression' || parent.computed || parent.property.type !== 'Identifier') return false;
  const at = (n: Node) => ref.ancestors.slice(0, ref.ancestors.indexOf(n));
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
      return true;
    }
  }
  if (member === 'body' && kind === 'json') {
    const hop = memberHop(ctx.text, parent);
    if (hop) plan.edits.push({ start: hop[0], end: hop[1], text: '' });
    return hop !== undefined;
  }
  if (member === 'body' && kind === 'stream') {
    const holder = parentOf(parent, upMember);
    if (holder.parent?.type === 'VariableDeclarator' && holder.parent.id.type === 'Identifier') {
      const declaration = upMember[upMember.indexOf(holder.parent) - 1];
      if (declaration?.type === 'VariableDeclaration' && declaration.declarations.length === 1) {
        plan.removals.push(declaration);
        queue.push({ binding: holder.parent.id, kind: 'source', response });
        return true;
      }
    }
    if (sseCall(ctx, holder, createSse, plan, response, queue, upMember)) return true;
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
        return true;
      }
    }
    if (
      parse?.type === 'CallExpression' &&
      source(ctx.text, parse.callee as Node) === 'JSON.parse' &&
      parse.arguments.length === 1
    ) {
      plan.edits.push({ start: parse.start ?? 0, end: parse.end ?? 0, text: source(ctx.text, ref.node) });
      return true;
    }
  }
  return false;
}

function unwrapBlock(node: Node): Node {
  return node.type === 'BlockStatement' && node.body.length === 1 ? (node.body[0] as Node) : node;
}

function resolved(ctx: Context, id: Node): Node | undefined {
  return ctx.refs.find((r) => r.node === id)?.binding;
}

type Queue = Array<{ binding: Node; kind: Kind; response: string }>;

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
