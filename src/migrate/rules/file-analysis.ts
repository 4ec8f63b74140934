// What the rules make of one file, shared by the OpenAI rules (./analyze.ts) and the api-version rules that run on
// their output (../azure-openai/compose.ts).
import type { Deployment } from '../azure-openai/deployment.js';
import type { Finding } from '../types.js';
import type { ClientKind } from './clients.js';

export interface FileAnalysis {
  /** Uses an OpenAI SDK or talks to an OpenAI endpoint: listed in the result. */
  relevant: boolean;
  /** The new text, when it changed. */
  output?: string;
  findings: Finding[];
  /** Clients this module exports, by export name. */
  exports: Map<string, ClientKind>;
  /** Whether a call root was imported from a relative module (a second pass can resolve it). */
  importsClients: boolean;
  rewritten: number;
  /** Clients already in the form this tool writes: moved by an earlier run. */
  movedBefore: number;
  left: number;
  /** A rewrite that did not parse: a bug here, reported and not written. */
  failed?: boolean;
  /** api-version clients exported with a deployment, which move when each importer carries it. */
  followable?: Map<string, Deployment>;
  /** The api-version rules left this file as it was (an error finding). */
  apiVersionBlocked?: boolean;
}
