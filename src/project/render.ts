// render: options and a template folder into a FileMap. Pure apart from reading the templates.
import { type Dirent, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../shared/errors.js';
import { checkPortableName } from '../shared/validate.js';
import type { LayerName } from '../template/layout.js';
import type { FileEntry, FileMap, ProjectOptions } from '../types.js';
import builtinTemplates, { type BuiltinFolder } from './builtin-templates.js';
import { buildContext, type ProjectFiles, projectFiles, type TemplateContext } from './context.js';
import { dotenvQuote } from './escape.js';
import { compile, fromSpecification, type Template } from './handlebars.js';
import { buildPackageJson } from './package-json.js';

/** One file of a template layer: its bytes, or a template (compiled ahead, or its source). */
type Source =
  | { readonly bytes: Uint8Array }
  | { readonly template: Template }
  | { readonly text: string; readonly template?: undefined };

/** A template folder's files: the built-in ones carried in the bundle, or a folder on disk. */
interface Layer {
  readonly custom: boolean;
  /** Paths inside the layer. */
  readonly files: readonly string[];
  read(path: string): Source;
  /** Where a file is in the template, for messages. */
  describe(path: string): string;
}

/** The built-in templates' folder (tests, or a run from source): found by walking up from this module. */
function builtinTemplatesDir(): string {
  const from = fileURLToPath(new URL('.', import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', '_shared'))) return join(dir, 'templates');
    if (dirname(dir) === dir) throw new Error(`The built-in templates are missing (looked up from ${from})`);
  }
}

const UTF8_BOM = '\ufeff';

// Files the generator itself owns: a template that writes them would undo a guarantee (pins, the key file, git).
const RESERVED_OUTPUTS = new Set(['package.json', '.env']);

/**
 * Renders the built-in flavour (from `templatesDir` when given, else the built-in templates) with a custom template
 * over it, or alone when the custom template's manifest says so.
 */
export async function render(options: ProjectOptions, templatesDir?: string): Promise<FileMap> {
  const context = buildContext(options);
  const custom = options.template;
  const layers: Layer[] = [];
  if (custom?.manifest.extends !== false) {
    // A web app is the console project with the web layer over it: the server, the page, their tests.
    for (const name of ['_shared', options.sdk, ...(options.app === 'web' ? ['web'] : [])]) {
      const bundled = templatesDir === undefined ? await builtinFolder(name) : undefined;
      layers.push(
        bundled
          ? bundledLayer(bundled, name)
          : await diskLayer(join(templatesDir ?? builtinTemplatesDir(), name), false),
      );
    }
  }
  if (custom) layers.push(...(await customLayers(custom.dir, options.sdk)));
  // Keyed by output path, so a later layer's file replaces an earlier one whether or not either is a template.
  const sources = new Map<string, { path: string; layer: Layer }>();
  for (const layer of layers) {
    const own = new Map<string, string>();
    for (const path of layer.files) {
      const output = outputPath(path);
      if (layer.custom) {
        checkOutputPath(output);
        // Two files of one layer for one output (x and x.hbs, x and _shared/x): neither may be dropped silently.
        const other = own.get(output);
        if (other !== undefined) {
          throw new UsageError(
            `--template: ${layer.describe(other)} and ${layer.describe(path)} would both write ${output}; keep one`,
          );
        }
        own.set(output, path);
      }
      sources.set(output, { path, layer });
    }
  }
  // A template that renders to nothing is not written, so which files a project has is known once it is rendered: a
  // first pass finds out, and a second one runs when that changes what the context says (README.md then describes
  // only the scripts there are).
  const renderWith = async (has: ProjectFiles): Promise<Map<string, FileEntry>> => {
    const rendered = new Map<string, FileEntry>();
    const passContext = { ...context, has };
    for (const [output, { path, layer }] of sources) {
      const source = layer.read(path);
      if ('bytes' in source) {
        rendered.set(output, { contents: source.bytes, ...modeOf(output) });
        continue;
      }
      let text: string;
      try {
        text = source.template
          ? runTemplate(source.template, passContext, path)
          : await renderTemplate(source.text, passContext, path);
      } catch (error) {
        // A custom template's mistake is bad input (exit 2, nothing written); a built-in one's is a bug.
        if (layer.custom) throw new UsageError(`--template: ${(error as Error).message}`);
        throw error;
      }
      // A template that renders to nothing is not written: that is how a file is made conditional.
      if (text.trim() === '') continue;
      rendered.set(output, { contents: output.endsWith('.ps1') ? UTF8_BOM + text : text, ...modeOf(output) });
    }
    return rendered;
  };
  const first = projectFiles(new Set(sources.keys()));
  let files = await renderWith(first);
  const has = projectFiles(new Set(files.keys()));
  if (JSON.stringify(has) !== JSON.stringify(first)) files = await renderWith(has);
  const packageJson = buildPackageJson(options, new Set(files.keys()));
  files.set('package.json', { contents: `${JSON.stringify(packageJson, null, 2)}\n` });
  // The key is not in the template context: no template, built-in or custom, can put it anywhere else.
  if (options.apiKey !== undefined) files.set('.env', { contents: dotenvFile(options, options.apiKey), mode: 0o600 });
  return new Map([...files].sort(([a], [b]) => comparePaths(a, b)));
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
function bundledLayer(bundled: BuiltinFolder, folder: string): Layer {
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
async function diskLayer(dir: string, custom: boolean): Promise<Layer> {
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
async function customLayers(dir: string, sdk: LayerName): Promise<Layer[]> {
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

/**
 * Case-insensitive, then by code unit: the same order in every locale (localeCompare would depend on ICU's locale,
 * and its first call costs more than the rest of rendering).
 */
function comparePaths(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
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
    '# Read by the scripts of this project (npm start, ...) where the environment does not set a value. Holds your API',
    '# key: keep it out of git (it is in .gitignore).',
    `AZURE_OPENAI_CHAT_ENDPOINT=${dotenvQuote(options.endpoint)}`,
    `AZURE_OPENAI_CHAT_DEPLOYMENT=${dotenvQuote(options.deployment)}`,
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
