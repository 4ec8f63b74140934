// The project side of following exported api-version clients (./follow.ts): the modules of the path that may use
// each one, whether every one of them put its deployment in its calls, and so which clients move. A client that one
// importer cannot carry (passed on, re-exported, imported in a form this cannot follow) stays, with its AZM233.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readFileSafely } from '../read.js';
import type { Deployment } from './context.js';
import type { Follow } from './follow.js';

interface Analysis {
  failed?: boolean;
  apiVersionBlocked?: boolean;
}

export interface FollowRun<A extends Analysis> {
  readonly root: string;
  readonly files: readonly string[];
  /** A module's key: its path without the extension, with forward slashes. */
  key(path: string): string;
  /** A file this tool never edits (generated): a client it uses stays. */
  skipped(text: string): boolean;
  analyse(file: string, text: string, follow: Follow): A;
  keep(file: string, text: string, analysis: A): void;
}

interface Exported {
  file: string;
  name: string;
  deployment: Deployment;
}

/** Follows the clients each exporter (file -> export name -> deployment) exports into the files that import them. */
export function followExported<A extends Analysis>(
  run: FollowRun<A>,
  exporters: ReadonlyMap<string, ReadonlyMap<string, Deployment>>,
): void {
  // Only a project's own folder holds every module that may import its clients.
  if (!existsSync(resolve(run.root, 'package.json'))) return;
  const exported = new Map<string, Exported>();
  for (const [file, names] of exporters)
    for (const [name, deployment] of names)
      exported.set(`${run.key(resolve(run.root, file))}#${name}`, { file, name, deployment });
  const keyOf = (file: string, module: string, name: string) => {
    const key = run.key(resolve(run.root, dirname(file), module));
    return [`${key}#${name}`, `${key}/index#${name}`].find((k) => exported.has(k));
  };
  const offer = (file: string, keys: ReadonlySet<string>, asked?: Set<string>): Follow => ({
    allowed: new Set(),
    offered(module, name) {
      const key = keyOf(file, module, name);
      if (!key || !keys.has(key)) return undefined;
      asked?.add(key);
      return exported.get(key)?.deployment;
    },
  });
  // Each file that may use a client asked to carry it; a client moves when every such file did.
  const users = usersOf(run, exported, keyOf);
  const refused = new Set<string>();
  for (const [file, { text, keys }] of users) {
    if (!run.skipped(text)) continue;
    for (const key of keys) refused.add(key);
    users.delete(file);
  }
  const tried = new Map<string, { text: string; asked: Set<string>; analysis: A }>();
  for (const [file, { text, keys }] of users) {
    const asked = new Set<string>();
    const analysis = run.analyse(file, text, offer(file, keys, asked));
    const carried = !analysis.failed && !analysis.apiVersionBlocked && !exporters.has(file);
    for (const key of keys) if (!carried || !asked.has(key)) refused.add(key);
    tried.set(file, { text, asked, analysis });
  }
  const allowed = new Set(
    [...exported.keys()].filter((k) => !refused.has(k) && [...users.values()].some((u) => u.keys.has(k))),
  );
  moveExporters(run, exporters, exported, allowed);
  for (const [file, { text, asked, analysis }] of tried) {
    if ([...asked].every((k) => allowed.has(k))) run.keep(file, text, analysis);
    else run.keep(file, text, run.analyse(file, text, offer(file, allowed)));
  }
}

/** Analyses each exporter again with the clients that move; one that still cannot move takes its clients back. */
function moveExporters<A extends Analysis>(
  run: FollowRun<A>,
  exporters: ReadonlyMap<string, ReadonlyMap<string, Deployment>>,
  exported: ReadonlyMap<string, Exported>,
  allowed: Set<string>,
): void {
  for (const file of exporters.keys()) {
    const keys = [...allowed].filter((k) => exported.get(k)?.file === file);
    if (keys.length === 0) continue;
    const read = readFileSafely(resolve(run.root, file));
    if (read.kind !== 'text') {
      for (const k of keys) allowed.delete(k);
      continue;
    }
    const names = new Set(keys.map((k) => exported.get(k)?.name ?? ''));
    const analysis = run.analyse(file, read.text, { allowed: names });
    if (analysis.failed || analysis.apiVersionBlocked) for (const k of keys) allowed.delete(k);
    else run.keep(file, read.text, analysis);
  }
}

/**
 * The files that may use an exported client: they import it by name from its module (`import { client } from`), or
 * name that module in any other form (a namespace, a require, a re-export), which this does not follow.
 */
function usersOf(
  run: FollowRun<Analysis>,
  exported: ReadonlyMap<string, Exported>,
  keyOf: (file: string, module: string, name: string) => string | undefined,
): Map<string, { text: string; keys: Set<string> }> {
  const users = new Map<string, { text: string; keys: Set<string> }>();
  for (const file of run.files) {
    const read = readFileSafely(resolve(run.root, file));
    if (read.kind !== 'text') continue;
    const text = read.text;
    const keys = new Set<string>();
    for (const match of text.matchAll(/(["'`])(\.\.?\/[^"'`\n]*)\1/g)) {
      const module = match[2] ?? '';
      const named = namedImports(text, match.index ?? 0);
      for (const { name } of exported.values()) {
        const key = keyOf(file, module, name);
        if (key && (named === undefined || new RegExp(`\\b${name}\\b`).test(named))) keys.add(key);
      }
    }
    if (keys.size > 0) users.set(file, { text, keys });
  }
  return users;
}

/** The names between the braces when the module string at `at` ends an `import { ... } from`, else undefined. */
function namedImports(text: string, at: number): string | undefined {
  const before = text.slice(Math.max(0, at - 2000), at);
  return /(?:^|[;\n])\s*import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*$/.exec(before)?.[1];
}
