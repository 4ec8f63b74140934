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
  it('refuses NUL and very long values whatever the pattern', () => {
    expect(checkVariable({}, 'a\0b')).toBe('must not contain NUL characters');
    expect(checkVariable({}, 'x'.repeat(1001))).toBe('must be at most 1000 characters');
  });
});
