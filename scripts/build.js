// Bundles the CLI into dist/ so the published package has no runtime dependencies:
// - dist/cli.cjs, the executable: checks Node.js and runs dist/main.cjs;
// - dist/main.cjs, the programmatic API (src/index.ts) and everything else a run needs, with the built-in templates compiled in, so a run reads no template
//   files and needs only the Handlebars runtime. CommonJS, because Node's ESM loader costs more start-up time than
//   the rest of a run;
// - dist/vendor/, libraries only some runs need (prompts, execa, the Handlebars compiler), each a CommonJS
//   bundle of its own that a run requires when it gets there.

import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import pkg from '../package.json' with { type: 'json' };
import compileOptions from '../src/project/handlebars-options.json' with { type: 'json' };
import skipped from '../src/template/skipped-files.json' with { type: 'json' };

const root = fileURLToPath(new URL('..', import.meta.url));
const templates = join(root, 'templates');
const dist = join(root, 'dist');

/** Same normalisation as render.ts's normaliseSource. */
const normalise = (source) => source.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');

const skippedName = new RegExp(skipped.pattern);

/** src/builtin-templates.ts in the bundle: the files of templates/, `.hbs` ones precompiled. */
async function builtinTemplatesModule() {
  const entries = [];
  for (const entry of await readdir(templates, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const parts = file.slice(templates.length + 1).split(/[\\/]/);
    // Editor and system leftovers, skipped as render.ts skips them in a folder on disk.
    if (parts.some((part) => skippedName.test(part))) continue;
    const key = parts.join('/');
    const value = key.endsWith('.hbs')
      ? `{spec:${Handlebars.precompile(normalise(await readFile(file, 'utf8')), compileOptions)}}`
      : `{base64:${JSON.stringify((await readFile(file)).toString('base64'))}}`;
    entries.push([key, value]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : 1));
  return `export default {\n${entries.map(([key, value]) => `${JSON.stringify(key)}: ${value}`).join(',\n')}\n};\n`;
}

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

// src/vendor/*.ts: the libraries only some runs need, each bundled on its own; src/ loads them with import().
const vendors = (await readdir(join(root, 'src', 'vendor'))).map((file) => file.replace(/\.ts$/, ''));

const external = {
  name: 'external',
  setup(esbuild) {
    // import('../vendor/<name>.js') becomes a require() of the bundle dist/vendor/<name>.cjs.
    esbuild.onResolve({ filter: /^\.\.\/vendor\/[\w-]+\.js$/ }, (args) => ({
      path: args.path.replace(/^\.\.\/(.*)\.js$/, './$1.cjs'),
      external: true,
    }));
    // The migrate command, a chunk of its own (dist/migrate.cjs): its parser is larger than the rest of the CLI.
    esbuild.onResolve({ filter: /^\.\.\/migrate\/index\.js$/ }, (args) =>
      args.importer.includes(`${join('src', 'cli')}`) ? { path: './migrate.cjs', external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // import() of the vendor bundles as require(): no ESM loader at start-up.
  supported: { 'dynamic-import': false },
  minify: true,
  charset: 'ascii',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

await rm(dist, { recursive: true, force: true });
const cli = await build({
  ...common,
  entryPoints: {
    cli: join(root, 'src/cli/bin.ts'),
    main: join(root, 'src/index.ts'),
    migrate: join(root, 'src/migrate/index.ts'),
  },
  outdir: dist,
  // render.ts looks for templates/ beside its own file only when run from source; the bundle carries them.
  define: { 'import.meta.url': 'undefined' },
  plugins: [
    replaceModule('project/builtin-templates', builtinTemplatesModule),
    replaceModule('cli/version', () => `export function readVersion() { return ${JSON.stringify(pkg.version)}; }`),
    external,
  ],
});
const vendor = await build({
  ...common,
  entryPoints: Object.fromEntries(vendors.map((name) => [name, join(root, 'src', 'vendor', `${name}.ts`)])),
  outdir: join(dist, 'vendor'),
});

// Type declarations of the programmatic API (dist/main.cjs, package.json "exports").
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.types.json'], {
  cwd: root,
  stdio: 'inherit',
});

// The licences of every package bundled into dist/, which their terms ask copies to carry.
const packages = new Set();
for (const output of [cli, vendor].flatMap((result) => Object.values(result.metafile.outputs))) {
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
