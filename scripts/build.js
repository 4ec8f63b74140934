// Bundles the CLI into dist/ with rolldown, so the published package has no runtime dependencies. CommonJS, because
// Node's ESM loader costs more start-up time than the rest of a run; in chunks, so that a run loads only what it runs:
// - dist/cli.cjs, the executable: checks Node.js and runs dist/main.cjs, the programmatic API (src/index.ts);
// - dist/chunks/core.cjs, every module the API imports: all that a scaffold from flags loads but its templates, and
//   dist/chunks/runtime.cjs, the bundler's helpers;
// - dist/templates/<folder>.cjs, one chunk per folder of templates/ (`.hbs` files precompiled), so a run reads no
//   template file, needs only the Handlebars runtime and loads only the folders it renders;
// - dist/chunks/<path>.cjs, each module of src/ loaded with import() (migrate, custom templates, --help...), and
//   dist/vendor/<name>.cjs, the libraries only some runs need (src/vendor/); code they share is in chunks/shared-*.
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { build } from 'rolldown';
import pkg from '../package.json' with { type: 'json' };
import compileOptions from '../src/project/handlebars-options.json' with { type: 'json' };
import skipped from '../src/template/skipped-files.json' with { type: 'json' };

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const dist = join(root, 'dist');
const templates = join(root, 'templates');

/** Same normalisation as render.ts's normaliseSource. */
const normalise = (source) => source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
// A file at the top of templates/ is in no folder, and no run renders it.
const folders = (await readdir(templates, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);

// One folder of templates/ as a module, keyed by path inside it: `.hbs` files precompiled, others as bytes; editor
// leftovers skipped as render.ts skips them.
async function templateFolderModule(name) {
  const entries = [];
  for (const entry of await readdir(join(templates, name), { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    const key = relative(join(templates, name), file).replaceAll('\\', '/');
    if (!entry.isFile() || key.split('/').some((part) => new RegExp(skipped.pattern).test(part))) continue;
    const value = key.endsWith('.hbs')
      ? `{spec:${Handlebars.precompile(normalise(await readFile(file, 'utf8')), compileOptions)}}`
      : `{base64:${JSON.stringify((await readFile(file)).toString('base64'))}}`;
    entries.push(`${JSON.stringify(key)}: ${value}`);
  }
  return `export default {\n${entries.sort().join(',\n')}\n};\n`;
}

/** Modules of src/ that the bundle replaces: the built-in templates (a loader per folder) and the version. */
const replaced = {
  [join(src, 'project', 'builtin-templates.ts')]: `export default {\n${folders
    .map((name) => `${JSON.stringify(name)}: async () => (await import("builtin-templates:${name}")).default`)
    .join(',\n')}\n};\n`,
  [join(src, 'cli', 'version.ts')]: `export function readVersion() { return ${JSON.stringify(pkg.version)}; }`,
};

const generated = {
  name: 'generated',
  resolveId(source, importer) {
    if (source.startsWith('builtin-templates:')) return `\0${source}`;
    // The Handlebars compiler takes the source-map library only to map a template compiled with `srcName`, which no
    // run passes; without it Handlebars uses its own string builder and compiles to the same code.
    if (source === 'source-map' && /[\\/]handlebars[\\/]/.test(importer ?? '')) return '\0source-map';
  },
  load: {
    filter: { id: /^\0|[\\/]src[\\/](project[\\/]builtin-templates|cli[\\/]version)\.ts$/ },
    handler(id) {
      if (id.startsWith('\0builtin-templates:')) return templateFolderModule(id.slice('\0builtin-templates:'.length));
      if (id === '\0source-map') return 'module.exports = {};';
      return replaced[id];
    },
  },
};

/** A lazily loaded module is named by its path in src/ (src/migrate/index.ts is chunks/migrate.cjs). */
function chunkFile({ name, moduleIds, isDynamicEntry, facadeModuleId: id }) {
  if (name === 'core') return 'chunks/core.cjs';
  if (moduleIds.includes('\0rolldown/runtime.js')) return 'chunks/runtime.cjs';
  if (isDynamicEntry && id?.startsWith('\0builtin-templates:')) return `templates/${id.split(':')[1]}.cjs`;
  if (!isDynamicEntry || !id?.startsWith(src)) return 'chunks/shared-[hash].cjs';
  const path = relative(src, id)
    .replace(/\.ts$/, '')
    .replace(/[\\/]index$/, '')
    .replaceAll('\\', '/');
  return path.startsWith('vendor/') ? `${path}.cjs` : `chunks/${path.replaceAll('/', '-')}.cjs`;
}

const common = {
  platform: 'node',
  // render.ts looks for templates/ beside its own file only when run from source; the bundle carries them.
  transform: { target: 'node20.19', define: { 'import.meta.url': 'undefined' } },
  logLevel: 'warn',
};
// Named exports: a module whose only export is `default` keeps it as `exports.default`, as import() expects.
const output = {
  dir: dist,
  format: 'cjs',
  exports: 'named',
  minify: true,
  comments: false,
  entryFileNames: '[name].cjs',
};
await rm(dist, { recursive: true, force: true });
// The executable on its own, so that it checks the Node.js version before any other code is loaded.
await build({ ...common, input: { cli: join(src, 'cli', 'bin.ts') }, output });
const bundle = await build({
  ...common,
  input: { main: join(src, 'index.ts') },
  plugins: [generated],
  output: {
    ...output,
    chunkFileNames: chunkFile,
    // Every module that the API imports goes in one chunk, core: the lazily loaded chunks import it from there rather
    // than from as many shared chunks as there are combinations of them.
    codeSplitting: { groups: [{ name: 'core', tags: ['$initial'] }] },
  },
});

// Type declarations of the programmatic API (dist/main.cjs, package.json "exports"): tsc declares every module the
// API's modules import; only those that index.d.ts reaches are kept, the files a user's compiler reads.
const tsc = join(root, 'node_modules/typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });
const types = join(dist, 'types');
const reached = new Set();
for (const pending = [join(types, 'src', 'index.d.ts')]; pending.length > 0; ) {
  const file = pending.pop();
  if (reached.has(file)) continue;
  reached.add(file);
  for (const [, path] of (await readFile(file, 'utf8')).matchAll(/(?:from|import\()\s*['"](\.[^'"]+)\.js['"]/g)) {
    pending.push(join(dirname(file), `${path}.d.ts`));
  }
}
for (const entry of await readdir(types, { recursive: true, withFileTypes: true })) {
  const file = join(entry.parentPath, entry.name);
  if (entry.isFile() && !reached.has(file)) await rm(file);
}

// The licences of every package bundled into dist/, which their terms ask copies to carry.
const packages = new Set(
  bundle.output.flatMap((chunk) =>
    (chunk.moduleIds ?? []).flatMap((id) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(id)?.[1] ?? []),
  ),
);
const notices = ['# Licences of the packages bundled into this CLI\n'];
for (const name of [...packages].sort()) {
  const dir = join(root, 'node_modules', name);
  const { version, license } = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const file = (await readdir(dir)).find((entry) => /^licen[cs]e/i.test(entry));
  const text = file ? (await readFile(join(dir, file), 'utf8')).trim() : `${license} (no licence file in the package)`;
  notices.push(`## ${name.replace('\\', '/')}@${version} (${license})\n\n${text}\n`);
}
await writeFile(join(dist, 'THIRD-PARTY-LICENSES.md'), notices.join('\n'));
