// Findings and inline TODO comments for one file: each finding points at the original text; a TODO goes on its own
// line above the statement, once per place and code, and never again when the line above already carries it.
import type MagicString from 'magic-string';
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
}

/** Records a finding at node; with ancestors, also an inline TODO above the enclosing statement. */
export function report(
  ctx: FileContext,
  node: Node,
  level: Level,
  code: string,
  message: string,
  ancestors?: readonly Node[],
): void {
  const key = `${node.start}:${code}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  const loc = node.loc?.start;
  ctx.findings.push({ line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, level, code, message });
  if (ancestors) addTodo(ctx, node, ancestors, code, message);
}

function addTodo(ctx: FileContext, node: Node, ancestors: readonly Node[], code: string, message: string): void {
  const statement = enclosingStatement(node, ancestors);
  const lineStart = ctx.text.lastIndexOf('\n', (statement.start ?? 0) - 1) + 1;
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

// ---- Files and writing: what reading refused and what could not be written. Each finding is about a whole file
// (line 1, column 1). Kept apart so the catalogue of codes can take them in as they are. ----

export interface FileFindingSpec {
  readonly level: Level;
  /** One line: what happened. */
  readonly title: string;
  /** What the person does about it. */
  readonly todo: string;
}

export const FILE_FINDINGS = {
  AZM092: {
    level: 'error',
    title: 'not written',
    todo: 'Fix the cause shown (disk space, permissions), then run again; see the summary for what was written.',
  },
  AZM093: {
    level: 'warning',
    title: 'not valid UTF-8: read as text it would be corrupted, so it is not edited',
    todo: 'Convert the file to UTF-8 and run again, or migrate it by hand.',
  },
  AZM094: {
    level: 'info',
    title: 'a symbolic link: not followed and not replaced',
    todo: 'Migrate the file it points to where it lives, or edit it by hand.',
  },
  AZM095: {
    level: 'warning',
    title: 'larger than 4 MiB: not read (bundled output or data, not hand-written code)',
    todo: 'Migrate its source instead; if it is hand-written, edit it by hand.',
  },
  AZM096: {
    level: 'warning',
    title: 'not a regular file (a FIFO, socket or device): not read',
    todo: 'Nothing to migrate there unless it stands in for a real file; migrate that file instead.',
  },
} as const satisfies Record<string, FileFindingSpec>;

export type FileFindingCode = keyof typeof FILE_FINDINGS;

/** A finding about a whole file: its title, an optional detail, and what to do. */
export function fileFinding(code: FileFindingCode, detail?: string): Finding {
  const spec: FileFindingSpec = FILE_FINDINGS[code];
  const what = detail ? `${spec.title} (${detail})` : spec.title;
  return { line: 1, column: 1, level: spec.level, code, message: `${what}. ${spec.todo}` };
}
