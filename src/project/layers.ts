// Template folders as layers: the built-in ones (carried in the bundle, or templates/ when run from source) and a
// custom template's, each a list of paths and a way to read one.
import { type Dirent, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../shared/errors.js';
import type { LayerName } from '../template/layout.js';
import builtinTemplates, { type BuiltinFolder } from './builtin-templates.js';
import { fromSpecification, type Template } from './handlebars.js';

/** One file of a template layer: its bytes, or a template (compiled ahead, or its source). */
export type Source =
  | { readonly bytes: Uint8Array }
  | { readonly template: Template }
  | { readonly text: string; readonly template?: undefined };

/** A template folder's files: the built-in ones carried in the bundle, or a folder on disk. */
export interface Layer {
  readonly custom: boolean;
  /** Paths inside the layer. */
  readonly files: readonly string[];
  read(path: string): Source;
  /** Where a file is in the template, for messages. */
  describe(path: string): string;
}

/** The built-in templates' folder (tests, or a run from source): found by walking up from this module. */
export function builtinTemplatesDir(): string {
  const from = fileURLToPath(new URL('.', import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', '_shared'))) return join(dir, 'templates');
    if (dirname(dir) === dir) throw new Error(`The built-in templates are missing (looked up from ${from})`);
  }
}

/**
 * The files of one folder of the built-in templates carried in the bundle, loaded when first asked for; undefined
 * when running from source, where templates/ is read instead.
 */
export async function builtinFolder(name: string): Promise<BuiltinFolder | undefined> {
  if (!builtinTemplates) return undefined;
  // A folder the bundle does not have is empty, as a missing folder on disk is.
  const load = Object.hasOwn(builtinTemplates, name) ? builtinTemplates[name] : undefined;
  return load ? load() : {};
}

/** A folder of the templates carried in the bundle (`.hbs` files compiled at build time). */
export function bundledLayer(bundled: BuiltinFolder, folder: string): Layer {
  const prefix = `${folder}/`;
  return {
    custom: false,
    files: Object.keys(bundled),
    describe: (path) => prefix + path,
    read(path) {
      const file = Object.hasOwn(bundled, path) ? bundled[path] : undefined;
      if (!file) throw new Error(`No built-in template ${prefix + path}`);
      return file.base64 === undefined
        ? { template: fromSpecification(file.spec) }
        : { bytes: Buffer.from(file.base64, 'base64') };
    },
  };
}

/** A template folder on disk: `.hbs` files are compiled when read. */
export async function diskLayer(dir: string, custom: boolean): Promise<Layer> {
  // The layout's rules only where a folder is read: a scaffold from the bundled templates does without them.
  const { isSkipped } = await import('../template/layout.js');
  return {
    custom,
    files: listFiles(dir, isSkipped),
    describe: (path) => path,
    read(path) {
      const source = join(dir, path);
      return path.endsWith('.hbs') ? { text: readFileSync(source, 'utf8') } : { bytes: readFileSync(source) };
    },
  };
}

/** A custom template's shared layer (its root, and `_shared/`) and the layer of the chosen flavour. */
export async function customLayers(dir: string, sdk: LayerName): Promise<Layer[]> {
  const { listTemplate } = await import('../template/layout.js');
  const placed = listTemplate(dir);
  return (['shared', sdk] as const).map((name) => {
    const files = new Map<string, string>();
    for (const file of placed.filter((placedFile) => placedFile.layer === name)) {
      const other = files.get(file.path);
      if (other !== undefined) {
        throw new UsageError(
          `--template: ${other} and ${file.file} would both write ${outputPath(file.path)}; keep one`,
        );
      }
      files.set(file.path, file.file);
    }
    const fileOf = (path: string) => files.get(path) ?? path;
    return {
      custom: true,
      files: [...files.keys()],
      describe: fileOf,
      read(path) {
        const source = join(dir, fileOf(path));
        return path.endsWith('.hbs') ? { text: readFileSync(source, 'utf8') } : { bytes: readFileSync(source) };
      },
    };
  });
}

/** `foo.ts.hbs` -> `foo.ts`; `_gitignore` -> `.gitignore` (npm drops .gitignore from published packages). */
export function outputPath(path: string): string {
  const withoutSuffix = path.endsWith('.hbs') ? path.slice(0, -4) : path;
  const dir = posix.dirname(withoutSuffix);
  const name = posix.basename(withoutSuffix);
  const renamed = name === '_gitignore' ? '.gitignore' : name;
  return dir === '.' ? renamed : `${dir}/${renamed}`;
}

/** Every file below `dir`, as POSIX paths relative to it, but editor and system leftovers; none when it does not exist. */
function listFiles(dir: string, isSkipped: (name: string) => boolean): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(dir.length + 1)
        .split(/[\\/]/),
    )
    .filter((parts) => !parts.some(isSkipped))
    .map((parts) => posix.join(...parts));
}
