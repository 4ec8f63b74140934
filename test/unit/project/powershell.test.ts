// The generated setup-env.ps1 parses as PowerShell, starts with a BOM, and sets each variable to the exact value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { powershellQuote } from '../../../src/project/escape.js';
import { render } from '../../../src/project/render.js';
import { optionsFrom } from '../../helpers/options.js';
import { decodeVerbatimString, readPowerShell } from '../../helpers/powershell.js';

describe('decodeVerbatimString (the reading side of the tests)', () => {
  it.each([
    ["'abc'", 'abc'],
    ["'it''s'", "it's"],
    ["'a\u2019\u2019b'", 'a\u2019b'],
    ["''", ''],
  ])('%s -> %j', (literal, value) => {
    expect(decodeVerbatimString(literal)).toBe(value);
  });
  it.each(["'a'b'", "'a\u2019b'", "'abc", 'abc'])('rejects %j', (literal) => {
    expect(() => decodeVerbatimString(literal)).toThrow();
  });
});

describe('powershellQuote in a parsed script', () => {
  it('any string without NUL reads back exactly and parses without errors', () => {
    const quotes = fc.constantFrom("'", '\u2018', '\u2019', '\u201a', '\u201b', '$', '`', '"', '\n', '\r', '(', ')');
    const value = fc
      .array(fc.oneof(quotes, fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 12 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        value.filter((v) => !v.includes('\0')),
        (v) => {
          const script = readPowerShell(`$env:X = ${powershellQuote(v)}\nWrite-Host 'done'\n`);
          expect(script.errors).toEqual([]);
          expect(script.envAssignments.get('X')).toBe(v);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('an unescaped typographic quote is caught (the check can fail)', () => {
    expect(() => readPowerShell("$env:X = 'a\u2019b'\n")).toThrow(/ends at character/);
  });
});

describe.each([
  ['key', ['--resource', 'contoso', '--deployment', 'gpt-4.1']],
  ['entra', ['--endpoint', 'https://gw.example.com/$(x)/`y`/team', '--deployment', 'chat_v2']],
  ['key', ['--yes']],
] as const)('setup-env.ps1 (%s auth, %j)', (auth, flags) => {
  it('parses, has a BOM, and sets the endpoint exactly', async () => {
    const options = await optionsFrom(['app', ...flags, '--auth', auth, '--os', 'windows']);
    const files = await render(options);
    const ps1 = String(files.get('setup-env.ps1')?.contents);
    expect(ps1.startsWith('\ufeff')).toBe(true);
    const script = readPowerShell(ps1);
    expect(script.errors).toEqual([]);
    expect(Object.fromEntries(script.envAssignments)).toEqual({
      AZURE_OPENAI_CHAT_ENDPOINT: options.endpoint,
      AZURE_OPENAI_CHAT_DEPLOYMENT: options.deployment,
      // Entra ID: developer credentials only, unless the shell already names others.
      ...(auth === 'entra' ? { AZURE_TOKEN_CREDENTIALS: 'dev' } : {}),
    });
    expect(ps1.includes('Read-Host -AsSecureString')).toBe(auth === 'key');
  });
});
