import { execFileSync } from 'node:child_process';
import { parseEnv } from 'node:util';
import { createContext, runInContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bashQuote, dotenvQuote, markdownCode, powershellQuote, tsQuote } from '../../../src/project/escape.js';

// One context for every evaluation: a new V8 context per case cost tens of milliseconds, seconds per property.
const context = createContext(Object.create(null));
const evaluate = (code: string): unknown => runInContext(code, context);

const nasty = [
  "it's",
  '"$(id)"',
  '`id`',
  '$HOME ${HOME} $((1+1))',
  'a\nb\r\nc',
  '\\',
  '!',
  '\u2018\u2019\u201a\u201b',
  '\u2028\u2029',
  '\ud800',
  '🙂',
  '',
];

/** What bash prints for a quoted word. */
function bashEcho(literal: string): string {
  return execFileSync('bash', ['--norc', '--noprofile', '-c', `printf '%s' ${literal}`], { encoding: 'utf8' });
}

describe('bashQuote', () => {
  it.each(nasty.filter((v) => v !== '\ud800'))('reads back %j exactly from a real bash', (value) => {
    expect(bashEcho(bashQuote(value))).toBe(value);
  });
  it('refuses NUL', () => {
    expect(() => bashQuote('a\0b')).toThrow(/NUL/);
  });
  it('round-trips any string without NUL (bash property)', () => {
    // One bash reads every case: a process per case made this test a race against its time limit on a busy machine.
    // Any code point but NUL and the surrogates (which UTF-8 cannot carry), built directly: filtering random
    // strings for well-formed ones took seconds, and timed out on a busy machine.
    const codePoint = fc
      .integer({ min: 1, max: 0x10ffff })
      .filter((c) => c < 0xd800 || c > 0xdfff)
      .map((c) => String.fromCodePoint(c));
    const values = fc.sample(fc.string({ unit: fc.oneof(codePoint, fc.constantFrom("'", '\\', '\n', '!', '$')) }), {
      numRuns: 150,
      seed: 14,
    });
    const script = values.map((value) => `printf '%s\\0' ${bashQuote(value)}`).join('\n');
    const printed = execFileSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8' }).split('\0');
    expect(printed.slice(0, -1)).toEqual(values);
  });
});

describe('powershellQuote', () => {
  it('doubles every quote character PowerShell ends a single-quoted string at', () => {
    expect(powershellQuote("a'b\u2018c\u2019d\u201ae\u201bf")).toBe(
      "'a''b\u2018\u2018c\u2019\u2019d\u201a\u201ae\u201b\u201bf'",
    );
  });
  it('leaves $ and backticks alone (nothing expands in single quotes)', () => {
    expect(powershellQuote('$env:X `n $(Get-Date)')).toBe("'$env:X `n $(Get-Date)'");
  });
});

describe('tsQuote', () => {
  it('evaluates back to the exact value for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(evaluate(tsQuote(value))).toBe(value);
        expect(tsQuote(value)).not.toMatch(/[\u2028\u2029]/);
      }),
      { numRuns: 500 },
    );
  });
  it.each(nasty)('handles %j', (value) => {
    expect(evaluate(tsQuote(value))).toBe(value);
  });
});

describe('dotenvQuote', () => {
  it('parses back with Node', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !/['\r\n\0]/.test(s)),
        (value) => {
          expect(parseEnv(`X=${dotenvQuote(value)}\n`).X).toBe(value);
        },
      ),
      { numRuns: 300 },
    );
  });
  it.each(["it's", 'a\nb', 'a\rb', 'a\0b'])('refuses %j', (value) => {
    expect(() => dotenvQuote(value)).toThrow(/cannot hold/);
  });
});

describe('markdownCode', () => {
  it.each([
    ['gpt-4o', '`gpt-4o`'],
    ['a`b', '``a`b``'],
    ['`x', '`` `x ``'],
    ['a ``` b', '````a ``` b````'],
  ])('%j -> %j', (value, code) => {
    expect(markdownCode(value)).toBe(code);
  });
  it('refuses line breaks', () => {
    expect(() => markdownCode('a\nb')).toThrow(/line breaks/);
  });
});
