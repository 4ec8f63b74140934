import { execFileSync } from 'node:child_process';
import { parseEnv } from 'node:util';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bashQuote, dotenvQuote, markdownCode, powershellQuote, tsQuote } from '../../../src/project/escape.js';

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
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0') && Buffer.from(s, 'utf8').toString('utf8') === s),
        (value) => {
          expect(bashEcho(bashQuote(value))).toBe(value);
        },
      ),
      { numRuns: 150 },
    );
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
        expect(runInNewContext(tsQuote(value))).toBe(value);
        expect(tsQuote(value)).not.toMatch(/[\u2028\u2029]/);
      }),
      { numRuns: 500 },
    );
  });
  it.each(nasty)('handles %j', (value) => {
    expect(runInNewContext(tsQuote(value))).toBe(value);
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
