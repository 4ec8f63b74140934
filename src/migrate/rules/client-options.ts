// The options object of a moved client: its baseURL and apiKey replaced, `organization` and `project` removed, in the
// file's own layout (indentation and trailing commas) when the object is written anew.
import type { FileContext } from '../findings.js';
import { type Node, propertyName } from '../parse.js';
import type { Replacement } from '../replacement.js';

export function rewriteOptions(
  ctx: FileContext,
  node: Node,
  arg: Node | undefined,
  byName: Map<string | undefined, Node>,
  replacement: Replacement,
): void {
  const { edits, text } = ctx;
  const values = { baseURL: replacement.baseURL, apiKey: replacement.apiKey };
  const props = arg?.type === 'ObjectExpression' ? (arg.properties as Node[]) : [];
  const removed = props.filter((p) => ['organization', 'project'].includes(propertyName(p) ?? ''));
  const kept = props.filter((p) => !removed.includes(p));
  const first = props[0];
  const multiline =
    arg !== undefined && first !== undefined && text.slice(arg.start ?? 0, first.start ?? 0).includes('\n');
  // A new or one-line options object is laid out over several lines, in the file's indentation and comma style.
  if (!multiline && !hasComments(arg)) {
    const entries = [
      ...(['baseURL', 'apiKey'] as const)
        .filter((key) => byName.get(key)?.type !== 'ObjectProperty')
        .map((key) => `${key}: ${values[key]}`),
      ...kept.map((p) => {
        const key = propertyName(p);
        return key === 'baseURL' || key === 'apiKey' ? `${key}: ${values[key]}` : text.slice(p.start ?? 0, p.end ?? 0);
      }),
    ];
    const style = layoutOf(text);
    const lineStart = text.lastIndexOf('\n', (node.start ?? 0) - 1) + 1;
    const base = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const inner = `${base}${style.unit}`;
    const object = `{${ctx.eol}${entries.map((e) => `${inner}${e}`).join(`,${ctx.eol}`)}${style.trailingComma ? ',' : ''}${ctx.eol}${base}}`;
    if (arg) {
      edits.overwrite(arg.start ?? 0, arg.end ?? 0, object);
      return;
    }
    const open = text.indexOf('(', (node as { callee: Node }).callee.end ?? 0);
    if (open === -1 || open >= (node.end ?? 0)) edits.appendLeft(node.end ?? 0, `(${object})`);
    else edits.appendLeft(open + 1, object);
    return;
  }
  if (arg?.type !== 'ObjectExpression') return;
  const indent = first ? (/[ \t]*$/.exec(text.slice(0, first.start ?? 0))?.[0] ?? '') : '';
  const sep = multiline ? `,${ctx.eol}${indent}` : ', ';
  const missing: string[] = [];
  for (const key of ['baseURL', 'apiKey'] as const) {
    const prop = byName.get(key);
    if (prop?.type !== 'ObjectProperty') missing.push(`${key}: ${values[key]}`);
    else if (prop.shorthand) edits.overwrite(prop.start ?? 0, prop.end ?? 0, `${key}: ${values[key]}`);
    else edits.overwrite(prop.value.start ?? 0, prop.value.end ?? 0, values[key]);
  }
  const firstKept = kept[0];
  if (!first) {
    edits.overwrite(arg.start ?? 0, arg.end ?? 0, `{ ${missing.join(', ')} }`);
    return;
  }
  if (!firstKept) {
    edits.overwrite(first.start ?? 0, props[props.length - 1]?.end ?? 0, missing.join(sep));
    return;
  }
  if (missing.length > 0) edits.appendLeft(firstKept.start ?? 0, `${missing.join(sep)}${sep}`);
  for (const prop of removed) {
    const i = props.indexOf(prop);
    const next = props[i + 1];
    const previous = props[i - 1];
    if (next) edits.remove(prop.start ?? 0, next.start ?? 0);
    else if (previous) edits.remove(previous.end ?? 0, prop.end ?? 0);
  }
}

/** Comments inside an options object: such an object keeps its layout and is edited in place. */
function hasComments(arg: Node | undefined): boolean {
  if (!arg) return false;
  if (arg.innerComments?.length) return true;
  return (
    arg.type === 'ObjectExpression' &&
    arg.properties.some((p) => p.leadingComments?.length || p.trailingComments?.length)
  );
}

export interface Layout {
  /** One level of indentation: two or four spaces, or a tab. */
  unit: string;
  /** Whether multi-line objects and arrays end with a comma. */
  trailingComma: boolean;
}

/** The file's indentation unit and trailing-comma habit, read from its lines (2 spaces and commas when unclear). */
export function layoutOf(text: string): Layout {
  let tabs = 0;
  let two = 0;
  let four = 0;
  for (const match of text.matchAll(/^([ \t]+)(?=[^\s*])/gm)) {
    const lead = match[1] ?? '';
    if (lead.startsWith('\t')) tabs++;
    else if (lead.length % 4 === 0) four++;
    else if (lead.length % 2 === 0) two++;
  }
  const unit = tabs > two + four ? '\t' : four > 0 && two * 5 < four ? '    ' : '  ';
  const withComma = text.match(/,[ \t]*\r?\n[ \t]*[}\]]/g)?.length ?? 0;
  const without = text.match(/[\w'"`)\]][ \t]*\r?\n[ \t]*[}\]]/g)?.length ?? 0;
  return { unit, trailingComma: withComma >= without };
}
