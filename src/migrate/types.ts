// The shapes `migrate` takes and returns: options, findings and the per-file result. Imports only the project's
// shared types.
import type { Auth, Sdk } from '../types.js';

export type { Auth, Sdk };
export type Level = 'error' | 'warning' | 'info';

export interface MigrateOptions {
  /** The folder (or one file) to migrate. */
  path: string;
  sdk: Sdk;
  auth: Auth;
  /** Azure resource name: the endpoint becomes https://<resource>.openai.azure.com/openai/v1/. */
  resource?: string;
  /** A full https endpoint instead of a resource name. */
  endpoint?: string;
  /** `--deployment name` (every chat model) and `--deployment model=name` (one model). */
  deployments: { default?: string; byModel: Record<string, string> };
  /** Write the changes; otherwise a dry run. */
  write: boolean;
  /** Run on a git work tree with uncommitted changes. */
  force: boolean;
  /** Exit 1 when an error-level finding remains. */
  strict: boolean;
  /** Rewrite test files and mocks too (otherwise they are only reported). */
  includeTests?: boolean;
  /** Raise the openai dependency when the rewritten code needs a newer one (otherwise an error finding says so). */
  upgradeSdk?: boolean;
}

/** Something a person should know or do. line and column are 1-based and refer to the file before the change. */
export interface Finding {
  line: number;
  column: number;
  level: Level;
  code: string;
  message: string;
}

export interface FileResult {
  /** Relative to the migrated path, with forward slashes. */
  path: string;
  changed: boolean;
  /** Unified diff of the change, when changed. */
  diff?: string;
  findings: Finding[];
}

export interface Summary {
  dryRun: boolean;
  sdk: Sdk;
  auth: Auth;
  filesScanned: number;
  filesListed: number;
  filesChanged: number;
  clientsRewritten: number;
  clientsLeft: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface MigrateResult {
  ok: boolean;
  files: FileResult[];
  summary: Summary;
  exitCode: number;
  /**
   * Set when --write did not apply every change: why (a failure, a signal), the files written (listed as changed) and
   * those left as they were, and, when some were written, the command that finishes the job.
   */
  incomplete?: { reason: string; written: string[]; left: string[]; finish?: string };
}
