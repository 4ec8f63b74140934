// What the planners of one file share: its text and imports, every reference resolved to its declaration, the
// findings so far, and whether something blocks the move.
import { catalogueReporter } from '../catalogue.js';
import type { Node } from '../parse.js';
import { declaringIdentifier, isReference } from '../scope.js';
import type { Finding, MigrateOptions } from '../types.js';
import { walkAll } from './ast.js';
import type { AzureSdkCode } from './codes.js';
import type { FileImports } from './recognise.js';

/** The kind the shared cross-module machinery records for a client (or its type, or its factory) exported here. */
export type ExportedKind = 'azure';
export type ImportedKind = (module: string, imported: string) => string | undefined;

/** A reference to a name in the file, with where it sits. */
export interface Reference {
  node: Node;
  ancestors: Node[];
  binding?: Node;
}

/** What the planners share: the text, references by binding, and the findings so far. */
export interface Context {
  path: string;
  text: string;
  program: Node;
  options: MigrateOptions;
  imported: ImportedKind;
  imports: FileImports;
  refs: Reference[];
  refsOf(binding: Node): Reference[];
  findings: Finding[];
  report(node: Node, code: AzureSdkCode, detail?: string): void;
  /** Blocking problems: when there is one, the file is left as it is. */
  blocked: boolean;
  importsClients: boolean;
  exports: Map<string, ExportedKind>;
}

/** The context of one parsed file, its references resolved; no finding yet. */
export function fileContext(
  file: Pick<Context, 'path' | 'text' | 'program' | 'options' | 'imported' | 'imports'>,
): Context {
  const findings: Finding[] = [];
  const { refs, byBinding } = references(file.program);
  const ctx: Context = {
    ...file,
    refs,
    refsOf: (binding) => byBinding.get(binding) ?? [],
    findings,
    report: catalogueReporter(findings, () => {
      ctx.blocked = true;
    }),
    blocked: false,
    importsClients: false,
    exports: new Map(),
  };
  return ctx;
}

/** Every reference of the file, resolved to its declaration once. */
function references(program: Node): { refs: Reference[]; byBinding: Map<Node, Reference[]> } {
  const refs: Reference[] = [];
  const byBinding = new Map<Node, Reference[]>();
  walkAll(program, (node, ancestors) => {
    if (node.type !== 'Identifier') return;
    const parent = ancestors[ancestors.length - 1];
    if (!isReference(node, parent)) return;
    // `{ a }` in a pattern declares a; its key is no reference.
    if (
      parent?.type === 'ObjectProperty' &&
      parent.key === node &&
      ancestors[ancestors.length - 2]?.type === 'ObjectPattern'
    )
      return;
    const binding = declaringIdentifier(node.name, ancestors);
    if (binding === node) return;
    const ref: Reference = { node, ancestors: ancestors.slice(), binding };
    refs.push(ref);
    if (binding) {
      const list = byBinding.get(binding) ?? [];
      list.push(ref);
      byBinding.set(binding, list);
    }
  });
  return { refs, byBinding };
}
