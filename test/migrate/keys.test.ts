// No credential changes hands: a client moves only with its own read of OPENAI_API_KEY (or no key), and a finding
// says where any other key comes from; nothing outside the client's options is edited.
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/migrate/rules/analyze.js';
import { options } from './helpers.js';

const analyze = (text: string) => analyzeFile('src/a.ts', text, options('.', { resource: 'contoso' }), () => undefined);

describe('keys', () => {
  it.each([
    [
      'const profile = await load();\nnew OpenAI({ apiKey: profile.openai_api_key || "" });',
      'a property of a value (profile.openai_api_key)',
    ],
    ['export function f(key: string) { return new OpenAI({ apiKey: key }); }', 'the parameter `key`'],
    ['const apiKey = process.env.OPENAI_API_KEY;\nnew OpenAI({ apiKey });', 'the variable `apiKey`'],
    ['new OpenAI({ apiKey: await vault.get("openai") });', 'the result of a call'],
    ['new OpenAI({ apiKey: process.env.TENANT_KEY });', 'the environment variable TENANT_KEY'],
  ])('%s: an error naming %s, and the file unchanged', (code, where) => {
    const result = analyze(`import OpenAI from "openai";\n${code}\n`);
    expect(result.output).toBeUndefined();
    const errors = result.findings.filter((f) => f.code === 'AZM016');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.level).toBe('error');
    expect(errors[0]?.message).toContain(`the API key is ${where},`);
  });

  it.each([
    'new OpenAI()',
    'new OpenAI({ apiKey: process.env.OPENAI_API_KEY })',
    'new OpenAI({ apiKey: process.env["OPENAI_API_KEY"] })',
    'new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? "" })',
  ])('%s moves, reading AZURE_OPENAI_CHAT_KEY itself', (code) => {
    const result = analyze(`import OpenAI from "openai";\nexport const c = ${code};\n`);
    expect(result.output).toContain('apiKey: process.env.AZURE_OPENAI_CHAT_KEY ?? ""');
    expect(result.output).not.toContain('OPENAI_API_KEY');
  });

  it('a variable the client shares with a fetch to api.openai.com is never renamed', () => {
    const text = [
      'import OpenAI from "openai";',
      'const apiKey = process.env.OPENAI_API_KEY;',
      'export const moved = new OpenAI();',
      'export const call = () => fetch("https://api.openai.com/v1/realtime/sessions", { headers: { Authorization: `Bearer ${apiKey}` } });',
      '',
    ].join('\n');
    const result = analyze(text);
    expect(result.output).toContain('const apiKey = process.env.OPENAI_API_KEY;');
    expect(result.findings.map((f) => `${f.level} ${f.code}`)).toEqual([
      'warning AZM008',
      'info AZM001',
      'error AZM020',
    ]);
  });
});

describe('Entra ID', () => {
  const entra = (text: string) =>
    analyzeFile('src/a.ts', text, options('.', { resource: 'contoso', auth: 'entra' }), () => undefined).output ?? '';

  it('one token provider per module, after the imports, shared by every client (none built per request)', () => {
    const out = entra(
      'import OpenAI from "openai";\nimport express from "express";\n\nexport const a = () => new OpenAI();\nexport const b = () => new OpenAI();\n',
    );
    expect(out.match(/new DefaultAzureCredential\(\)/g)).toHaveLength(1);
    expect(out.match(/apiKey: azureTokenProvider,/g)).toHaveLength(2);
    expect(out.indexOf('const azureTokenProvider')).toBeGreaterThan(out.indexOf('import express'));
  });

  it('before a client built ahead of a later import, and under a name the file does not use', () => {
    const out = entra(
      'import OpenAI from "openai";\nconst azureTokenProvider = 1;\nexport const a = new OpenAI();\nimport x from "x";\n',
    );
    expect(out.indexOf('const azureTokenProvider2 = getBearerTokenProvider')).toBeLessThan(out.indexOf('new OpenAI('));
    expect(out).toContain('apiKey: azureTokenProvider2,');
  });
});
