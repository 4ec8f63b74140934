// A listed file on its way to the report: its result (findings, diff) and, when it is to be written, its new text.
import type { FileResult } from '../types.js';
import { unifiedDiff } from './diff.js';

export interface Pending {
  result: FileResult;
  /** The new text, kept only when it is to be written. */
  after?: string;
  /** The mode of a new file (setup-env.sh is executable). */
  mode?: number;
  /** The text as read ('' for a file that was not there), kept with the new text: the file must still hold it. */
  before?: string;
}

/** A file's result from its text before and after (undefined: unchanged); the new text is kept only for --write. */
export function entry(
  path: string,
  before: string,
  after: string | undefined,
  findings: FileResult['findings'],
  write: boolean,
): Pending {
  const result: FileResult = { path, changed: after !== undefined, findings };
  if (after !== undefined) result.diff = unifiedDiff(path, before, after);
  return after === undefined || !write ? { result } : { result, after, before };
}
