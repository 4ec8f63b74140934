// The programmatic API as a user of the published package gets it: dist/main.cjs, imported from an ES module.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

it('plans without writing, then creates the project, through the built package', async () => {
  const api = (await import(join(ROOT, 'dist', 'main.cjs'))) as typeof import('../../src/index.js');
  const cwd = await tempDir('caia-api-');
  const args = api.parseArgs([
    'my-app',
    '--resource',
    'contoso',
    '--deployment',
    'gpt-4.1',
    '--no-install',
    '--no-git',
  ]);
  const options = await api.resolveOptions(args, { cwd, platform: 'linux', userAgent: undefined });
  const planned = await api.plan(options);
  expect(planned.steps.map((step) => [step.name, step.run, step.reason])).toEqual([
    ['verify', false, 'not asked for'],
    ['write', true, 'a new folder'],
    ['install', false, '--no-install'],
    ['git', false, 'not asked for'],
  ]);
  expect(await readdir(cwd)).toEqual([]);

  const result = await api.create(options);
  expect(result.directory).toBe(join(cwd, 'my-app'));
  const written = await readdir(join(cwd, 'my-app'), { recursive: true, withFileTypes: true });
  const files = written.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  expect(files.sort()).toEqual(result.files.map((file) => join(cwd, 'my-app', file.path)).sort());
});

it('returns the warnings the command line prints: from the plan, and in what create() gives back', async () => {
  const api = (await import(join(ROOT, 'dist', 'main.cjs'))) as typeof import('../../src/index.js');
  const cwd = await tempDir('caia-api-');
  const args = api.parseArgs(['app', '--yes', '--sdk', 'azure-inference', '--no-install', '--no-git', '--dry-run']);
  const options = await api.resolveOptions(args, { cwd, platform: 'linux', userAgent: undefined });
  const planned = await api.plan(options);
  const retired = expect.stringMatching(/^The Azure AI Inference SDK \(--sdk azure-inference\) was retired/);
  const placeholders = expect.stringMatching(/^No --resource \(<your-resource-name>\) or --deployment/);
  expect(planned.warnings).toEqual(expect.arrayContaining([retired, placeholders]));

  const heard: string[] = [];
  const result = await api.create(options, { onWarning: (message) => heard.push(message) });
  expect(result.warnings).toEqual(planned.warnings);
  expect(heard).toEqual(planned.warnings);
});

it('refuses a bad value with UsageError, naming the flag', async () => {
  const api = (await import(join(ROOT, 'dist', 'main.cjs'))) as typeof import('../../src/index.js');
  const args = api.parseArgs(['app', '--resource', 'bad_name', '--deployment', 'd']);
  const error = await api
    .resolveOptions(args, { cwd: await tempDir('caia-api-'), platform: 'linux', userAgent: undefined })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(api.UsageError);
  expect((error as Error).message).toContain('--resource "bad_name"');
});
