// render: options and a template folder into a FileMap. Pure apart from reading the templates.
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { checkPortableName } from '../shared/validate.js';
import type { FileEntry, FileMap, ProjectOptions } from '../types.js';
import { buildContext, type ProjectFiles, projectFiles, type TemplateContext } from './context.js';
import { dotenvQuote } from './escape.js';
import { compile, PartialError, type Template } from './handlebars.js';
import {
  builtinFolder,
  builtinTemplatesDir,
  bundledLayer,
  customLayers,
  diskLayer,
  type Layer,
  outputPath,
} from './layers.js';
import { buildPackageJson } from './package-json.js';

export { builtinFolder };

const UTF8_BOM = '\ufeff';

// Outputs a custom template may not write, and why. The generator's own files: a template that wrote them would undo
// a guarantee (pins, the key file). The package managers' configuration: it can run code (a pnpmfile's hooks, Yarn's
// yarnPath, npm's script-shell) or change what is installed during the generator's install.
const OWN = 'is written by the generator itself (package.json from the pinned versions, .env for the key)';
const INSTALL =
  'is package manager configuration, which could run code or change what the generator installs; add it after the project is made';
const RESERVED_OUTPUTS = new Map([
  ['package.json', OWN],
  ['.env', OWN],
  ...['.npmrc', '.yarnrc', '.yarnrc.yml', '.pnpmfile.cjs', '.pnpmfile.mjs', 'pnpm-workspace.yaml', 'bunfig.toml'].map(
    (name) => [name, INSTALL] as const,
  ),
]);

/** Characters all of a project's templates may render to, together (a generated project is about 100 kB). */
export const MAX_RENDERED = 16 * 1024 * 1024;

/** Where a layer's partials are: `_partials/readme/intro.md.hbs` is included as `{{> readme/intro.md}}`. */
const PARTIALS = '_partials/';

/** A file of a layer, by the output path or partial name it gives. */
type Sources = Map<string, { path: string; layer: Layer }>;

/**
 * Renders the built-in flavour (from `templatesDir` when given, else the built-in templates) with a custom template
 * over it, or alone when the custom template's manifest says so.
 */
export async function render(options: ProjectOptions, templatesDir?: string): Promise<FileMap> {
  const context = buildContext(options);
  const { sources, partialSources } = collect(await layersOf(options, templatesDir));
  const partials = new Map<string, Template>();
  for (const [name, { path, layer }] of partialSources) partials.set(name, await compiled(layer, path));
  // A template that renders to nothing is not written, so which files a project has is known once it is rendered: a
  // first pass finds out, and a second one runs when that changes what the context says (README.md then describes
  // only the scripts there are).
  const renderWith = async (has: ProjectFiles): Promise<Map<string, FileEntry>> => {
    const rendered = new Map<string, FileEntry>();
    let total = 0;
    for (const [output, { path, layer }] of sources) {
      const source = layer.read(path);
      if ('bytes' in source) {
        rendered.set(output, { contents: source.bytes, ...modeOf(output) });
        continue;
      }
      const template = source.template ?? (await asInput(layer, () => compileTemplate(source.text, path)));
      const text = await asInput(
        layer,
        () => runTemplate(template, { ...context, has }, path, partials),
        partialSources,
      );
      // Each file's budget is its own, so the whole project has one too: many files each just within theirs add up.
      total += text.length;
      if (total > MAX_RENDERED) {
        throw new UsageError(`--template: ${path}: the rendered files come to more than ${MAX_RENDERED >> 20} MiB`);
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

/** The built-in layers (a web app is the console project with the web layer over it), then the custom template's. */
async function layersOf(options: ProjectOptions, templatesDir: string | undefined): Promise<Layer[]> {
  const custom = options.template;
  const layers: Layer[] = [];
  if (custom?.manifest.extends !== false) {
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
  return layers;
}

/**
 * The files to render by output path, and the partials by name; a later layer's file replaces an earlier one's,
 * whether or not either is a template.
 */
function collect(layers: readonly Layer[]): { sources: Sources; partialSources: Sources } {
  const sources: Sources = new Map();
  const partialSources: Sources = new Map();
  for (const layer of layers) {
    const own = new Map<string, string>();
    for (const path of layer.files) {
      if (path.startsWith(PARTIALS)) {
        if (!path.endsWith('.hbs')) {
          const message = `${layer.describe(path)}: a partial is a template, named *.hbs`;
          throw layer.custom ? new UsageError(`--template: ${message}`) : new Error(message);
        }
        partialSources.set(path.slice(PARTIALS.length, -'.hbs'.length), { path, layer });
        continue;
      }
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
  return { sources, partialSources };
}

/** A template file of a layer, compiled (a built-in one arrives compiled). */
async function compiled(layer: Layer, path: string): Promise<Template> {
  const source = layer.read(path);
  if ('bytes' in source) throw new Error(`${layer.describe(path)} is not a template`);
  if (source.template) return source.template;
  const text = source.text;
  return asInput(layer, () => compileTemplate(text, path));
}

/**
 * Runs `work`: a custom template's mistake is bad input (exit 2, nothing written), also in a custom partial that a
 * built-in file includes; a built-in one's is a bug.
 */
async function asInput<T>(layer: Layer, work: () => T | Promise<T>, partials?: Sources): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { cause } = error as Error;
    const partial = cause instanceof PartialError ? partials?.get(cause.partial) : undefined;
    if (partial?.layer.custom) {
      throw new UsageError(`--template: ${partial.layer.describe(partial.path)}: ${(error as Error).message}`);
    }
    if (layer.custom) throw new UsageError(`--template: ${(error as Error).message}`);
    throw error;
  }
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
  const reserved = RESERVED_OUTPUTS.get(output.toLowerCase());
  if (reserved) throw new UsageError(`--template: ${output} ${reserved}`);
}

export async function renderTemplate(source: string, context: TemplateContext, name: string): Promise<string> {
  return runTemplate(await compileTemplate(source, name), context, name);
}

async function compileTemplate(source: string, name: string): Promise<Template> {
  try {
    return await compile(normaliseSource(source));
  } catch (error) {
    throw new Error(`Template ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Line endings are normalised so a template saved with CRLF cannot put \r into a shell value; a BOM the editor saved
 * is dropped (render adds one to .ps1 files itself). scripts/build.js precompiles with the same function.
 */
export function normaliseSource(source: string): string {
  return source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

function runTemplate(
  template: Template,
  context: TemplateContext,
  name: string,
  partials?: ReadonlyMap<string, Template>,
): string {
  try {
    return template(context, partials);
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

function modeOf(path: string): { mode?: number } {
  return path.endsWith('.sh') ? { mode: 0o755 } : {};
}
