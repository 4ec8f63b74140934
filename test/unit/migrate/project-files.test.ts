// migrate's package.json edit: only the dependencies it sets change; the file keeps its layout byte for byte.
import { describe, expect, it } from 'vitest';
import { updatePackageJson } from '../../../src/migrate/project-files.js';
import type { MigrateOptions } from '../../../src/migrate/types.js';

const options = (auth: MigrateOptions['auth']): MigrateOptions => ({
  path: '.',
  sdk: 'openai',
  auth,
  resource: 'contoso',
  deployments: { byModel: {} },
  write: false,
  force: false,
  strict: false,
});
const edit = (text: string, auth: MigrateOptions['auth'] = 'entra') =>
  updatePackageJson(text, options(auth), false)?.text;

describe('updatePackageJson keeps the layout', () => {
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
    expect(edit('[1]')).toBeUndefined();
    expect(edit('{"a":1} {"b":2}')).toBeUndefined();
  });
});
