// Bundles the CLI and its libraries into dist/ so the published package has no runtime dependencies, with the
// built-in templates precompiled so that a run needs only the Handlebars runtime.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import compileOptions from '../src/handlebars-options.json' with { type: 'json' };

const root = fileURLToPath(new URL('..', import.meta.url));
const templates = join(root, 'templates');

/** Same normalisation as render.ts's normaliseSource. */
const normalise = (source) => source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');

async function precompiledModule() {
  const entries = [];
  for (const path of (await readdir(templates, { recursive: true })).sort()) {
    if (!path.endsWith('.hbs')) continue;
    const source = normalise(await readFile(join(templates, path), 'utf8'));
    const key = path.split(/[\\/]/).join('/');
    entries.push(`${JSON.stringify(key)}: ${Handlebars.precompile(source, compileOptions)}`);
  }
  return `export default {\n${entries.join(',\n')}\n};\n`;
}

const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]src[\\/]precompiled\.ts$/ }, async () => ({
      contents: await precompiledModule(),
      loader: 'js',
    }));
  },
};

// Handlebars' code generator loads source-map only to emit source maps, which this CLI never asks for; without it
// the generator uses its own fallback. Leaving it out saves a quarter of the compiler's size.
const withoutSourceMap = {
  name: 'without-source-map',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^source-map$/ }, () => ({ path: 'source-map', namespace: 'empty' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

await rm(join(root, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'src/bin.ts') },
  outdir: join(root, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  charset: 'utf8',
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS (handlebars) calls require(); give ESM output a real one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [precompiledTemplates, withoutSourceMap],
  logLevel: 'warning',
});
