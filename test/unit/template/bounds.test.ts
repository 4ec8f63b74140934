// The scan that bounds a template before Handlebars parses it: its depth is the depth of Handlebars' own tree (on
// any mix of blocks, chained else, subexpressions, comments, strings, escapes and raw blocks that parses), and an
// over-deep or oversized source is refused without Handlebars parsing it at all.
import fc from 'fast-check';
import Handlebars from 'handlebars';
import { describe, expect, it, vi } from 'vitest';
import { compile } from '../../../src/project/handlebars.js';
import { MAX_NESTING, MAX_SOURCE, MAX_TAGS, scanTemplate } from '../../../src/template/bounds.js';
import { handlebars as vendored } from '../../../src/vendor/handlebars.js';

const NESTING = new Set(['BlockStatement', 'PartialBlockStatement', 'DecoratorBlock', 'SubExpression']);

/** How deep blocks and subexpressions nest in Handlebars' parsed tree. */
function treeDepth(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node !== 'object' || node === null) continue;
    const type = (node as { type?: unknown }).type;
    const level = typeof type === 'string' && NESTING.has(type) ? depth + 1 : depth;
    deepest = Math.max(deepest, level);
    for (const [key, child] of Object.entries(node)) if (key !== 'loc') stack.push([child, level]);
  }
  return deepest;
}

const PIECES = [
  '{{#if a}}',
  '{{~#if a~}}',
  '{{/if}}',
  '{{~/if~}}',
  '{{#each (list (f a))}}',
  '{{/each}}',
  '{{else}}',
  '{{^}}',
  '{{~else~}}',
  '{{else if b}}',
  '{{~else if (f b)~}}',
  '{{^if c}}',
  '{{#> p}}',
  '{{/p}}',
  '{{x}}',
  '{{{x}}}',
  '{{&x}}',
  '{{f (g (h x)) "a)(" \'}}\'}}',
  '{{[a}}(]}}',
  '{{! a }}',
  '{{!-- {{#if a}} }} --}}',
  '{{~!-- x --~}}',
  '\\{{#if a}}',
  '\\\\{{x}}',
  '{{{{raw}}}}{{#if a}}{{{{/raw}}}}',
  'text',
  '\n',
  '(',
  '}}',
];

describe('scanTemplate', () => {
  it('finds the depth of the tree Handlebars parses, on any template it parses', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (pieces) => {
        const source = pieces.join('');
        let tree: unknown;
        try {
          tree = Handlebars.parseWithoutProcessing(source);
        } catch {
          return; // not a template; the scan need not agree on what Handlebars refuses
        }
        parsed++;
        expect(scanTemplate(source).depth).toBe(treeDepth(tree));
      }),
      { numRuns: 3000 },
    );
    // The property is about templates that parse: enough of them must have been tried.
    expect(parsed).toBeGreaterThan(300);
  });

  it.each([
    ['plain text', 'hello', 0, 0],
    ['a block', '{{#if a}}x{{/if}}', 1, 2],
    ['a block with a subexpression', '{{#if (eq a (b c))}}x{{/if}}', 3, 2],
    ['a chain of else if', '{{#if a}}{{else if b}}{{else if c}}{{else}}{{/if}}', 3, 5],
    ['an escaped tag', '\\{{#if a}} {{x}}', 0, 1],
    ['a comment holding a block', '{{!-- {{#if a}} --}}', 0, 1],
  ])('%s', (_, source, depth, tags) => {
    expect(scanTemplate(source)).toEqual({ depth, tags });
  });

  it('refuses one level too deep, naming the line, and takes the deepest allowed', () => {
    const nested = (n: number) => `\n\n${'{{#if a}}'.repeat(n)}x${'{{/if}}'.repeat(n)}`;
    expect(scanTemplate(nested(MAX_NESTING)).depth).toBe(MAX_NESTING);
    expect(() => scanTemplate(nested(MAX_NESTING + 1))).toThrow(`blocks nest more than ${MAX_NESTING} deep (line 3)`);
    const chain = `{{#if a}}${'{{else if b}}'.repeat(MAX_NESTING)}{{/if}}`;
    expect(() => scanTemplate(chain)).toThrow(`blocks nest more than ${MAX_NESTING} deep (line 1)`);
    const parens = `{{f ${'('.repeat(MAX_NESTING + 1)}g${')'.repeat(MAX_NESTING + 1)}}}`;
    expect(() => scanTemplate(parens)).toThrow(`blocks nest more than ${MAX_NESTING} deep`);
  });

  it.each([
    ['a partial', 'a\n{{> p}}', 2],
    ['a partial with a strip mark', '{{~> p}}', 1],
    ['a partial block', '{{#> p}}x{{/p}}', 1],
    ['an inline partial', '\n\n{{#*inline "p"}}x{{/inline}}', 3],
    ['a decorator', '{{* d}}', 1],
    ['an escaped partial', '\\{{> p}}', undefined],
    ['a partial in a comment', '{{!-- {{> p}} --}}', undefined],
    ['a > in a string', '{{x ">"}}', undefined],
  ])('finds the line of the first partial or decorator: %s', (_, source, line) => {
    expect(scanTemplate(source).partialLine).toBe(line);
  });

  it('refuses too many tags and too large a source', () => {
    expect(scanTemplate('{{x}}'.repeat(MAX_TAGS)).tags).toBe(MAX_TAGS);
    expect(() => scanTemplate('{{x}}'.repeat(MAX_TAGS + 1))).toThrow(`more than ${MAX_TAGS} {{...}} tags`);
    expect(() => scanTemplate('x'.repeat(MAX_SOURCE + 1))).toThrow(`larger than ${MAX_SOURCE / 1024} KiB`);
  });
});

describe('compile', () => {
  it('refuses 5,000 nested blocks without Handlebars parsing them, and parses what is within bounds', async () => {
    // compile makes its Handlebars environment on its first call: count what that environment parses.
    let parses = 0;
    for (const name of ['parse', 'parseWithoutProcessing'] as const) {
      const parse = vendored[name].bind(vendored);
      vi.spyOn(vendored, name).mockImplementation((...args: Parameters<typeof vendored.parse>) => {
        parses++;
        return parse(...args);
      });
    }
    const create = vendored.create.bind(vendored);
    vi.spyOn(vendored, 'create').mockImplementation(() => {
      const environment = create();
      const parse = environment.parse.bind(environment);
      environment.parse = ((...args: Parameters<typeof parse>) => {
        parses++;
        return parse(...args);
      }) as typeof parse;
      return environment;
    });
    await expect(compile(`${'{{#if a}}'.repeat(5000)}x${'{{/if}}'.repeat(5000)}`)).rejects.toThrow(
      'blocks nest more than 64 deep (line 1)',
    );
    await expect(compile('{{x}}'.repeat(MAX_TAGS + 1))).rejects.toThrow('tags');
    expect(parses).toBe(0);
    const template = await compile(`${'{{#if a}}'.repeat(64)}x${'{{/if}}'.repeat(64)}`);
    expect(template({ a: true })).toBe('x');
    expect(parses).toBe(1);
  });
});
