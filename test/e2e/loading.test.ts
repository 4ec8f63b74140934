// What a run loads, read from Node's own module log (NODE_DEBUG=module): a plain scaffold loads none of the libraries
// in dist/vendor/ and no extra Node modules for files, and each library comes in only with the run that needs it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeRun, runCli, tempDir } from '../helpers/cli.js';

const flags = ['app', '--resource', 'contoso', '--deployment', 'gpt-4o-mini', '--no-install'];

/** Runs the CLI with Node's module log on; returns the vendor bundles and built-in modules it loaded. */
async function loaded(args: string[]) {
  const cwd = await tempDir('caia-loading-');
  const run = await runCli(args, { cwd, env: { CI: 'true', NODE_DEBUG: 'module' } });
  expect(run.exitCode, describeRun(run)).toBe(0);
  const vendor = [...run.stderr.matchAll(/load "[^"]*[\\/]dist[\\/]vendor[\\/]([\w-]+)\.cjs"/g)].map(
    ([, name]) => name,
  );
  const builtIn = [...run.stderr.matchAll(/load built-in module (\S+)/g)].map(([, name]) => name);
  return { vendor: [...new Set(vendor)].sort(), builtIn: new Set(builtIn) };
}

// fs/promises is loaded: the project is written asynchronously, so that a signal is seen between files.
it('a plain scaffold loads no vendor library, and neither os nor child_process', async () => {
  const { vendor, builtIn } = await loaded([...flags, '--no-git']);
  expect(vendor).toEqual([]);
  for (const name of ['node:os', 'os', 'node:child_process', 'child_process']) {
    expect(builtIn.has(name), name).toBe(false);
  }
});

it('git brings execa, and nothing else', async () => {
  expect((await loaded([...flags, '--git'])).vendor).toEqual(['execa']);
});

it('a custom template brings the Handlebars compiler, and nothing else', async () => {
  const template = await tempDir('caia-loading-template-');
  await mkdir(join(template, '_shared'));
  await writeFile(join(template, '_shared', 'NOTES.md.hbs'), '# {{projectName}}\n');
  expect((await loaded([...flags, '--no-git', '--template', template])).vendor).toEqual(['handlebars']);
});
