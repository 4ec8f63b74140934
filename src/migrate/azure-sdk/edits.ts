// The planned changes of one file, applied at the end and only when nothing blocked: replaced ranges, and
// statements removed whole (their own lines, with the comments just above that speak of them).
import type MagicString from 'magic-string';
import type { Node } from '../parse.js';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Plan {
  edits: Edit[];
  /** Statements to remove. */
  removals: Node[];
  /** The file needs `OpenAI` as a value (a client is built here). */
  openaiValue: boolean;
  /** Qualified OpenAI type names used by mapped types. */
  openaiTypes: Set<string>;
  /** The file needs the `ClientOptions` type. */
  clientOptions: boolean;
  /** The file needs getBearerTokenProvider from @azure/identity. */
  identity: boolean;
  /** References (by start offset) that the plan replaces or removes: an import whose names are all consumed goes. */
  consumed: Set<number>;
}

/** A plan with nothing in it yet. */
export function emptyPlan(): Plan {
  return {
    edits: [],
    removals: [],
    openaiValue: false,
    openaiTypes: new Set(),
    clientOptions: false,
    identity: false,
    consumed: new Set(),
  };
}

/** The range a removed statement takes: its whole lines (and leading comments) when nothing else is on them. */
function removalRange(text: string, node: Node): [number, number] {
  let start = node.start ?? 0;
  const comments = node.leadingComments ?? [];
  const first = comments[0];
  if (first && (first.start ?? start) < start) {
    const between = text.slice(first.end ?? start, start);
    if (/^\s*$/.test(between)) start = first.start ?? start;
  }
  let end = node.end ?? 0;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const lineEnd = text.indexOf('\n', end);
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*\r?$/.test(after)) {
    start = lineStart;
    end = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  return [start, end];
}

export function applyEdits(edits: MagicString, text: string, plan: Plan): void {
  const removed = plan.removals.map((n) => removalRange(text, n)).sort((a, b) => a[0] - b[0]);
  const inside = (s: number, e: number) => removed.some(([rs, re]) => rs <= s && e <= re);
  const done: Array<[number, number]> = [];
  for (const [s, e] of removed) {
    if (done.some(([ds, de]) => ds <= s && e <= de)) continue;
    edits.remove(s, e);
    done.push([s, e]);
  }
  // Outer edits first; an edit inside one already made (or inside a removal) is part of it.
  const sorted = [...plan.edits].sort((a, b) => a.start - b.start || b.end - a.end);
  const made: Edit[] = [];
  for (const edit of sorted) {
    if (inside(edit.start, edit.end)) continue;
    const within = (m: Edit) =>
      edit.start === edit.end ? m.start < edit.start && edit.end < m.end : m.start <= edit.start && edit.end <= m.end;
    if (made.some((m) => m.end > m.start && within(m))) continue;
    if (edit.start === edit.end) edits.appendLeft(edit.start, edit.text);
    else edits.overwrite(edit.start, edit.end, edit.text);
    made.push(edit);
  }
}
