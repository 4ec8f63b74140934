// What the planners of one file share: its text and imports, every reference resolved to its declaration, the
// findings so far, and whether something blocks the move.
import type { Node } from '../parse.js';
import type { Finding, MigrateOptions } from '../types.js';
import type { AzureSdkCode } from './codes.js';
import type { fileImports } from './recognise.js';

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
  imports: ReturnType<typeof fileImports>;
  refs: Reference[];
  refsOf(binding: Node): Reference[];
  findings: Finding[];
  report(node: Node, code: AzureSdkCode, detail?: string): void;
  /** Blocking problems: when there is one, the file is left as it is. */
  blocked: boolean;
  importsClients: boolean;
  exports: Map<string, ExportedKind>;
}
