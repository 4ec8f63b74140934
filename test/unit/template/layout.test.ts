import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/project/handlebars.js';
import {
  editDistance,
  FLAVOUR_FOLDERS,
  misspeltLayer,
  misspeltManifest,
  placeFile,
} from '../../../src/template/layout.js';
import { matchesWithin } from '../../../src/template/pattern.js';
import { SDKS } from '../../../src/types.js';

describe('the layout', () => {
  it('knows the same flavours as the options', () => {
    expect([...FLAVOUR_FOLDERS].sort()).toEqual([...SDKS].sort());
  });

  it.each([
    ['open-ai', 'openai'],
    ['OpenAI', 'openai'],
    ['open_ai', 'openai'],
    ['opneai', 'openai'],
    ['_openai', 'openai'],
    ['azure_inference', 'azure-inference'],
    ['AzureInference', 'azure-inference'],
    ['azure-inferance', 'azure-inference'],
    ['azure-inferece', 'azure-inference'],
    ['_Shared', '_shared'],
    ['_share', '_shared'],
    ['__shared', '_shared'],
  ])('%s looks like a misspelt %s/', (name, meant) => {
    expect(misspeltLayer(name)).toBe(meant);
    expect(() => placeFile(`${name}/x.ts`)).toThrow(`looks like a misspelt ${meant}/`);
  });

  it.each([
    'openai',
    'azure-inference',
    '_shared',
    'openapi',
    'open',
    'shared',
    'docs',
    'src',
    '__tests__',
    'azure',
    'ai',
  ])('%s/ is not taken for a misspelling', (name) => {
    expect(misspeltLayer(name)).toBeUndefined();
  });

  it('places root files, flavour folders and _shared/', () => {
    expect(placeFile('docs/TEAM.md')).toEqual({ file: 'docs/TEAM.md', layer: 'shared', path: 'docs/TEAM.md' });
    expect(placeFile('_shared/a.ts')).toEqual({ file: '_shared/a.ts', layer: 'shared', path: 'a.ts' });
    expect(placeFile('openai/a.ts')).toEqual({ file: 'openai/a.ts', layer: 'openai', path: 'a.ts' });
    expect(placeFile('template.json')).toBeUndefined();
    expect(placeFile('docs/.DS_Store')).toBeUndefined();
    expect(placeFile('docs/template.json')).toEqual({
      file: 'docs/template.json',
      layer: 'shared',
      path: 'docs/template.json',
    });
  });

  it('takes Template.json and templates.json for misspellings, not tsconfig.json or template.js', () => {
    expect(misspeltManifest('Template.json')).toBe(true);
    expect(misspeltManifest('templates.json')).toBe(true);
    expect(misspeltManifest('tempalte.json')).toBe(true);
    expect(misspeltManifest('tsconfig.json')).toBe(false);
    expect(misspeltManifest('template.js')).toBe(false);
  });

  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('opneai', 'openai')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('patterns run with a time limit', () => {
  it('answers ordinary patterns and stops a backtracking one', () => {
    expect(matchesWithin('^(?:[a-z]{2})$', 'eu', 1000)).toBe(true);
    expect(matchesWithin('^(?:[a-z]{2})$', 'EUR', 1000)).toBe(false);
    expect(matchesWithin('^(?:(a|a)*b)$', 'a'.repeat(40), 200)).toBe('timeout');
    // A new worker after the timeout.
    expect(matchesWithin('^(?:(a|a)*b)$', 'aab', 1000)).toBe(true);
  });
});

describe('the Handlebars environment', () => {
  it('refuses {{log}} and deep nesting when compiling', async () => {
    // Handlebars compiles on the first call.
    const log = await compile('{{log "x"}}');
    expect(() => log({})).toThrow('unknown helper log');
    await expect(compile(`${'{{#if a}}'.repeat(65)}${'{{/if}}'.repeat(65)}`)).rejects.toThrow('nest more than 64 deep');
    await expect(compile(`${'{{#if a}}'.repeat(64)}${'{{/if}}'.repeat(64)}`)).resolves.toBeTypeOf('function');
  });
});
