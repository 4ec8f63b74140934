// What a run loads, read from Node's own module log (NODE_DEBUG=module): a plain scaffold loads the core of the CLI and
// the two folders of templates it renders, nothing else of dist/ (no vendor library, no migrate or download code) and
// no extra Node modules for files or processes; everything else comes in only with the run that needs it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CLI, describeRun, runCli, tempDir } from '../helpers/cli.js';

const flags = ['app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini', '--no-install'];
const dist = join(CLI, '..');

/** Runs the CLI with Node's module log on; returns the files of dist/ (without .cjs) and built-in modules it loaded. */
async function loaded(args: string[]) {
  const cwd = await tempDir('caia-loading-');
  const run = await runCli(args, { cwd, env: { CI: 'true', NODE_DEBUG: 'module' } });
  expect(run.exitCode, describeRun(run)).toBe(0);
  const files = [...run.stderr.matchAll(/load "[^"]*[\\/]dist[\\/]([\w/\\-]+)\.cjs"/g)].map(([, name = '']) =>
    name.replaceAll('\\', '/'),
  );
  const builtIn = [...run.stderr.matchAll(/load built-in module (\S+)/g)].map(([, name]) => name);
  return { files: [...new Set(files)].sort(), builtIn: new Set(builtIn) };
}

/**
 * What every scaffold loads: the executable, the API over the core and the bundler's helpers, and the templates of the
 * flavour it writes.
 */
const scaffold = (sdk = 'openai') =>
  ['chunks/core', 'chunks/runtime', 'cli', 'main', 'templates/_shared', `templates/${sdk}`].sort();
const beyond = (files: string[], sdk?: string) => files.filter((file) => !scaffold(sdk).includes(file));

it('a plain scaffold loads the core and its templates only: no vendor library, migrate or download code', async () => {
  const { files, builtIn } = await loaded([...flags, '--no-git']);
  expect(files).toEqual(scaffold());
  for (const name of ['os', 'child_process', 'fs/promises']) {
    expect(builtIn.has(name) || builtIn.has(`node:${name}`), name).toBe(false);
  }
  // Nothing of migrate (its parser, its findings) or of the template download went into the files it loads.
  for (const file of files) {
    const text = await readFile(join(dist, `${file}.cjs`), 'utf8');
    for (const marker of ['TODO(azure-migrate)', '@babel/parser', 'GIGET_AUTH']) {
      expect(text.includes(marker), `${marker} in dist/${file}.cjs`).toBe(false);
    }
  }
});

it('the other flavour loads its own templates instead', async () => {
  const { files } = await loaded([...flags, '--no-git', '--sdk', 'azure-inference']);
  expect(files).toEqual(scaffold('azure-inference'));
});

it('git brings execa, and nothing else', async () => {
  expect(beyond((await loaded([...flags, '--git'])).files)).toEqual(['vendor/execa']);
});

it('a custom template brings the Handlebars compiler and the template rules, but no download', async () => {
  const template = await tempDir('caia-loading-template-');
  await mkdir(join(template, '_shared'));
  await writeFile(join(template, '_shared', 'NOTES.md.hbs'), '# {{projectName}}\n');
  const extra = beyond((await loaded([...flags, '--no-git', '--template', template])).files);
  expect(extra.filter((file) => file.startsWith('vendor/'))).toEqual(['vendor/handlebars']);
  expect(extra).toContain('chunks/template-load');
  expect(extra).not.toContain('chunks/template-download');
  expect(extra).not.toContain('chunks/migrate');
});

it('--help loads its text, and neither templates nor anything else', async () => {
  const { files } = await loaded(['--help']);
  expect(files).toEqual(['chunks/cli-help', 'chunks/core', 'chunks/runtime', 'cli', 'main']);
});

it('migrate loads its own chunk and the shared templates for its setup scripts, no vendor library', async () => {
  const cwd = await tempDir('caia-loading-migrate-');
  await writeFile(join(cwd, 'package.json'), '{"name":"x","private":true}\n');
  await writeFile(join(cwd, 'index.js'), "import OpenAI from 'openai';\nconst client = new OpenAI();\n");
  const run = await runCli(['migrate', '.', '--resource', 'contoso'], {
    cwd,
    env: { CI: 'true', NODE_DEBUG: 'module' },
  });
  expect(run.exitCode, describeRun(run)).toBe(0);
  const files = [...run.stderr.matchAll(/load "[^"]*[\\/]dist[\\/]([\w/\\-]+)\.cjs"/g)].map(([, name = '']) =>
    name.replaceAll('\\', '/'),
  );
  expect([...new Set(files)].sort()).toEqual([
    'chunks/core',
    'chunks/migrate',
    'chunks/runtime',
    'cli',
    'main',
    'templates/_shared',
  ]);
});
