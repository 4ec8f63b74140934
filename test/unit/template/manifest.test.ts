import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/shared/errors.js';
import { checkVariable, parseManifest } from '../../../src/template/manifest.js';

describe('parseManifest', () => {
  it('fills defaults: extends the built-in flavour, variables required and not secret', () => {
    expect(parseManifest({ variables: [{ name: 'a', prompt: 'A?' }] }, 'folder')).toEqual({
      name: 'folder',
      description: '',
      extends: true,
      variables: [{ name: 'a', prompt: 'A?', secret: false, required: true }],
    });
  });

  it.each([
    [[], 'template.json: must be a JSON object'],
    [{ nmae: 'x' }, 'template.json: nmae: is not a known field'],
    [{ name: 3 }, 'template.json: name: must be a string'],
    [{ extends: 'yes' }, 'template.json: extends: must be true or false'],
    [{ variables: {} }, 'template.json: variables: must be an array'],
    [{ variables: ['x'] }, 'template.json: variables[0]: must be an object'],
    [{ variables: [{ name: '1a', prompt: 'p' }] }, 'template.json: variables[0].name: must be a letter'],
    [{ variables: [{ name: 'a', prompt: '' }] }, 'template.json: variables[0].prompt: must be a non-empty string'],
    [
      { variables: [{ name: 'a', prompt: 'p', pattern: '(' }] },
      'template.json: variables[0].pattern: not a valid regular expression',
    ],
    [
      { variables: [{ name: 'a', prompt: 'p', pattern: '[a-z]+', default: 'A' }] },
      'template.json: variables[0].default: must match [a-z]+',
    ],
    [
      { variables: [{ name: 'a', prompt: 'p', secret: true, default: 'x' }] },
      'template.json: variables[0].default: a secret cannot have a default',
    ],
    [
      { variables: [{ name: 'a', prompt: 'p', secret: 'no' }] },
      'template.json: variables[0].secret: must be true or false',
    ],
    [
      { variables: [{ name: 'a', prompt: 'p', requird: false }] },
      'template.json: variables[0].requird: is not a known field',
    ],
    [
      {
        variables: [
          { name: 'a', prompt: 'p' },
          { name: 'a', prompt: 'q' },
        ],
      },
      'template.json: variables[1].name: "a" is declared twice',
    ],
  ])('%j is refused naming the field', (data, message) => {
    expect(() => parseManifest(data, 'x')).toThrow(UsageError);
    expect(() => parseManifest(data, 'x')).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(() => parseManifest({ extends: 1, name: 2 }, 'x')).toThrow(
      'template.json: name: must be a string\ntemplate.json: extends: must be true or false',
    );
  });
});

describe('checkVariable', () => {
  it('anchors the pattern to the whole value', () => {
    expect(checkVariable({ pattern: '[a-z]+' }, 'abc')).toBeUndefined();
    expect(checkVariable({ pattern: '[a-z]+' }, 'abc1')).toBe('must match [a-z]+');
    expect(checkVariable({ pattern: 'a|b' }, 'ab')).toBe('must match a|b');
  });
  it('refuses very long values whatever the pattern', () => {
    expect(checkVariable({}, 'x'.repeat(1001))).toBe('must be at most 1000 characters');
  });
  // A value is one line of plain text: what a control character would do where a template writes it raw.
  it.each([
    ['a\0b', 'U+0000 (NUL)'],
    ['a\u001b[31mred', 'U+001B (ESC)'],
    ['hidden\rshown', 'U+000D (carriage return)'],
    ['two\nlines', 'U+000A (line feed)'],
    ['a\tb', 'U+0009 (tab)'],
    ['a\u007fb', 'U+007F (DEL)'],
    ['a\u009bb', 'U+009B'],
    ['abc\u202etxt.exe', 'U+202E'],
    ['a\u2028b', 'U+2028'],
  ])('refuses %j whatever the pattern: it has %s', (value, named) => {
    const rule = `must not contain control characters, tabs or line breaks (it has ${named})`;
    expect(checkVariable({}, value)).toBe(rule);
    expect(checkVariable({ pattern: '[^x]*' }, value)).toBe(rule);
  });
  it('takes spaces and any printable Unicode', () => {
    expect(checkVariable({}, ' a b ')).toBeUndefined();
    expect(checkVariable({}, 'café 🙂 ‘quoted’ \u00a0')).toBeUndefined();
  });
});
