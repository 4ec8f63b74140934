// Custom templates: a local folder, or a remote one downloaded into a temporary folder. Either way the tree is
// checked before anything is rendered (see layout.ts): no links, devices or oversized files, only portable names,
// and every file in a place the layout knows.
import { rmSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { CancelError, StepError, UsageError } from '../shared/errors.js';
import type { Manifest } from '../types.js';
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
          `--template ${source}: no such folder (give a folder, github:org/repo/path, or an https tarball URL)`,
        );
      }
    }
    listTemplate(dir);
    const manifest = await readManifest(dir, basename(dir));
    return { source, dir, manifest, dispose: async () => fetched?.dispose() };
  } catch (error) {
    await fetched?.dispose();
    throw error;
  }
}

/**
 * Downloads into a fresh temporary folder, removed by dispose(). SIGINT and SIGTERM are watched from before the
 * folder exists until it is removed: during the download they stop it, remove the folder and end the run as
 * cancelled (130, or 143 for SIGTERM); afterwards, when no later step is handling them, they remove the folder and
 * end the run the same way.
 */
async function download(source: string): Promise<{ dir: string; dispose(): Promise<void> }> {
  const stop = new AbortController();
  let temp: string | undefined;
  let signal: NodeJS.Signals | undefined;
  let downloading = true;
  const onSignal = (received: NodeJS.Signals) => {
    signal ??= received;
    if (downloading) {
      stop.abort();
      return;
    }
    // Another listener (writing or installing) handles the signal and ends with dispose(); else this is the end.
    if (process.listenerCount(received) > 1) return;
    if (temp) rmSync(temp, { recursive: true, force: true });
    process.stderr.write(received === 'SIGTERM' ? 'Stopped by SIGTERM.\n' : 'Cancelled.\n');
    process.exit(received === 'SIGTERM' ? 143 : 130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const dispose = async () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (temp) await rm(temp, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    temp = await mkdtemp(join(tmpdir(), TEMP_PREFIX));
    const dir = join(temp, 'template');
    const { downloadTemplate } = await import('./download.js');
    await downloadTemplate(source, dir, stop.signal);
    downloading = false;
    if (signal) throw new CancelError(undefined, undefined, signal);
    return { dir, dispose };
  } catch (error) {
    await dispose();
    if (signal) {
      throw new CancelError(
        `${signal === 'SIGTERM' ? 'Stopped by SIGTERM' : 'Cancelled'} while downloading the template.`,
        undefined,
        signal,
      );
    }
    if (error instanceof UsageError) throw error;
    throw new StepError(`Could not download the template ${source}: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
}
