// Lists the JS/TS files under the path that a migration may read: those git does not ignore when the path is in a
// git work tree, otherwise a walk; never node_modules, build output, minified, declaration or generated files.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { git } from './guard.js';

const SOURCE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_FILE = /\.min\.[cm]?js$|\.d\.[cm]?ts$|[.-]bundle\.[cm]?js$/;
const SKIPPED_DIR = new Set([
  'node_modules',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  'coverage',
  '.git',
  '.turbo',
  '.vercel',
  '.cache',
  'vendor',
  'generated',
  '__generated__',
]);

/**
 * Source files under root, relative with forward slashes, sorted. Links and other entries that are not regular files
 * are listed too (never followed): reading decides what they are.
 */
export async function discover(root: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  let files: string[];
  const listed = await git(['ls-files', '-co', '--exclude-standard', '-z', '--', '.'], root, env).catch(
    () => undefined,
  );
  if (listed !== undefined) {
    files = listed.split('\0').filter(Boolean);
  } else {
    files = [];
    await walkDir(root, root, files);
  }
  const kept: string[] = [];
  for (const file of files) {
    const parts = file.split('/');
    if (!SOURCE.test(file) || SKIPPED_FILE.test(file)) continue;
    if (parts.slice(0, -1).some((part) => SKIPPED_DIR.has(part))) continue;
    kept.push(file);
  }
  return kept.sort();
}

async function walkDir(root: string, dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIR.has(entry.name)) await walkDir(root, full, out);
    } else {
      out.push(relative(root, full).split(sep).join('/'));
    }
  }
}

/**
 * Generated files say so in a header: the `@generated` tag, an upper-case "DO NOT EDIT", or "this file was
 * (auto-)generated"; a comment that merely mentions something auto-generated is not such a header. Minified files
 * have very long lines.
 */
const GENERATED_HEADER =
  /@generated\b|\b(?:this|the) (?:file|code|module) (?:is|was|has been) (?:auto-?|automatically )?generated\b|^\s*(?:\/\/|\/?\*+)\s*(?:auto-?generated|generated) (?:file|code)\b/im;
export function isGenerated(text: string): boolean {
  const head = text.slice(0, 1000);
  if (GENERATED_HEADER.test(head) || /\bDO NOT EDIT\b/.test(head)) return true;
  const firstBreak = text.indexOf('\n');
  return text.length > 5000 && (firstBreak === -1 || firstBreak > 2000);
}
