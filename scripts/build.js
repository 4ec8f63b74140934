// Bundles the CLI and its libraries into dist/ so the published package has no runtime dependencies, with the
// built-in templates precompiled so that a run needs only the Handlebars runtime.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
const result = await build({
  metafile: true,
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

// The licences of every package bundled into dist/, which their terms ask copies to carry.
const packages = new Set();
for (const output of Object.values(result.metafile.outputs)) {
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
