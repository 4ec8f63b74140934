// A template's cost, bounded before Handlebars parses it: one linear scan of the source counts its tags and how deep
// its blocks, chained `else` branches and subexpressions nest, and refuses what is over a bound. Handlebars' parser
// and compiler take time for each tag, and more than that for deep nesting, so the bounds are checked on the text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { PlacedFile } from './layout.js';

/** A template source, in UTF-16 code units. */
export const MAX_SOURCE = 256 * 1024;
/** Blocks, chained `{{else ...}}` branches and subexpressions inside one another. */
export const MAX_NESTING = 64;
/** Tags (`{{...}}`, comments included) in one source, and in all of a custom template's files together. */
export const MAX_TAGS = 5_000;

/** What a scan found: the source's tags, the deepest nesting, and the line of the first partial or decorator. */
export interface TemplateScan {
  readonly tags: number;
  readonly depth: number;
  readonly partialLine?: number;
}

/** The line of `source` that `at` is on, counted from 1. */
function lineAt(source: string, at: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The end of the tag whose body starts at `from` (the index of its closing `}}`), and how deep its parentheses nest.
 * Strings and `[...]` segments are skipped as Handlebars' lexer skips them: a `}}` or `(` in them is text.
 */
function tagEnd(source: string, from: number): { end: number; parens: number } {
  let parens = 0;
  let deepest = 0;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === '"' || char === "'" || char === '[') {
      const close = char === '[' ? ']' : char;
      for (i++; i < source.length && source[i] !== close; i++) if (source[i] === '\\') i++;
    } else if (char === '(') deepest = Math.max(deepest, ++parens);
    else if (char === ')') parens = Math.max(0, parens - 1);
    else if (char === '}' && source[i + 1] === '}') return { end: i, parens: deepest };
  }
  return { end: source.length, parens: deepest };
}

/**
 * Scans a template source once, from left to right; throws an Error naming the bound (and the line) when the source
 * is larger than MAX_SOURCE, holds more than MAX_TAGS tags, or nests deeper than MAX_NESTING.
 */
export function scanTemplate(source: string): TemplateScan {
  if (source.length > MAX_SOURCE) throw new Error(`the template is larger than ${MAX_SOURCE / 1024} KiB`);
  // Each open block is a frame; a chained `{{else if ...}}` nests one level more inside its frame.
  const frames: number[] = [];
  let depth = 0;
  let deepest = 0;
  let tags = 0;
  let partialLine: number | undefined;
  let at = source.indexOf('{{');
  while (at !== -1) {
    // `\{{` is text up to the next `{{` (but `\\{{` is a backslash, then a tag).
    if (source[at - 1] === '\\' && source[at - 2] !== '\\') {
      at = source.indexOf('{{', at + 2);
      continue;
    }
    if (++tags > MAX_TAGS) throw new Error(`the template has more than ${MAX_TAGS} {{...}} tags`);
    if (source.startsWith('{{{{', at)) {
      // A raw block: one block, and what is inside is text up to its closing tag.
      const close = source.indexOf('{{{{/', at + 4);
      if (close === -1) break;
      if (depth + 1 > MAX_NESTING) {
        throw new Error(`blocks nest more than ${MAX_NESTING} deep (line ${lineAt(source, at)})`);
      }
      deepest = Math.max(deepest, depth + 1);
      at = source.indexOf('{{', source.indexOf('}}}}', close) + 4);
      continue;
    }
    const open = at + 2 + (source[at + 2] === '~' ? 1 : 0);
    if (source[open] === '!') {
      // A comment: `{{!-- ... --}}` may hold `}}`, `{{! ... }}` ends at the first.
      const close = source.startsWith('!--', open) ? /--~?\}\}/g : /\}\}/g;
      close.lastIndex = open + 1;
      const found = close.exec(source);
      if (!found) break;
      at = source.indexOf('{{', found.index + found[0].length);
      continue;
    }
    const { end, parens } = tagEnd(source, at + 2);
    const body = source
      .slice(at + 2, end)
      .replace(/^~/, '')
      .replace(/~$/, '')
      .trim();
    const kind = body[0];
    // `{{> p}}`, `{{#> p}}`, `{{#*inline "p"}}`: partials call one another, so their output is not bounded.
    if (partialLine === undefined && /^#?[>*]/.test(body)) partialLine = lineAt(source, at);
    let level = depth + parens;
    if (kind === '#' || (kind === '^' && body.slice(1).trim() !== '')) {
      level = depth + 1 + parens;
      frames.push(1);
      depth++;
    } else if (/^else\s/.test(body) && body.slice(4).trim() !== '') {
      // `{{else if b}}` is a block inside the one it continues: Handlebars nests it in the tree.
      level = depth + 1 + parens;
      if (frames.length > 0) frames[frames.length - 1] = (frames[frames.length - 1] as number) + 1;
      else frames.push(1);
      depth++;
    } else if (kind === '/') {
      depth -= frames.pop() ?? 0;
    }
    if (level > MAX_NESTING) {
      throw new Error(`blocks nest more than ${MAX_NESTING} deep (line ${lineAt(source, at)})`);
    }
    deepest = Math.max(deepest, level);
    at = source.indexOf('{{', end + 2);
  }
  return { tags, depth: deepest, ...(partialLine === undefined ? {} : { partialLine }) };
}

/**
 * Checks every template source of a custom template before any is parsed: each within the bounds of scanTemplate,
 * without partials or decorators, and no more than MAX_TAGS tags in all. Refuses (UsageError, nothing written)
 * naming the file.
 */
export function checkTemplateSources(root: string, files: readonly PlacedFile[]): void {
  let tags = 0;
  for (const { file } of files) {
    if (!file.endsWith('.hbs')) continue;
    const source = readFileSync(join(root, ...file.split('/')), 'utf8');
    let scan: TemplateScan;
    try {
      scan = scanTemplate(source);
    } catch (error) {
      throw new UsageError(`--template: ${file}: ${(error as Error).message}`);
    }
    if (scan.partialLine !== undefined) {
      // A partial that calls another twice, twenty deep, writes a million copies from a few lines.
      throw new UsageError(
        `--template: ${file}: partials and decorators ({{> name}}, {{#*inline}}) are not supported (line ${scan.partialLine}): write their text where it is used`,
      );
    }
    tags += scan.tags;
    if (tags > MAX_TAGS) {
      throw new UsageError(
        `--template: ${file} is past the limit: a template's files may hold at most ${MAX_TAGS} {{...}} tags in all`,
      );
    }
  }
}
