// A unified diff of two texts (Myers' algorithm over lines, three lines of context), as `git diff` prints it. Whatever
// differs shows: a name with a line break or a control character is quoted as git quotes it, and a carriage return is
// left out of the lines only when every line of both texts ends with one.
import { escapeCharacter, hasControlCharacters } from '../../shared/text.js';

/** A path as git's diff headers show it: bare, or in double quotes with C escapes when it holds anything odd. */
export function quotePath(path: string): string {
  if (!/["\\\t\n\r]/.test(path) && !hasControlCharacters(path)) return path;
  const named: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
  return `"${[...path].map((c) => named[c] ?? (hasControlCharacters(c) ? escapeCharacter(c) : c)).join('')}"`;
}

export function unifiedDiff(path: string, before: string, after: string): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  const context = 3;
  const crlf = [...a, ...b].every((line) => !line.newline || line.text.endsWith('\r'));
  let i = 0;
  while (i < ops.length) {
    if (ops[i]?.kind === ' ') {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && i - start < context && ops[start - 1]?.kind === ' ') start--;
    let end = i;
    // Extend while changes are within 2 * context lines of each other.
    for (;;) {
      while (end < ops.length && ops[end]?.kind !== ' ') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]?.kind === ' ') gap++;
      if (gap < ops.length && gap - end <= context * 2) end = gap;
      else {
        end = Math.min(end + context, ops.length);
        break;
      }
    }
    const slice = ops.slice(start, end);
    const first = slice[0];
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldStart = (first?.a ?? 0) + (oldCount ? 1 : 0);
    const newStart = (first?.b ?? 0) + (newCount ? 1 : 0);
    hunks.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) {
      hunks.push(`${op.kind}${crlf ? op.text.replace(/\r$/, '') : op.text}`);
      if (!op.newline) hunks.push('\\ No newline at end of file');
    }
    i = end;
  }
  if (hunks.length === 0) return '';
  const oldName = before === '' ? '/dev/null' : quotePath(`a/${path}`);
  return [`--- ${oldName}`, `+++ ${quotePath(`b/${path}`)}`, ...hunks, ''].join('\n');
}

interface Line {
  text: string;
  newline: boolean;
}
interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  newline: boolean;
  /** Index in the old and new line lists where the op sits. */
  a: number;
  b: number;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines = parts.map((line) => ({ text: line, newline: true }));
  if (last !== '') lines.push({ text: last, newline: false });
  return lines;
}

/** Myers' O(ND) shortest edit script. */
function diffLines(a: Line[], b: Line[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  const same = (x: number, y: number) => a[x]?.text === b[y]?.text && a[x]?.newline === b[y]?.newline;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[max + k - 1] ?? 0) < (v[max + k + 1] ?? 0))
          ? (v[max + k + 1] ?? 0)
          : (v[max + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && same(x, y)) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const prevK = k === -d || (k !== d && (vd[max + k - 1] ?? 0) < (vd[max + k + 1] ?? 0)) ? k + 1 : k - 1;
    const prevX = vd[max + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', ...(a[x] as Line), a: x, b: y });
    }
    if (d === 0) break;
    if (x === prevX) {
      y--;
      ops.push({ kind: '+', ...(b[y] as Line), a: x, b: y });
    } else {
      x--;
      ops.push({ kind: '-', ...(a[x] as Line), a: x, b: y });
    }
  }
  return ops.reverse();
}
