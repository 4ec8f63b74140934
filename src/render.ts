// render: options and a template folder into a FileMap. Pure apart from reading the templates.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildContext, type TemplateContext } from './context.js';
import { UsageError } from './errors.js';
import { dotenvQuote } from './escape.js';
import { compile, fromSpecification, type Template } from './handlebars.js';
import type { ProjectOptions } from './options.js';
import { buildPackageJson } from './package-json.js';
import precompiled from './precompiled.js';
import { checkPortableName } from './validate.js';

export interface FileEntry {
  readonly contents: string | Uint8Array;
  /** File mode; 0o644 when absent. */
  readonly mode?: number;
}
/** Project-relative POSIX path -> contents. */
export type FileMap = ReadonlyMap<string, FileEntry>;

/** The built-in templates, beside src/ or dist/: found by walking up, since bundling moves this code into a chunk. */
export const TEMPLATES_DIR = findTemplates(fileURLToPath(new URL('.', import.meta.url)));

function findTemplates(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', '_shared'))) return join(dir, 'templates');
    if (dirname(dir) === dir) throw new Error(`The built-in templates are missing (looked up from ${from})`);
  }
}

const UTF8_BOM = '\ufeff';

// Files the generator itself owns: a template that writes them would undo a guarantee (pins, the key file, git).
const RESERVED_OUTPUTS = new Set(['package.json', '.env']);

export async function render(options: ProjectOptions, templatesDir = TEMPLATES_DIR): Promise<FileMap> {
  const context = buildContext(options);
  const custom = options.template;
  // The built-in flavour first, then a custom template over it (or alone, when its manifest says so).
  const layers = [
    ...(custom?.manifest.extends === false ? [] : [templatesDir].map((dir) => ({ dir, custom: false }))),
    ...(custom ? [{ dir: custom.dir, custom: true }] : []),
  ].flatMap(({ dir, custom }) => ['_shared', options.sdk].map((name) => ({ name, dir: join(dir, name), custom })));
  // Keyed by output path, so a later layer's file replaces an earlier one whether or not either is a template.
  const sources = new Map<string, { path: string; source: string; custom: boolean; key: string }>();
  for (const layer of layers) {
    for (const path of await listFiles(layer.dir)) {
      const output = outputPath(path);
      if (layer.custom) checkOutputPath(output);
      sources.set(output, { path, source: join(layer.dir, path), custom: layer.custom, key: `${layer.name}/${path}` });
    }
  }
  const builtIn = templatesDir === TEMPLATES_DIR;
  // Files are read and rendered concurrently; the map is sorted at the end.
  const rendered = await Promise.all(
    [...sources].map(async ([output, { path, source, custom, key }]): Promise<[string, FileEntry] | undefined> => {
      const ahead = builtIn && !custom ? precompiled[key] : undefined;
      if (!path.endsWith('.hbs')) return [output, { contents: await readFile(source), ...modeOf(output) }];
      let text: string;
      try {
        text = ahead
          ? runTemplate(fromSpecification(ahead), context, path)
          : await renderTemplate(await readFile(source, 'utf8'), context, path);
      } catch (error) {
        // A custom template's mistake is bad input (exit 2, nothing written); a built-in one's is a bug.
        if (custom) throw new UsageError(`--template: ${(error as Error).message}`);
        throw error;
      }
      // A template that renders to nothing is not written: that is how a file is made conditional.
      if (text.trim() === '') return undefined;
      return [output, { contents: output.endsWith('.ps1') ? UTF8_BOM + text : text, ...modeOf(output) }];
    }),
  );
  const files = new Map(rendered.filter((entry) => entry !== undefined));
  const packageJson = buildPackageJson(options, new Set(files.keys()));
  files.set('package.json', { contents: `${JSON.stringify(packageJson, null, 2)}\n` });
  // The key is not in the template context: no template, built-in or custom, can put it anywhere else.
  if (options.apiKey !== undefined) files.set('.env', { contents: dotenvFile(options, options.apiKey), mode: 0o600 });
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** A custom template's output path must be portable, stay out of .git and leave the generator's own files alone. */
function checkOutputPath(output: string): void {
  for (const part of output.split('/')) {
    const broken = checkPortableName(part);
    if (broken) throw new UsageError(`--template: ${output}: a name ${broken}`);
    // Case-insensitively: on macOS and Windows .GIT is .git.
    const folded = part.toLowerCase();
    if (folded === '.git' || folded === 'node_modules') {
      throw new UsageError(`--template: ${output}: may not write into ${part}/`);
    }
  }
  if (RESERVED_OUTPUTS.has(output.toLowerCase())) {
    throw new UsageError(
      `--template: ${output} is written by the generator itself (package.json from the pinned versions, .env for the key)`,
    );
  }
}

export async function renderTemplate(source: string, context: TemplateContext, name: string): Promise<string> {
  let template: Template;
  try {
    template = await compile(normaliseSource(source));
  } catch (error) {
    throw new Error(`Template ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return runTemplate(template, context, name);
}

/**
 * Line endings are normalised so a template saved with CRLF cannot put \r into a shell value; a BOM the editor saved
 * is dropped (render adds one to .ps1 files itself). scripts/build.js precompiles with the same function.
 */
export function normaliseSource(source: string): string {
  return source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

function runTemplate(template: Template, context: TemplateContext, name: string): string {
  try {
    return template(context);
  } catch (error) {
    throw new Error(`Template ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function dotenvFile(options: ProjectOptions, apiKey: string): string {
  return [
    '# Read by `npm start` and `npm run stream`. Holds your API key: keep it out of git (it is in .gitignore).',
    `AZURE_OPENAI_CHAT_ENDPOINT=${dotenvQuote(options.endpoint)}`,
    `AZURE_OPENAI_CHAT_KEY=${dotenvQuote(apiKey)}`,
    '',
  ].join('\n');
}

/** `foo.ts.hbs` -> `foo.ts`; `_gitignore` -> `.gitignore` (npm drops .gitignore from published packages). */
function outputPath(path: string): string {
  const withoutSuffix = path.endsWith('.hbs') ? path.slice(0, -4) : path;
  const dir = posix.dirname(withoutSuffix);
  const name = posix.basename(withoutSuffix);
  const renamed = name === '_gitignore' ? '.gitignore' : name;
  return dir === '.' ? renamed : `${dir}/${renamed}`;
}

function modeOf(path: string): { mode?: number } {
  return path.endsWith('.sh') ? { mode: 0o755 } : {};
}

/** Every file below `dir`, as POSIX paths relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      posix.join(
        ...join(entry.parentPath, entry.name)
          .slice(dir.length + 1)
          .split(/[\\/]/),
      ),
    );
}
