// The clients of a file as its calls use them: which client each call is made on (here, or imported), the APIs each
// is called for, and so which clients move: not one used only for APIs Azure does not have.
import { type FileContext, report } from '../findings.js';
import type { Node } from '../parse.js';
import { bindingScope } from '../scope.js';
import type { MigrateOptions } from '../types.js';
import { apiFamily, checkCall } from './calls.js';
import type { Client, ClientKind } from './clients.js';
import { exportedClients } from './exports.js';
import type { Scan } from './file-scan.js';

/** Resolves a name imported from a relative module to the kind of client that module exports under it. */
export type ImportedClient = (module: string, imported: string) => ClientKind | undefined;

/** A call's check that waits until it is known whether its client moved. */
export interface Later {
  root: string;
  ancestors: readonly Node[];
  check: (moved: boolean) => void;
}

export interface Uses {
  /** The clients a call root refers to at a place: those of that name declared in the scope the name resolves to. */
  clientsAt(root: string, ancestors: readonly Node[]): Client[];
  /** The kind of client a name imported from a relative module is (a second pass knows it). */
  importedKind(root: string, ancestors: readonly Node[]): ClientKind | undefined;
  /** Whether a call was made on a client that talks to OpenAI (moved or not). */
  usesClient: boolean;
  /** Whether a call root was imported from a relative module. */
  importsClients: boolean;
  later: Later[];
  /** The clients to move. */
  toRewrite: Client[];
}

/** Checks every API call of the file against the clients it is made on, and picks the clients to move. */
export function checkUses(ctx: FileContext, scan: Scan, options: MigrateOptions, imported: ImportedClient): Uses {
  const { clients, clientScopes, imports } = scan;
  /** Every client name with its kind, whatever its scope: for exports and the no-equivalent check. */
  const byName = new Map<string, ClientKind>();
  for (const client of clients) {
    if (!client.name) continue;
    const before = byName.get(client.name);
    byName.set(client.name, before && before !== client.kind ? 'mixed' : client.kind);
  }
  const uses: Uses = {
    clientsAt(root, ancestors) {
      const scope = root.includes('.') ? undefined : bindingScope(root, ancestors);
      return clients.filter((c) => c.name === root && clientScopes.get(c) === scope);
    },
    importedKind(root, ancestors) {
      const fromModule = imports.relative.get(root);
      if (!fromModule || bindingScope(root, ancestors) !== undefined) return undefined;
      uses.importsClients = true;
      return imported(fromModule.module, fromModule.imported);
    },
    usesClient: false,
    importsClients: false,
    later: [],
    toRewrite: [],
  };
  const families = new Map<string, Set<string>>();
  const calledOn = new Map<string, number>();
  const callScope = {
    constants: scan.constants,
    options,
    kindOf(root: string, ancestors: readonly Node[]): ClientKind | undefined {
      const local = merged(uses.clientsAt(root, ancestors).map((c) => c.kind));
      if (local) return local;
      if (scan.typedParams.has(root)) return 'openai';
      return uses.importedKind(root, ancestors);
    },
    later(root: string, ancestors: readonly Node[], check: (moved: boolean) => void) {
      uses.later.push({ root, ancestors, check });
    },
    used(root: string, family: string) {
      families.set(root, (families.get(root) ?? new Set<string>()).add(family));
      if (byName.get(root) === 'openai' && clients.some((c) => c.name === root)) {
        calledOn.set(root, (calledOn.get(root) ?? 0) + 1);
      }
    },
  };
  for (const { node, ancestors } of scan.calls) {
    const kind = checkCall(ctx, node, ancestors, callScope);
    if (kind === 'openai' || kind === 'foreign-key' || kind === 'kept' || kind === 'mixed') uses.usesClient = true;
  }
  const exported = new Set([
    ...exportedClients(scan.program, byName).keys(),
    ...[...byName.keys()].filter((n) => n.includes('.')),
  ]);
  for (const client of clients) {
    if (!client.rewrite) continue;
    const only = client.name ? onlyNoEquivalent(client.name, families, calledOn, exported, scan.mentions) : undefined;
    if (!only) {
      uses.toRewrite.push(client);
      continue;
    }
    report(
      ctx,
      client.node,
      'warning',
      'AZM023',
      `client used only for ${only}, which Azure OpenAI does not have: left on OpenAI (it still needs OPENAI_API_KEY)`,
    );
    client.kind = 'kept';
  }
  return uses;
}

/** The kind one name has when several clients of one scope share it. */
function merged(kinds: readonly ClientKind[]): ClientKind | undefined {
  const [first, ...rest] = kinds;
  return rest.every((k) => k === first) ? first : 'mixed';
}

/**
 * The no-equivalent APIs (e.g. "moderations") when they are the only use of a local client: every mention of its name
 * is its declaration or a call checked here (so it is passed nowhere), and it is not exported.
 */
function onlyNoEquivalent(
  name: string,
  families: Map<string, Set<string>>,
  calledOn: Map<string, number>,
  exported: Set<string>,
  mentions: Map<string, number>,
): string | undefined {
  const used = families.get(name);
  if (!used || used.size === 0 || exported.has(name) || !/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  if (![...used].every((family) => apiFamily([family]).noEquivalent)) return undefined;
  if ((mentions.get(name) ?? 0) !== 1 + (calledOn.get(name) ?? 0)) return undefined;
  return [...used].join(', ');
}

/** The kinds importers see: a client that talks to OpenAI and was not moved is `kept`. */
export function kindsAfterRewrite(clients: readonly Client[]): Map<string, ClientKind> {
  const out = new Map<string, ClientKind>();
  for (const client of clients) {
    if (!client.name) continue;
    const kind = client.kind === 'openai' && !client.rewritten ? 'kept' : client.kind;
    const before = out.get(client.name);
    out.set(client.name, before && before !== kind ? 'mixed' : kind);
  }
  return out;
}
