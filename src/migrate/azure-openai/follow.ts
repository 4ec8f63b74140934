// An api-version client exported with its deployment, followed into the modules of the path that import it: each
// importer puts the deployment in its calls' model, and the client moves only when every importer could (the project
// side is ./follow-project.ts).
import type { Node } from '../parse.js';
import type { Imports } from '../rules/imports.js';
import { type Context, quoted } from './context.js';
import type { Deployment } from './deployment.js';
import { planNamedUses } from './uses.js';

export interface Follow {
  /** The deployment of a client a relative module exports under a name, when its importers are asked to carry it. */
  offered?: (module: string, name: string) => Deployment | undefined;
  /** The names this module exports a client under that move: every importer carries its deployment. */
  allowed: ReadonlySet<string>;
}

export const NO_FOLLOW: Follow = { allowed: new Set() };

/** Imported clients whose deployment this module's calls must carry, by local name. */
export function offeredClients(imports: Imports, follow: Follow): Map<string, Deployment> {
  const offered = new Map<string, Deployment>();
  if (!follow.offered) return offered;
  for (const [local, { module, imported }] of imports.relative) {
    const deployment = follow.offered(module, imported);
    if (deployment) offered.set(local, deployment);
  }
  return offered;
}

/** Puts each imported client's deployment in the model of its calls (or reports why a use cannot take it). */
export function planImportedUses(ctx: Context, program: Node, offered: ReadonlyMap<string, Deployment>): void {
  for (const [local, deployment] of offered) {
    // Written as this module writes it: its quote, and no TypeScript assertion in JavaScript.
    const read = deployment.text.replace(/!$/, '');
    const text =
      deployment.value !== undefined
        ? quoted(ctx, deployment.value)
        : ctx.typed && /^process\.env\.[\w$]+$/.test(read)
          ? `${read}!`
          : read;
    planNamedUses(ctx, program, local, { ancestors: [], plan: { deployment: { ...deployment, text } } });
  }
}

/** The quote of a file's first import or require, for a module that does not import openai itself. */
export function quoteOf(text: string): '"' | "'" {
  return /(?:\bfrom\s*|\brequire\(\s*|^import\s*)'/m.test(text) ? "'" : '"';
}
