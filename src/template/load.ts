// Custom templates: a local folder, or a remote one downloaded into a temporary folder. Either way the tree is
// checked before anything is rendered (see layout.ts): no links, devices or oversized files, only portable names,
// and every file in a place the layout knows; its template sources within their bounds (bounds.ts).
import { rmSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { CancelError, StepError, UsageError } from '../shared/errors.js';
import { redactSource, redactUrls } from '../shared/redact.js';
import type { Manifest } from '../types.js';
import { checkTemplateSources } from './bounds.js';
import { listTemplate } from './layout.js';
import { readManifest } from './manifest.js';

export { MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES } from './layout.js';

export interface CustomTemplate {
  /** As the user gave it to --template. */
  readonly source: string;
  /** The template's folder: its root is the shared layer, beside azure-inference/, openai/ and template.json. */
  readonly dir: string;
  readonly manifest: Manifest;
  /** Removes a downloaded copy; nothing for a local folder. */
  dispose(): Promise<void>;
}

const REMOTE = /^(github|gh|gitlab|bitbucket|sourcehut):/;
export const TEMP_PREFIX = 'create-azure-inference-app-template-';

export async function loadTemplate(source: string, cwd: string): Promise<CustomTemplate> {
  if (/^http:/i.test(source)) throw new UsageError('--template: a URL must start with https://');
  const remote = REMOTE.test(source) || /^https:\/\//i.test(source);
  const fetched = remote ? await download(source) : undefined;
  const dir = fetched?.dir ?? resolve(cwd, source);
  try {
    if (!fetched) {
      const stats = await stat(dir).catch(() => undefined);
      if (!stats?.isDirectory()) {
        throw new UsageError(
          `--template ${redactSource(source)}: no such folder (give a folder, github:org/repo/path, or an https tarball URL)`,
        );
      }
    }
    checkTemplateSources(dir, listTemplate(dir));
    const manifest = await readManifest(dir, basename(dir));
    // The source is kept (for the replay command, in the README too) without credentials a remote one may carry; a
    // folder's path as it is, since it names a folder that is there.
    return { source: remote ? redactSource(source) : source, dir, manifest, dispose: async () => fetched?.dispose() };
  } catch (error) {
    await fetched?.dispose();
    throw error;
  }
}

/** Downloads not disposed of yet: what stops each, and when it has stopped (its own clean-up done). */
const downloads = new Map<string, { readonly stop: AbortController; readonly settled: Promise<void> }>();

/**
 * Temporary folders not removed yet. A run that ends while a removal is still under way (a signal's exit) removes
 * them synchronously as the process exits, so none is ever left behind.
 */
const leftovers = new Set<string>();
function removeLeftovers(): void {
  for (const temp of leftovers) rmSync(temp, { recursive: true, force: true });
}

/** Stops and removes every download not disposed of yet: a run stopped by a signal leaves none behind. */
export async function removeDownloads(): Promise<void> {
  for (const [temp, { stop, settled }] of [...downloads]) {
    downloads.delete(temp);
    stop.abort();
    // One removal at a time: the download's own clean-up first, then whatever it left (after a finished download).
    await settled;
    await rm(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function download(source: string): Promise<{ dir: string; dispose(): Promise<void> }> {
  const stop = new AbortController();
  const temp = await mkdtemp(join(tmpdir(), TEMP_PREFIX)).catch((error: NodeJS.ErrnoException) => {
    throw new StepError(
      `Could not make a temporary folder for the template in ${tmpdir()} (${error.code ?? error.message}): set ` +
        'TMPDIR to a folder you can write to, or unset it.',
      undefined,
      { cause: error },
    );
  });
  if (leftovers.size === 0) process.once('exit', removeLeftovers);
  leftovers.add(temp);
  let settle = () => {};
  downloads.set(temp, { stop, settled: new Promise<void>((resolve) => (settle = resolve)) });
  const dispose = async () => {
    downloads.delete(temp);
    await rm(temp, { recursive: true, force: true, maxRetries: 3 });
    leftovers.delete(temp);
  };
  try {
    const dir = join(temp, 'template');
    const { downloadTemplate } = await import('./download.js');
    await downloadTemplate(source, dir, stop.signal);
    return { dir, dispose };
  } catch (error) {
    await dispose();
    // Stopped by a signal: the command line has already said so and set the exit code.
    if (stop.signal.aborted) throw new CancelError('Stopped while downloading the template.');
    if (error instanceof UsageError) throw error;
    // The error may quote the URL, user info and all.
    const message = redactUrls((error as Error).message);
    throw new StepError(`Could not download the template ${redactSource(source)}: ${message}`, undefined, {
      cause: error,
    });
  } finally {
    settle();
  }
}
