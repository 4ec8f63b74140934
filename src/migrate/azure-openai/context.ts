// What the planners of one file share when api-version clients move to the v1 API: the text, its quote, the edits
// planned so far and the findings.
import type MagicString from 'magic-string';
import type { Code } from '../catalogue.js';
import type { Node } from '../parse.js';

/** The deployment a client was built for, as text every call can carry in its model (./deployment.ts). */
export interface Deployment {
  /** The expression a call's model gets. */
  text: string;
  /** Its value, when it is a literal. */
  value?: string;
  /** Module-level names the expression reads: each call must see them as the client did. */
  names: string[];
}

export type ApiVersionCode = Extract<Code, `AZM23${string}`> | 'AZM210';

export interface Context {
  readonly text: string;
  readonly edits: MagicString;
  /** The quote the file's openai import uses, for the string literals written here. */
  readonly quote: '"' | "'";
  /** TypeScript: a model that may be undefined gets a non-null assertion. */
  readonly typed: boolean;
  /** Module-level `const` names and their initialisers. */
  readonly constants: ReadonlyMap<string, Node>;
  /** The lowest openai version the project's package.json admits, when it says. */
  readonly openai?: [number, number];
  report(node: Node, code: ApiVersionCode, detail?: string): void;
  /** Set by an error finding: the file is then left byte for byte. */
  blocked: boolean;
  /** Exported clients whose every importer in the path puts the deployment in its calls: they move. */
  readonly allowed: ReadonlySet<string>;
  /** Exported clients with a deployment the importing modules could carry (filled here). */
  readonly followable: Map<string, Deployment>;
}

/** The source text of a node. */
export function source(ctx: Pick<Context, 'text'>, node: Node): string {
  return ctx.text.slice(node.start ?? 0, node.end ?? 0);
}

/** A string literal in the file's quote. */
export function quoted(ctx: Pick<Context, 'quote'>, value: string): string {
  const json = JSON.stringify(value);
  return ctx.quote === '"' ? json : `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Removes items of a list (properties, import specifiers) with the separators that go with them. */
export function removeItems(ctx: Context, items: readonly Node[], removed: readonly Node[]): void {
  let i = 0;
  while (i < items.length) {
    if (!removed.includes(items[i] as Node)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && removed.includes(items[j + 1] as Node)) j++;
    const first = items[i] as Node;
    const last = items[j] as Node;
    const next = items[j + 1];
    const previous = items[i - 1];
    if (next) ctx.edits.remove(first.start ?? 0, next.start ?? 0);
    else if (previous) ctx.edits.remove(previous.end ?? 0, last.end ?? 0);
    else ctx.edits.remove(first.start ?? 0, last.end ?? 0);
    i = j + 1;
  }
}

/** Puts properties (without separators) first in an object literal, in the layout the object already has. */
export function prependProperties(ctx: Context, object: Node & { properties: Node[] }, texts: string[]): void {
  const first = object.properties[0];
  if (!first) {
    ctx.edits.overwrite(object.start ?? 0, object.end ?? 0, `{ ${texts.join(', ')} }`);
    return;
  }
  const gap = ctx.text.slice((object.start ?? 0) + 1, first.start ?? 0) || ' ';
  ctx.edits.appendLeft(first.start ?? 0, texts.map((t) => `${t},${gap}`).join(''));
}
