import { describe, expect, it } from 'vitest';
import {
  oneOf,
  show,
  toPackageName,
  validateApiVersion,
  validateDeployment,
  validateDirectory,
  validatePackageName,
  validateResource,
} from '../../../src/shared/validate.js';

describe('validateResource', () => {
  it.each(['ab', 'contoso', 'Contoso-East-01', '1a', 'a'.repeat(64)])('accepts %s', (value) => {
    expect(validateResource(value)).toBeUndefined();
  });
  it.each([
    '',
    'a',
    '-contoso',
    'contoso-',
    'con_toso',
    'con.toso',
    'a'.repeat(65),
    'contoso.openai.azure.com',
    "x'y",
    'é-name',
    ' contoso',
  ])('rejects %j with the rule', (value) => {
    expect(validateResource(value)).toMatch(/2-64 letters, digits and hyphens/);
  });
});

describe('validateDeployment', () => {
  it.each(['gpt-4o-mini', 'gpt-4.1', 'my_deployment', 'A', 'x'.repeat(64)])('accepts %s', (value) => {
    expect(validateDeployment(value)).toBeUndefined();
  });
  it.each(['', '-gpt', '.gpt', 'gpt 4o', 'gpt/4o', 'x'.repeat(65), 'gpt\n', '$(id)'])('rejects %j', (value) => {
    expect(validateDeployment(value)).toMatch(/letters, digits, dots, underscores and hyphens/);
  });
});

describe('validateApiVersion', () => {
  it.each(['2024-06-01', '2024-10-21', '2025-04-01-preview'])('accepts %s', (value) => {
    expect(validateApiVersion(value)).toBeUndefined();
  });
  it.each(['', '2024-6-1', '2024-13-01', '2024-06-32', 'latest', '2024-06-01-beta', 'v1'])('rejects %j', (value) => {
    expect(validateApiVersion(value)).toMatch(/YYYY-MM-DD/);
  });
});

describe('validateDirectory', () => {
  it.each(['my-app', '.', './my-app', '../apps/my app', '/tmp/x/My App', 'apps/', 'café'])('accepts %j', (value) => {
    expect(validateDirectory(value)).toBeUndefined();
  });
  it.each([
    ['', /must not be empty/],
    ['   ', /must not be empty/],
    ['my\napp', /control characters/],
    ['a\u0000b', /control characters/],
    ['what?', /must not contain/],
    ['a:b', /must not contain/],
    ['con', /reserved file name on Windows/],
    ['apps/LPT1.txt', /reserved file name on Windows/],
    ['app.', /must not end with a dot or a space/],
    ['x'.repeat(256), /at most 255 bytes/],
  ])('rejects %j', (value, rule) => {
    expect(validateDirectory(value)).toMatch(rule);
  });
});

describe('package names', () => {
  it.each([
    ['my-app', 'my-app'],
    ['My App', 'my-app'],
    ['café', 'cafe'],
    ['_private', 'private'],
    ['.hidden', 'hidden'],
    ['!!!', 'azure-inference-app'],
    ['node_modules', 'azure-inference-app'],
  ])('%j becomes %j', (folder, name) => {
    expect(toPackageName(folder)).toBe(name);
    expect(validatePackageName(toPackageName(folder))).toBeUndefined();
  });
  it.each(['', 'A', '_x', '.x', 'a b', 'x'.repeat(215)])('rejects %j', (value) => {
    expect(validatePackageName(value)).toBeDefined();
  });
});

describe('helpers', () => {
  it('oneOf lists the choices', () => {
    expect(oneOf(['a', 'b'])('c')).toBe('use one of: a, b');
    expect(oneOf(['a', 'b'])('a')).toBeUndefined();
  });
  it('show quotes, escapes and shortens', () => {
    expect(show('a"b\n')).toBe('"a\\"b\\n"');
    expect(show('x'.repeat(100))).toHaveLength(82);
    expect(show('\u2028')).toBe('"\\u2028"');
  });
});
