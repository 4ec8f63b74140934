// Findings and inline TODO comments for one file: each finding points at the original text; a TODO goes on its own
// line above the statement, once per place and code, and never again when the line above already carries it. TODOs
// are written only into a file whose code this run rewrites: any other file stays byte for byte, and its findings
// come back in every run's report.
import MagicString from 'magic-string';
import { CATALOGUE, type Code } from './catalogue.js';
import type { Node } from './parse.js';
import type { Finding, Level } from './types.js';

export const TODO_TAG = 'TODO(azure-migrate)';

/** What the analysers of one file share: its text, the edits, and what they found. */
export interface FileContext {
  readonly path: string;
  readonly text: string;
  readonly edits: MagicString;
  readonly findings: Finding[];
  /** Line-start offsets already given a TODO of a code, as `${offset}:${code}`. */
  readonly todos: Set<string>;
  readonly eol: string;
  /** Nodes already reported under a code, as `${start}:${code}`, so two analysers never report a place twice. */
  readonly seen: Set<string>;
  /** TODO comments to write when the file is rewritten (see applyTodos). */
  readonly pendingTodos: Array<{ node: Node; ancestors: readonly Node[]; code: Code; message: string }>;
}

/** A fresh context for one file: no edit, no finding yet. */
export function fileContext(path: string, text: string): FileContext {
  return {
    path,
    text,
    edits: new MagicString(text),
    findings: [],
    todos: new Set(),
    eol: lineEnding(text),
    seen: new Set(),
    pendingTodos: [],
  };
}

/** Records a finding at node; with ancestors, also an inline TODO above the enclosing statement. */
export function report(
  ctx: FileContext,
  node: Node,
  level: Level,
  code: Code,
  message: string,
  ancestors?: readonly Node[],
): void {
  const key = `${node.start}:${code}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  const loc = node.loc?.start;
  ctx.findings.push({ line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, level, code, message });
  if (ancestors) ctx.pendingTodos.push({ node, ancestors: ancestors.slice(), code, message });
}

/** Writes the TODO comments of the findings that asked for one: called only when the file is rewritten anyway. */
export function applyTodos(ctx: FileContext): void {
  for (const { node, ancestors, code, message } of ctx.pendingTodos) addTodo(ctx, node, ancestors, code, message);
}

function addTodo(ctx: FileContext, node: Node, ancestors: readonly Node[], code: string, message: string): void {
  const statement = enclosingStatement(node, ancestors);
  todoAt(ctx, ctx.text.lastIndexOf('\n', (statement.start ?? 0) - 1) + 1, code, message);
}

/** A TODO comment on its own line above the line that starts at lineStart, once per line and code. */
export function todoAt(
  ctx: Pick<FileContext, 'text' | 'edits' | 'todos' | 'eol'>,
  lineStart: number,
  code: string,
  message: string,
): void {
  const key = `${lineStart}:${code}`;
  if (ctx.todos.has(key) || hasTodoAbove(ctx.text, lineStart, code)) return;
  ctx.todos.add(key);
  const indent = /^[ \t]*/.exec(ctx.text.slice(lineStart))?.[0] ?? '';
  const oneLine = message.replace(/\s+/g, ' ');
  ctx.edits.appendLeft(lineStart, `${indent}// ${TODO_TAG}: ${code} ${oneLine}${ctx.eol}`);
}

/** The nearest statement that sits directly in a block or the program, where a line comment can go above it. */
function enclosingStatement(node: Node, ancestors: readonly Node[]): Node {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i];
    const child = ancestors[i + 1] ?? node;
    if (parent && (parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'SwitchCase')) {
      if (child.type !== 'BlockStatement' && child !== parent) return child;
    }
  }
  return node;
}

/** Whether a comment line among those just above lineStart is a TODO of this code. */
function hasTodoAbove(text: string, lineStart: number, code: string): boolean {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (!line.startsWith('//')) return false;
    if (line.startsWith(`// ${TODO_TAG}: ${code} `)) return true;
    end = start - 1;
  }
  return false;
}

/** The line break the file uses most: CRLF files get CRLF in inserted lines. */
export function lineEnding(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** A finding about a file that could not be read or written: the catalogue's title, an optional detail, and what to do. */
export function fileProblem(code: 'AZM092' | 'AZM093' | 'AZM094' | 'AZM095' | 'AZM096', detail?: string): Finding {
  const entry = CATALOGUE[code];
  const what = detail ? `${entry.title} (${detail})` : entry.title;
  return { line: 1, column: 1, level: entry.levels[0], code, message: `${what}: ${entry.todo}` };
}
