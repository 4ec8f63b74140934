// Where each file of a custom template goes. The template's root is the shared layer, laid over the built-in project;
// `openai/` and `azure-inference/` hold files for one SDK flavour; `template.json` is the manifest; `_shared/` is still
// read as the shared layer (the layout before the root was). Every file is placed, skipped as an editor leftover, or
// refused: nothing is silently dropped.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { checkPortableName } from '../shared/validate.js';
import skipped from './skipped-files.json' with { type: 'json' };

export const MANIFEST_FILE = 'template.json';
/** The shared layer's old folder, still accepted: `_shared/x` is the same as `x` at the root. */
export const SHARED_ALIAS = '_shared';
export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_FILES = 500;
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
/** Files and folders together, skipped ones included: bounds the walk itself. */
export const MAX_ENTRIES = 2000;

/** The SDK flavours' folders: the options' SDKS, repeated here because the options module reads manifests. */
export const FLAVOUR_FOLDERS = ['azure-inference', 'openai'] as const;
export type LayerName = 'shared' | (typeof FLAVOUR_FOLDERS)[number];

export interface PlacedFile {
  /** Relative to the template's root, POSIX separators. */
  readonly file: string;
  readonly layer: LayerName;
  /** Relative to the layer: the output path before `.hbs` and `_gitignore` are translated. */
  readonly path: string;
}

const SKIPPED = new RegExp(skipped.pattern);

/** Whether a file or folder name is an editor or system leftover, skipped in every template folder. */
export function isSkipped(name: string): boolean {
  return SKIPPED.test(name);
}
const FLAVOURS: readonly string[] = FLAVOUR_FOLDERS;

/** Damerau-Levenshtein distance (adjacent transpositions count as one edit). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The folder a top-level folder's name looks like a misspelling of, or undefined. Letters only, case folded, are
 * compared: `open-ai`, `OpenAI`, `opneai` are `openai`; `azure_inference`, `azure-inferance` are `azure-inference`;
 * `_Shared`, `_share` are `_shared` (only names starting with `_`, so a project's own `shared/` folder is fine).
 * Same-length changes only for `openai`, so `openapi/` (a real folder name) is not taken for it.
 */
export function misspeltLayer(name: string): string | undefined {
  if (FLAVOURS.includes(name) || name === SHARED_ALIAS) return undefined;
  const letters = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters === 'openai' || (letters.length === 6 && editDistance(letters, 'openai') <= 1)) return 'openai';
  if (editDistance(letters, 'azureinference') <= 2) return 'azure-inference';
  if (name.startsWith('_') && editDistance(letters, 'shared') <= 1) return SHARED_ALIAS;
  return undefined;
}

/** Whether a top-level file's name looks like a misspelt `template.json` (which would be copied, not read). */
export function misspeltManifest(name: string): boolean {
  const folded = name.toLowerCase();
  return name !== MANIFEST_FILE && /\.json$/.test(folded) && editDistance(folded, MANIFEST_FILE) <= 2;
}

/** Where a file (root-relative POSIX path) goes; undefined for the manifest and skipped files. Throws when unplaced. */
export function placeFile(file: string): PlacedFile | undefined {
  const parts = file.split('/');
  if (parts.some(isSkipped)) return undefined;
  const [top = '', ...rest] = parts;
  if (rest.length === 0) {
    if (top === MANIFEST_FILE) return undefined;
    if (misspeltManifest(top)) {
      throw new UsageError(
        `--template: ${file} looks like a misspelt ${MANIFEST_FILE}; rename it (or it would be copied into the project)`,
      );
    }
    return { file, layer: 'shared', path: file };
  }
  if (FLAVOURS.includes(top)) return { file, layer: top as LayerName, path: rest.join('/') };
  if (top === SHARED_ALIAS) return { file, layer: 'shared', path: rest.join('/') };
  const meant = misspeltLayer(top);
  if (meant) {
    throw new UsageError(
      `--template: ${file}: the folder ${top}/ looks like a misspelt ${meant}/; rename it (the flavour folders are ${FLAVOURS.join('/ and ')}/, and ${SHARED_ALIAS}/ is the old name of the root)`,
    );
  }
  return { file, layer: 'shared', path: file };
}

/**
 * Walks a template folder and places every file. Refuses, naming the path: links and anything but files and folders
 * (at any depth, the root's entries included), non-portable names, a file over MAX_FILE_BYTES, more than MAX_FILES
 * files or MAX_TOTAL_BYTES in all, a flavour name or `_shared` that is not a folder, a `template.json` that is a
 * folder, and files the layout would not place. A `.git` folder at the root (a template kept as a git checkout) is
 * the template's history, not part of it, and is not read.
 */
export function listTemplate(root: string): PlacedFile[] {
  const placed: PlacedFile[] = [];
  let entries = 0;
  let files = 0;
  let bytes = 0;
  const visit = (dir: string, relative: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const path = relative ? `${relative}/${entry}` : entry;
      const refuse = (rule: string): never => {
        throw new UsageError(`--template: ${path} ${rule}`);
      };
      if (++entries > MAX_ENTRIES) refuse(`is one entry too many: a template may hold at most ${MAX_ENTRIES}`);
      const stats = lstatSync(join(dir, entry));
      if (stats.isSymbolicLink()) refuse('is a symbolic link; a template may hold only files and folders');
      if (!stats.isFile() && !stats.isDirectory()) refuse('is not a file or folder');
      const broken = checkPortableName(entry);
      if (broken) refuse(`has a name that ${broken}`);
      if (stats.isDirectory()) {
        if (!relative && entry === '.git') continue;
        if (!relative && entry === MANIFEST_FILE) refuse('must be a file');
        visit(join(dir, entry), path);
        continue;
      }
      if (!relative && (FLAVOURS.includes(entry) || entry === SHARED_ALIAS)) refuse('must be a folder');
      if (isSkipped(entry)) continue;
      if (stats.size > MAX_FILE_BYTES) refuse(`is larger than ${MAX_FILE_BYTES / 1024} KiB`);
      if (++files > MAX_FILES) refuse(`is one file too many: a template may hold at most ${MAX_FILES}`);
      bytes += stats.size;
      if (bytes > MAX_TOTAL_BYTES)
        refuse(`is past the limit: a template may hold at most ${MAX_TOTAL_BYTES >> 20} MiB`);
      const file = placeFile(path);
      if (file) placed.push(file);
    }
  };
  visit(root, '');
  return placed;
}
