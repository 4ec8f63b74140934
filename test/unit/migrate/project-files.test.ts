// migrate's package.json edit: only the dependencies it sets change; the file keeps its layout byte for byte.
import { describe, expect, it } from 'vitest';
import {
  envExampleName,
  isApplication,
  lowestVersion,
  updatePackageJson,
} from '../../../src/migrate/project-files/package-json.js';
import type { MigrateOptions } from '../../../src/migrate/types.js';

const options = (auth: MigrateOptions['auth'], upgradeSdk = true): MigrateOptions => ({
  path: '.',
  sdk: 'openai',
  auth,
  resource: 'contoso',
  deployments: { byModel: {} },
  write: false,
  force: false,
  strict: false,
  upgradeSdk,
});
const edit = (text: string, auth: MigrateOptions['auth'] = 'entra') =>
  updatePackageJson(text, options(auth), false)?.text;
const codes = (text: string, auth: MigrateOptions['auth'], upgradeSdk: boolean) =>
  updatePackageJson(text, options(auth, upgradeSdk), false)?.findings.map((f) => `${f.level} ${f.code} ${f.message}`);

describe('updatePackageJson keeps the layout (with --upgrade-sdk)', () => {
  it('a one-line package.json stays one line, compact, without a final newline it did not have', () => {
    const text = '{"name":"x","type":"module","engines":{"node":">=22"},"dependencies":{"openai":"^4.20.0"}}';
    expect(edit(text)).toBe(
      '{"name":"x","type":"module","engines":{"node":">=22"},"dependencies":{"@azure/identity":"4.14.1","openai":"7.60.0"}}',
    );
  });

  it('a one-line package.json with spaces keeps them', () => {
    const text = '{ "name": "x", "engines": { "node": ">=22" }, "dependencies": { "openai": "^3.0.0" } }\n';
    expect(edit(text, 'key')).toBe(
      '{ "name": "x", "engines": { "node": ">=22" }, "dependencies": { "openai": "7.60.0" } }\n',
    );
  });

  it('without dependencies, a one-line file gets them on its line', () => {
    expect(edit('{"name":"x","engines":{"node":">=22"}}\n', 'key')).toBe(
      '{"name":"x","engines":{"node":">=22"},"dependencies":{"openai":"7.60.0"}}\n',
    );
  });

  it('CRLF, four spaces and unsorted dependencies: the new one goes last, nothing else moves', () => {
    const text = [
      '{',
      '    "name": "x",',
      '    "engines": { "node": "^20.19.0" },',
      '    "dependencies": {',
      '        "zod": "^3.0.0",',
      '        "openai": "^6.49.0",',
      '        "express": "^4.19.0"',
      '    },',
      '    "private": true',
      '}',
      '',
    ].join('\r\n');
    expect(edit(text)).toBe(
      [
        '{',
        '    "name": "x",',
        '    "engines": { "node": "^20.19.0" },',
        '    "dependencies": {',
        '        "zod": "^3.0.0",',
        '        "openai": "^6.49.0",',
        '        "express": "^4.19.0",',
        '        "@azure/identity": "4.13.1"',
        '    },',
        '    "private": true',
        '}',
        '',
      ].join('\r\n'),
    );
  });

  it('sorted dependencies stay sorted: a new one goes in its place', () => {
    const text =
      '{\n\t"engines": {"node": ">=22"},\n\t"dependencies": {\n\t\t"express": "^4",\n\t\t"zod": "^3"\n\t}\n}\n';
    expect(edit(text)).toBe(
      '{\n\t"engines": {"node": ">=22"},\n\t"dependencies": {\n\t\t"@azure/identity": "4.14.1",\n\t\t"express": "^4",\n\t\t"openai": "7.60.0",\n\t\t"zod": "^3"\n\t}\n}\n',
    );
  });

  it('without dependencies, a multi-line file gets a block in its indentation; an empty one is filled', () => {
    expect(edit('{\n  "name": "x",\n  "engines": { "node": ">=22" }\n}\n', 'key')).toBe(
      '{\n  "name": "x",\n  "engines": { "node": ">=22" },\n  "dependencies": {\n    "openai": "7.60.0"\n  }\n}\n',
    );
    expect(edit('{\r\n  "engines": { "node": ">=22" },\r\n  "dependencies": {}\r\n}', 'key')).toBe(
      '{\r\n  "engines": { "node": ">=22" },\r\n  "dependencies": {\r\n    "openai": "7.60.0"\r\n  }\r\n}',
    );
  });

  it('a value that needs no change leaves the file alone; text that is not one JSON object is not edited', () => {
    expect(
      updatePackageJson('{"engines":{"node":">=22"},"dependencies":{"openai":"^6.49.0"}}', options('key'), false),
    ).toBeUndefined();
    expect(edit('[1]')).toBe('[1]');
    expect(edit('{"a":1} {"b":2}')).toBe('{"a":1} {"b":2}');
  });
});

describe('updatePackageJson never upgrades openai on its own', () => {
  it('Entra ID on openai ^4.23.0: an error naming 5.18 and why, and the file left unchanged, as it says', () => {
    const text = '{"engines":{"node":">=22"},"dependencies":{"openai":"^4.23.0"}}';
    const result = updatePackageJson(text, options('entra', false), false);
    expect(result?.text).toBe(text);
    expect(result?.findings.map((f) => `${f.level} ${f.code}`)).toEqual(['error AZM033']);
    expect(result?.findings[0]?.message).toContain(
      'package.json left unchanged (upgrade openai and add @azure/identity',
    );
    expect(result?.findings[0]?.message).toContain(
      'a function as apiKey (the Entra ID token provider) needs openai 5.18',
    );
    expect(result?.findings[0]?.message).toContain('--upgrade-sdk');
  });

  it('--upgrade-sdk raises it, and says a major upgrade is one; 5.18 and later need nothing', () => {
    expect(codes('{"dependencies":{"openai":"^4.23.0"}}', 'entra', true)?.[0]).toMatch(
      /^info AZM030 dependency openai \^4\.23\.0 -> \d+\.\d+\.\d+ \(--upgrade-sdk\): a major upgrade/,
    );
    expect(codes('{"dependencies":{"openai":"~5.18.1","@azure/identity":"^4"}}', 'entra', false)).toBeUndefined();
    expect(codes('{"dependencies":{"openai":"^5.17.0","@azure/identity":"^4"}}', 'entra', false)?.[0]).toMatch(
      /^error AZM033/,
    );
    expect(codes('{"dependencies":{"openai":"^4.23.0"}}', 'key', false)).toBeUndefined();
    expect(codes('{"devDependencies":{"openai":"^3.3.0"}}', 'key', false)?.[0]).toMatch(
      /^error AZM033 openai \^3\.3\.0/,
    );
    expect(codes('{"name":"x"}', 'key', false)?.[0]).toMatch(/^warning AZM033 package.json does not list openai/);
  });

  it('a package.json with a BOM is read and edited with its BOM kept; invalid JSON is an error finding', () => {
    const bom = '\ufeff{"engines":{"node":">=22"},"dependencies":{"openai":"^6.1.0"}}\n';
    expect(updatePackageJson(bom, options('entra', false), false)?.text).toBe(
      '\ufeff{"engines":{"node":">=22"},"dependencies":{"@azure/identity":"4.14.1","openai":"^6.1.0"}}\n',
    );
    expect(codes('{"dependencies":{"openai":"^6.1.0",}}', 'entra', false)?.[0]).toMatch(
      /^error AZM034 package.json is not one JSON object: .*needs openai 5.18 or later and @azure\/identity/,
    );
  });

  it('reads the lowest version of a range', () => {
    expect(lowestVersion('^4.23.0')).toEqual([4, 23]);
    expect(lowestVersion('>=5.18.0 <7')).toEqual([5, 18]);
    expect(lowestVersion('5.x')).toEqual([5, 0]);
    expect(lowestVersion('^6.0.0 || ^4.1.0')).toEqual([4, 1]);
    expect(lowestVersion('latest')).toBeUndefined();
    expect(lowestVersion('npm:openai@^5.19.1')).toEqual([5, 19]);
  });
});

describe("isApplication: where the environment is the app's to set", () => {
  it.each([
    [undefined, true],
    ['{"name":"app","dependencies":{}}', true],
    ['{"name":"lib","main":"dist/index.js"}', false],
    ['{"name":"lib","exports":{".":"./dist/index.js"},"types":"dist/index.d.ts"}', false],
    ['{"name":"cli","main":"dist/index.js","bin":{"cli":"dist/cli.js"}}', true],
    ['{"name":"site","private":true,"main":"server.js"}', true],
    ['{"name":"server","main":"server.js","scripts":{"start":"node server.js"}}', true],
    ['{ not json', true],
  ])('%s -> %s', (text, expected) => {
    expect(isApplication(text)).toBe(expected);
  });

  it("the example .env is .env.example, else the project's own .env*.example", async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'azure-migrate-env-'));
    try {
      expect(envExampleName(dir)).toBe('.env.example');
      await writeFile(join(dir, '.env.local.example'), 'A=1\n');
      expect(envExampleName(dir)).toBe('.env.local.example');
      await writeFile(join(dir, '.env.example'), 'A=1\n');
      expect(envExampleName(dir)).toBe('.env.example');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('azureSdkPackageJson: the retired SDK leaves package.json whole', () => {
  it('removes every entry of a package listed twice (JSON.parse reads the last one)', async () => {
    const { azureSdkPackageJson } = await import('../../../src/migrate/azure-sdk/package-json.js');
    const text =
      '{\r\n\t"dependencies": {\r\n\t\t"@azure-rest/ai-inference": "1.0.0-beta.5",\r\n\t\t"left-pad": "1.3.0",\r\n\t\t"@azure-rest/ai-inference": "1.0.0-beta.6"\r\n\t}\r\n}';
    const needs = { still: new Set<string>(), dropped: new Set(['@azure-rest/ai-inference']), entra: false };
    const result = azureSdkPackageJson(text, needs);
    const after = result?.text ?? '';
    expect(after).not.toContain('@azure-rest/ai-inference');
    expect(after).toMatch(
      /^\{\r\n\t"dependencies": \{\r\n\t\t"left-pad": "1\.3\.0",\r\n\t\t"openai": "[^"]+"\r\n\t\}\r\n\}$/,
    );
    expect(result?.findings[0]?.message).toMatch(/@azure-rest\/ai-inference removed, openai \S+ added/);
    // A second pass has nothing to remove.
    expect(azureSdkPackageJson(after, { ...needs, dropped: new Set() })).toBeUndefined();
  });
});
