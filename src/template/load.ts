// Custom templates: a local folder, or a remote one fetched with giget into a temporary folder. Either way the tree
// is checked before anything is rendered: no links, devices or oversized files, and only portable names.
import { lstat, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { StepError, UsageError } from '../shared/errors.js';
import { redactUrl, redactUrls } from '../shared/redact.js';
import { checkPortableName } from '../shared/validate.js';
import { type Manifest, SDKS } from '../types.js';
import { readManifest } from './manifest.js';

export interface CustomTemplate {
  /** As the user gave it to --template. */
  readonly source: string;
  /** The folder holding the template's layers (_shared/, azure-inference/, openai/) and template.json. */
  readonly dir: string;
  readonly manifest: Manifest;
  /** Removes a downloaded copy; nothing for a local folder. */
  dispose(): Promise<void>;
}

export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_FILES = 500;
const LAYERS = ['_shared', ...SDKS];
const REMOTE = /^(github|gh|gitlab|bitbucket|sourcehut):/;

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
          `--template ${redactUrl(source)}: no such folder (give a folder, github:org/repo/path, or an https tarball URL)`,
        );
      }
    }
    await checkTree(dir);
    const manifest = await readManifest(dir, basename(dir));
    // The source is kept (for the replay command, in the README too) without credentials a URL may carry.
    return { source: redactUrl(source), dir, manifest, dispose: async () => fetched?.dispose() };
  } catch (error) {
    await fetched?.dispose();
    throw error;
  }
}

/** Downloads with giget into a fresh temporary folder (its cache too), removed by dispose(). */
async function download(source: string): Promise<{ dir: string; dispose(): Promise<void> }> {
  const temp = await mkdtemp(join(tmpdir(), 'create-azure-inference-app-template-'));
  const dispose = () => rm(temp, { recursive: true, force: true });
  const cacheHome = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = join(temp, 'cache');
  try {
    const { downloadTemplate } = await import('../vendor/giget.js');
    const result = await downloadTemplate(source, {
      dir: join(temp, 'template'),
      registry: false,
      force: true,
      cwd: temp,
    });
    return { dir: result.dir, dispose };
  } catch (error) {
    await dispose();
    // giget's message may quote the URL, user info and all.
    const message = redactUrls((error as Error).message);
    throw new StepError(`Could not download the template ${redactUrl(source)}: ${message}`, undefined, {
      cause: error,
    });
  } finally {
    if (cacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cacheHome;
  }
}

/** Refuses links, devices, oversized files and non-portable names anywhere in the template's layers. */
async function checkTree(root: string): Promise<void> {
  let count = 0;
  const visit = async (dir: string, relative: string): Promise<void> => {
    for (const entry of await readdir(dir)) {
      const path = relative ? `${relative}/${entry}` : entry;
      const stats = await lstat(join(dir, entry));
      const refuse = (rule: string) => {
        throw new UsageError(`--template: ${path} ${rule}`);
      };
      if (stats.isSymbolicLink()) refuse('is a symbolic link; a template may hold only files and folders');
      if (!stats.isFile() && !stats.isDirectory()) refuse('is not a file or folder');
      const broken = checkPortableName(entry);
      if (broken) refuse(`has a name that ${broken}`);
      if (stats.isDirectory()) {
        await visit(join(dir, entry), path);
        continue;
      }
      if (stats.size > MAX_FILE_BYTES) refuse(`is larger than ${MAX_FILE_BYTES / 1024} KiB`);
      if (++count > MAX_FILES) refuse(`is one file too many: a template may hold at most ${MAX_FILES}`);
    }
  };
  for (const layer of LAYERS) {
    const stats = await lstat(join(root, layer)).catch(() => undefined);
    if (!stats) continue;
    if (!stats.isDirectory()) throw new UsageError(`--template: ${layer} must be a folder`);
    await visit(join(root, layer), layer);
  }
}
