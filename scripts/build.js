// Bundles the CLI into dist/ so the published package has no runtime dependencies. CommonJS, because Node's ESM
// loader costs more start-up time than the rest of a run; in chunks, so that a run loads only the code it runs:
// - dist/cli.cjs, the executable: checks Node.js and runs dist/main.cjs;
// - dist/main.cjs, the programmatic API (src/index.ts), and dist/chunks/core.cjs under it: what a scaffold from flags
//   runs, and all that such a run loads but for the templates it renders;
// - dist/templates/<folder>.cjs, the built-in templates, one chunk per folder of templates/ (`.hbs` files
//   precompiled), so a run reads no template files, needs only the Handlebars runtime and loads only the folders it
//   renders;
// - dist/chunks/<name>.cjs, what only some runs reach, one chunk per module that src/ loads with import(): the migrate
//   command, custom templates and their download, the terminal conversation, the Azure CLI, --help...;
// - dist/vendor/<name>.cjs, libraries only some runs need (prompts, execa, the Handlebars compiler).
// esbuild splits code into chunks only for ES modules: the chunks are built as such, then each is turned into
// CommonJS on its own (import() becomes require()).

import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@babel/parser';
import { build, transform } from 'esbuild';
import Handlebars from 'handlebars';
import pkg from '../package.json' with { type: 'json' };
import compileOptions from '../src/project/handlebars-options.json' with { type: 'json' };
import skipped from '../src/template/skipped-files.json' with { type: 'json' };

const root = fileURLToPath(new URL('..', import.meta.url));
const templates = join(root, 'templates');
const dist = join(root, 'dist');
const api = join(root, 'src', 'index.ts');

/** Same normalisation as render.ts's normaliseSource. */
const normalise = (source) => source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');

const skippedName = new RegExp(skipped.pattern);

/** The files of templates/ by folder (`_shared`, `openai`...), keyed by path inside it; editor leftovers skipped. */
async function templateFolders() {
  const folders = new Map();
  for (const entry of await readdir(templates, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const parts = file.slice(templates.length + 1).split(/[\\/]/);
    // Skipped as render.ts skips them in a folder on disk.
    if (parts.some((part) => skippedName.test(part))) continue;
    const [folder, ...rest] = parts;
    // A file at the top of templates/ is in no folder, and no run renders it.
    if (rest.length === 0) continue;
    if (!folders.has(folder)) folders.set(folder, []);
    folders.get(folder).push([rest.join('/'), file]);
  }
  return new Map([...folders].sort(([a], [b]) => (a < b ? -1 : 1)));
}
const folders = await templateFolders();

/**
 * One folder of templates/ as a module: its files, `.hbs` ones precompiled. It imports the API's module for the
 * chunks' sake (see afterApi below): it is loaded only by a run that has loaded the API.
 */
async function templateFolderModule(name) {
  const entries = [];
  for (const [key, file] of folders.get(name)) {
    const value = key.endsWith('.hbs')
      ? `{spec:${Handlebars.precompile(normalise(await readFile(file, 'utf8')), compileOptions)}}`
      : `{base64:${JSON.stringify((await readFile(file)).toString('base64'))}}`;
    entries.push([key, value]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  const files = entries.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(',\n');
  return `import ${JSON.stringify(api)};\nexport default {\n${files}\n};\n`;
}

/** src/project/builtin-templates.ts in the bundle: a loader per folder of templates/, each a chunk of its own. */
const builtinTemplatesModule = () => {
  const loaders = [...folders.keys()].map(
    (name) =>
      `${JSON.stringify(name)}: async () => (await import(${JSON.stringify(`builtin-templates:${name}`)})).default`,
  );
  return `export default {\n${loaders.join(',\n')}\n};\n`;
};

/** Replaces a module of src/ with generated contents. */
const replaceModule = (name, contents) => ({
  name: `replace-${name}`,
  setup(esbuild) {
    esbuild.onLoad({ filter: new RegExp(`[\\\\/]src[\\\\/]${name.replace('/', '[\\\\/]')}\\.ts$`) }, async () => ({
      contents: await contents(),
      loader: 'js',
    }));
  },
});

/** `builtin-templates:<folder>`: the module of one folder of templates/. */
const templateFolderModules = {
  name: 'builtin-templates',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^builtin-templates:/ }, (args) => ({
      path: args.path.slice('builtin-templates:'.length),
      namespace: 'builtin-templates',
    }));
    esbuild.onLoad({ filter: /.*/, namespace: 'builtin-templates' }, async (args) => ({
      contents: await templateFolderModule(args.path),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

// @babel/parser is one CommonJS file with every syntax plugin in it, which esbuild cannot tree-shake. migrate parses
// with typescript, jsx and decorators-legacy only (src/migrate/parse.ts): the plugins it never enables are left out,
// each replaced by a function that says so, with the declarations only they use. The build stops if any of these is
// missing or still used: a new version of the parser is checked again, not trimmed blindly.
const UNUSED_BABEL_PLUGINS = ['estree', 'flow', 'placeholders', 'v8intrinsic'];
const ONLY_FOR_UNUSED_PLUGINS = [
  'toESTreeLocation',
  'FlowScope',
  'FlowScopeHandler',
  'reservedTypes',
  'FlowErrors',
  'isEsModuleType',
  'hasTypeImportKind',
  'exportSuggestions',
  'partition',
  'FLOW_PRAGMA_REGEX',
  'PlaceholderErrors',
];

function withoutUnusedPlugins(source) {
  const program = parse(source, { sourceType: 'script' }).program;
  const declared = (statement) =>
    statement.type === 'VariableDeclaration'
      ? statement.declarations.map((declaration) => declaration.id.name)
      : statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration'
        ? [statement.id.name]
        : [];
  const edits = [];
  const found = new Set();
  for (const statement of program.body) {
    const [name, ...more] = declared(statement);
    if (more.length > 0 || !(UNUSED_BABEL_PLUGINS.includes(name) || ONLY_FOR_UNUSED_PLUGINS.includes(name))) continue;
    found.add(name);
    edits.push({
      start: statement.start,
      end: statement.end,
      text: UNUSED_BABEL_PLUGINS.includes(name)
        ? `var ${name} = () => { throw new Error("@babel/parser's ${name} plugin is not bundled"); };`
        : '',
    });
  }
  const missing = [...UNUSED_BABEL_PLUGINS, ...ONLY_FOR_UNUSED_PLUGINS].filter((name) => !found.has(name));
  if (missing.length > 0) throw new Error(`@babel/parser: no top-level ${missing.join(', ')} to leave out`);
  let trimmed = source;
  for (const { start, end, text } of edits.reverse()) trimmed = trimmed.slice(0, start) + text + trimmed.slice(end);
  const used = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) for (const item of node) visit(item);
    else if (node && typeof node.type === 'string') {
      if (node.type === 'Identifier') used.add(node.name);
      for (const [key, value] of Object.entries(node)) if (key !== 'loc' && typeof value === 'object') visit(value);
    }
  };
  visit(parse(trimmed, { sourceType: 'script' }).program);
  const stillUsed = ONLY_FOR_UNUSED_PLUGINS.filter((name) => used.has(name));
  if (stillUsed.length > 0) throw new Error(`@babel/parser: ${stillUsed.join(', ')} still used; not left out`);
  return trimmed;
}

const babelParser = {
  name: 'babel-parser',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]node_modules[\\/]@babel[\\/]parser[\\/]lib[\\/]index\.js$/ }, async (args) => ({
      contents: withoutUnusedPlugins(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

// The Handlebars compiler takes the source-map library only to map a template compiled with `srcName`, which no run
// passes; without it Handlebars uses its own string builder and compiles to the same code.
const noSourceMap = {
  name: 'no-source-map',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^source-map$/ }, (args) =>
      /[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'no-source-map' } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'no-source-map' }, () => ({
      contents: 'module.exports = {};',
      loader: 'js',
    }));
  },
};

const replacements = [
  replaceModule('project/builtin-templates', builtinTemplatesModule),
  replaceModule('cli/version', () => `export function readVersion() { return ${JSON.stringify(pkg.version)}; }`),
  templateFolderModules,
  babelParser,
  noSourceMap,
];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  minify: true,
  charset: 'ascii',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // render.ts looks for templates/ beside its own file only when run from source; the bundle carries them.
  define: { 'import.meta.url': 'undefined' },
};

// src/vendor/*.ts: the libraries only some runs need, each a chunk of its own; src/ loads them with import().
const vendors = (await readdir(join(root, 'src', 'vendor'))).map((file) => file.replace(/\.ts$/, ''));
const entryPoints = {
  main: api,
  ...Object.fromEntries(vendors.map((name) => [`vendor/${name}`, join(root, 'src', 'vendor', `${name}.ts`)])),
  ...Object.fromEntries([...folders.keys()].map((name) => [`templates/${name}`, `builtin-templates:${name}`])),
};

// Every module of src/ that some module loads with import() is an entry point of its own: chunks/<its path>.
const probe = await build({
  ...common,
  format: 'esm',
  splitting: true,
  write: false,
  outdir: dist,
  entryPoints,
  plugins: replacements,
});
const lazy = new Map();
for (const input of Object.values(probe.metafile.inputs)) {
  for (const record of input.imports) {
    if (record.kind !== 'dynamic-import' || !/^src[\\/].*\.ts$/.test(record.path)) continue;
    const path = join(root, record.path);
    if (path === api || Object.values(entryPoints).includes(path)) continue;
    // src/migrate/index.ts is chunks/migrate; src/template/load.ts is chunks/template-load.
    const name = relative(join(root, 'src'), path)
      .replace(/\.ts$/, '')
      .replace(/[\\/]index$/, '')
      .replace(/[\\/]/g, '-');
    const other = [...lazy].find(([otherPath, otherName]) => otherName === `chunks/${name}` && otherPath !== path);
    if (other) throw new Error(`${path} and ${other[0]} would both be dist/chunks/${name}.cjs`);
    lazy.set(path, `chunks/${name}`);
  }
}
for (const [path, name] of lazy) entryPoints[name] = path;

// esbuild puts each module in a chunk by the set of entry points that reach it. What is loaded with import() is loaded
// by a run that has loaded the API already, so each such entry point imports the API's module too: then every module
// the API needs is reached by all entry points alike and lands in one chunk, core, instead of in as many chunks as
// there are combinations of lazily loaded chunks that share a module with the API.
const lazyEntries = new Set(Object.values(entryPoints).filter((path) => path !== api && path.endsWith('.ts')));
const afterApi = {
  name: 'after-api',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.ts$/ }, async (args) =>
      lazyEntries.has(args.path)
        ? { contents: `${await readFile(args.path, 'utf8')}\nimport ${JSON.stringify(api)};\n`, loader: 'ts' }
        : undefined,
    );
  },
};

await rm(dist, { recursive: true, force: true });
const chunks = await build({
  ...common,
  format: 'esm',
  splitting: true,
  write: false,
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  entryPoints,
  chunkNames: 'chunks/shared-[hash]',
  plugins: [afterApi, ...replacements],
});

// The one chunk under the API, which loads no other chunk, is core.cjs: a name that says what it is.
const outputs = chunks.metafile.outputs;
const chunkImports = (path) =>
  outputs[path].imports.filter((record) => record.kind === 'import-statement' && !record.external);
const [mainPath] = Object.keys(outputs).filter(
  (path) => outputs[path].entryPoint === relative(root, api).replaceAll('\\', '/'),
);
const under = chunkImports(mainPath);
if (under.length !== 1 || chunkImports(under[0].path).length > 0) {
  throw new Error(`${mainPath} should load one chunk, which loads no other; it loads ${JSON.stringify(under)}`);
}
const coreFile = basename(under[0].path);
const renamed = (text) => text.replaceAll(coreFile, 'core.cjs');
for (const file of chunks.outputFiles) {
  const cjs = await transform(renamed(file.text), {
    format: 'cjs',
    platform: 'node',
    target: common.target,
    // import() as require(): no ESM loader at any point.
    supported: { 'dynamic-import': false },
    minify: true,
    charset: 'ascii',
    legalComments: 'none',
  });
  const path = renamed(file.path);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, cjs.code);
}

const cli = await build({
  ...common,
  format: 'cjs',
  entryPoints: { cli: join(root, 'src/cli/bin.ts') },
  outdir: dist,
  outExtension: { '.js': '.cjs' },
});

// Type declarations of the programmatic API (dist/main.cjs, package.json "exports").
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.types.json'], {
  cwd: root,
  stdio: 'inherit',
});
// tsc declares every module the API's modules import; a user's compiler reads only those that index.d.ts reaches.
const types = join(dist, 'types');
const reached = new Set();
for (const pending = [join(types, 'src', 'index.d.ts')]; pending.length > 0; ) {
  const file = pending.pop();
  if (reached.has(file)) continue;
  reached.add(file);
  const text = await readFile(file, 'utf8');
  for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.\.?\/[^'"]+)\.js['"]/g)) {
    pending.push(join(dirname(file), `${specifier}.d.ts`));
  }
}
for (const entry of await readdir(types, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath, entry.name);
  if (entry.isFile() && !reached.has(file)) await rm(file);
}
// Folders left empty, the deepest first.
const folderPaths = (await readdir(types, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(entry.parentPath, entry.name))
  .sort((a, b) => b.length - a.length);
for (const dir of folderPaths) if ((await readdir(dir)).length === 0) await rm(dir, { recursive: true });

// The licences of every package bundled into dist/, which their terms ask copies to carry.
const packages = new Set();
for (const output of [cli, chunks].flatMap((result) => Object.values(result.metafile.outputs))) {
  for (const input of Object.keys(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
}
// MIT and ISC texts differ only in their copyright lines: those are kept per package, the text once.
const short = new Set(['MIT', 'ISC']);
const notices = [];
const used = new Set();
for (const name of [...packages].sort()) {
  const dir = join(root, 'node_modules', name);
  const { version, license } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const file = (await readdir(dir)).find((entry) => /^licen[cs]e/i.test(entry));
  const text = file ? (await readFile(join(dir, file), 'utf8')).trim() : `${license} (no licence file in the package)`;
  const copyright = text
    .split('\n')
    .map((line) => line.replace(/^\s*(MIT|ISC) Licen[cs]e\s*/i, '').trim())
    .filter((line) => /^(copyright|\(c\)|©)/i.test(line));
  const standard = short.has(license) && copyright.length > 0 && text.length < 1600;
  if (standard) used.add(license);
  notices.push(
    `## ${name}@${version} (${license})\n\n${standard ? `${copyright.join('\n')}\n\nThe ${license} licence below.` : text}\n`,
  );
}
const texts = {
  MIT: `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`,
  ISC: `Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted, provided that the above copyright notice and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.`,
};
const appendix = [...used].sort().map((license) => `## The ${license} licence\n\n${texts[license]}\n`);
await writeFile(
  join(root, 'dist', 'THIRD-PARTY-LICENSES.md'),
  `# Licences of the packages bundled into this CLI\n\n${[...notices, ...appendix].join('\n')}`,
);
