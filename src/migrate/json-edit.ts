// Edits to a JSON file's text that keep everything else byte for byte: the user's indentation, spacing, line endings,
// key order and the final newline (or its absence). Only the value set, or the member added, is new text, written in
// the style of its neighbours; a one-line file stays on one line.

/** One member of an object: its key and where the member and its value are in the text. */
interface Member {
  readonly key: string;
  /** The opening quote of the key. */
  readonly start: number;
  /** Just after the key's closing quote. */
  readonly keyEnd: number;
  readonly valueStart: number;
  /** Just after the value. */
  readonly valueEnd: number;
}

/** An object in the text: its braces and its members, in order. */
export interface JsonObject {
  readonly open: number;
  readonly close: number;
  readonly members: readonly Member[];
}

/** The top-level object of `text`, or undefined when the text is not one JSON object. */
export function topObject(text: string): JsonObject | undefined {
  try {
    const start = skipSpace(text, 0);
    if (text[start] !== '{') return undefined;
    const object = readObject(text, start);
    return skipSpace(text, object.close + 1) === text.length ? object : undefined;
  } catch {
    return undefined;
  }
}

/** The object that is the value of `key` in `object` (the last one, as JSON.parse takes), if it is an object. */
export function memberObject(text: string, object: JsonObject, key: string): JsonObject | undefined {
  const member = object.members.findLast((m) => m.key === key);
  return member && text[member.valueStart] === '{' ? readObject(text, member.valueStart) : undefined;
}

/**
 * `text` with `key` set to `json` (a JSON value as text) in `object`: the value replaced where the key is (the last
 * one), or a member added where it belongs (in order when the keys are sorted, else at the end) and spaced like the
 * others.
 */
export function setMember(text: string, object: JsonObject, key: string, json: string): string {
  const existing = object.members.findLast((m) => m.key === key);
  if (existing) return text.slice(0, existing.valueStart) + json + text.slice(existing.valueEnd);
  const style = styleOf(text, object);
  const member = `${JSON.stringify(key)}${style.colon}${json}`;
  const { members } = object;
  const last = members.at(-1);
  if (!last) {
    // An empty object: on one line in a one-line file, else one member a line, one level in from the brace's line.
    if (!style.multiline) return `${text.slice(0, object.open + 1)}${member}${text.slice(object.close)}`;
    const outer = lineIndent(text, object.open);
    return `${text.slice(0, object.open + 1)}${style.eol}${outer}${style.unit}${member}${style.eol}${outer}${text.slice(object.close)}`;
  }
  const keys = members.map((m) => m.key);
  const sorted = keys.every((k, i) => i === 0 || (keys[i - 1] as string) <= k);
  const before = sorted ? members.find((m) => m.key > key) : undefined;
  if (before) return `${text.slice(0, before.start)}${member}${style.separator}${text.slice(before.start)}`;
  return `${text.slice(0, last.valueEnd)}${style.separator}${member}${text.slice(last.valueEnd)}`;
}

/**
 * A new object value `{ key: json, ... }` for a member of `parent`, written as `parent`'s members are: on one line in
 * a one-line file, else one member a line, one indent unit in from the parent's members.
 */
export function newObject(text: string, parent: JsonObject, entries: readonly (readonly [string, string])[]): string {
  const style = styleOf(text, parent);
  const members = entries.map(([key, json]) => `${JSON.stringify(key)}${style.colon}${json}`);
  if (!style.multiline) return `{${members.join(style.separator)}}`;
  const first = parent.members[0];
  const inner = first ? lineIndent(text, first.start) : style.unit;
  return `{${style.eol}${members.map((m) => `${inner}${style.unit}${m}`).join(`,${style.eol}`)}${style.eol}${inner}}`;
}

interface Style {
  /** Between a key and its value: ": " or ":". */
  readonly colon: string;
  /** Between two members: ",\n    ", ", " or ",". */
  readonly separator: string;
  readonly multiline: boolean;
  readonly eol: string;
  /** One level of indentation in the file. */
  readonly unit: string;
}

/** How `object` is written, from its own members, else from the file. */
function styleOf(text: string, object: JsonObject): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const multiline = /\n/.test(text.trim());
  const unit = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  const { members } = object;
  const first = members[0];
  const anyColon = /"([ \t]*:[ \t]*)/.exec(text)?.[1];
  const colon = first ? text.slice(first.keyEnd, first.valueStart) : (anyColon ?? (multiline ? ': ' : ':'));
  let separator: string;
  const second = members[1];
  if (first && second) separator = text.slice(first.valueEnd, second.start);
  else if (first && /\n/.test(text.slice(object.open, first.start))) {
    separator = `,${eol}${lineIndent(text, first.start)}`;
  } else if (first) separator = text.slice(object.open + 1, first.start) === '' ? ',' : ', ';
  else separator = multiline ? `,${eol}` : colon.endsWith(' ') ? ', ' : ',';
  return { colon: colon.replace(/\r?\n[ \t]*/g, ' '), separator, multiline, eol, unit };
}

/** The spaces and tabs that start the line holding `index`. */
function lineIndent(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

function readObject(text: string, open: number): JsonObject {
  const members: Member[] = [];
  let i = skipSpace(text, open + 1);
  if (text[i] === '}') return { open, close: i, members };
  for (;;) {
    if (text[i] !== '"') throw new Error(`expected a key at ${i}`);
    const start = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(start, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') throw new Error(`expected : at ${i}`);
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key, start, keyEnd, valueStart, valueEnd });
    i = skipSpace(text, valueEnd);
    if (text[i] === '}') return { open, close: i, members };
    if (text[i] !== ',') throw new Error(`expected , or } at ${i}`);
    i = skipSpace(text, i + 1);
  }
}

function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{') return readObject(text, i).close + 1;
  if (c === '[') {
    let j = skipSpace(text, i + 1);
    if (text[j] === ']') return j + 1;
    for (;;) {
      j = skipSpace(text, skipValue(text, j));
      if (text[j] === ']') return j + 1;
      if (text[j] !== ',') throw new Error(`expected , or ] at ${j}`);
      j = skipSpace(text, j + 1);
    }
  }
  const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400))?.[0];
  if (!literal) throw new Error(`expected a value at ${i}`);
  return i + literal.length;
}

function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new Error('unterminated string');
}

function skipSpace(text: string, i: number): number {
  let j = i;
  while (j < text.length && ' \t\r\n'.includes(text[j] as string)) j++;
  return j;
}
