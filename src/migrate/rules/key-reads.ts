// What code outside the clients does with OpenAI: reads of OPENAI_API_KEY (never edited, but a key check follows a
// moved client) and requests to api.openai.com made without the SDK.
import { KEY_VARIABLE } from '../../options/api-key.js';
import { type FileContext, report } from '../findings.js';
import type { Node } from '../parse.js';
import type { MigrateOptions } from '../types.js';
import type { Scan } from './file-scan.js';
import { isRequestUrl } from './urls.js';

/** Checks the key reads and api.openai.com URLs found outside the clients' own options. */
export function checkOutsideClients(ctx: FileContext, scan: Scan, moved: boolean, options: MigrateOptions): void {
  const insideClient = (node: Node) =>
    scan.clients.some((c) => (c.node.start ?? 0) <= (node.start ?? 0) && (node.end ?? 0) <= (c.node.end ?? 0));
  for (const { node, ancestors } of scan.keyReads) {
    if (!insideClient(node)) checkKeyRead(ctx, node, ancestors, moved, options);
  }
  for (const { node, ancestors } of scan.urls) {
    if (insideClient(node) || !isRequestUrl(node, ancestors)) continue;
    report(
      ctx,
      node,
      'error',
      'AZM020',
      'a request to api.openai.com outside the SDK: point it at the Azure endpoint by hand (and mind which key it sends)',
      ancestors,
    );
  }
}

/**
 * A read of OPENAI_API_KEY outside a client's options (a fetch header, a shared variable): never edited, as it may
 * serve other code than the client. Only a guard (`if (!process.env.OPENAI_API_KEY) throw ...`) follows a client of
 * this file that moved; elsewhere, where a client moved, it is a follow-up with a TODO.
 */
function checkKeyRead(
  ctx: FileContext,
  node: Node,
  ancestors: readonly Node[],
  moved: boolean,
  options: MigrateOptions,
): void {
  if (!moved) {
    report(ctx, node, 'info', 'AZM008', 'reads OPENAI_API_KEY; no client of this file moved to Azure: left unchanged');
  } else if (options.auth === 'key' && isGuard(ancestors) && node.type === 'MemberExpression') {
    const property = node.property;
    const start = (property.start ?? 0) + (node.computed ? 1 : 0);
    const end = (property.end ?? 0) - (node.computed ? 1 : 0);
    ctx.edits.overwrite(start, end, KEY_VARIABLE);
    report(
      ctx,
      node,
      'info',
      'AZM008',
      `this check of OPENAI_API_KEY now checks ${KEY_VARIABLE}, which the client reads`,
    );
  } else if (options.auth === 'key') {
    report(
      ctx,
      node,
      'warning',
      'AZM008',
      `reads OPENAI_API_KEY, left unchanged: where it is for the client that moved to Azure, read ${KEY_VARIABLE} instead`,
      ancestors,
    );
  } else {
    report(
      ctx,
      node,
      'warning',
      'AZM008',
      'reads OPENAI_API_KEY, left unchanged: where it is for the client that moved to Entra ID, remove this check or read',
      ancestors,
    );
  }
}

/** `if (!process.env.OPENAI_API_KEY)`: a check that the key is set, which sends it nowhere. */
function isGuard(ancestors: readonly Node[]): boolean {
  const not = ancestors.at(-1);
  if (not?.type !== 'UnaryExpression' || not.operator !== '!') return false;
  let child: Node = not;
  for (let i = ancestors.length - 2; i >= 0; i--) {
    const parent = ancestors[i];
    if (parent?.type === 'LogicalExpression') child = parent;
    else return parent?.type === 'IfStatement' && parent.test === child;
  }
  return false;
}
