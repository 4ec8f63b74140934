// docs/templates.md's template context table names every value templates can read, and nothing else.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { buildContext } from '../../../src/project/context.js';
import { optionsFrom } from '../../helpers/options.js';

it('docs/templates.md documents exactly the template context', async () => {
  const readme = await readFile(new URL('../../../docs/templates.md', import.meta.url), 'utf8');
  const table = readme.slice(
    readme.indexOf('| Variable | Example | Meaning |'),
    readme.indexOf('The API key is not in the context'),
  );
  const documented = new Set(
    table
      .split('\n')
      .slice(2)
      .flatMap((row) => (row.split('|')[1] ?? '').match(/`[^`]+`/g) ?? [])
      .map((name) => name.slice(1, -1)),
  );
  const context = buildContext(await optionsFrom(['app', '--yes']));
  const actual = new Set(
    Object.entries(context).flatMap(([key, value]) =>
      key === 'commands' || key === 'has' ? Object.keys(value as object).map((name) => `${key}.${name}`) : [key],
    ),
  );
  expect([...documented].sort()).toEqual([...actual].sort());
});

it('docs/templates.md documents every quoting helper', async () => {
  const readme = await readFile(new URL('../../../docs/templates.md', import.meta.url), 'utf8');
  for (const helper of ['sh', 'ps', 'ts', 'dotenv', 'code']) expect(readme).toContain(`| \`{{${helper} value}}\` |`);
});
