import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  oneOf,
  show,
  toPackageName,
  validateApiKey,
  validateApiVersion,
  validateDeployment,
  validateDirectory,
  validateNode,
  validatePackageName,
  validateResource,
} from '../../../src/shared/validate.js';

describe('validateNode: a major or a full version, 20 or later', () => {
  it.each(['20', '22', '24', '100', '20.19', '20.20.2', '22.18.0', '24.11.1'])('accepts %s', (value) => {
    expect(validateNode(value)).toBeUndefined();
  });
  it.each(['18', '18.0.0', '19.9.9', '9', '16.20'])('refuses %s: too old', (value) => {
    expect(validateNode(value)).toBe('must be 20 or later: Node.js 18 and older cannot run the Azure SDKs');
  });
  it.each(['', 'v24', '24.x', '24.', '24.1.2.3', 'lts', '1000', ' 24', '24\n', '22.18.0-rc.1', '0', '024', '22.018'])(
    'refuses %j: not a version',
    (value) => {
      expect(validateNode(value)).toBe('use a major version number such as 24, or a full version such as 22.18.0');
    },
  );
});

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

describe('validateApiKey', () => {
  it.each(['a1B2c3', 'ab"cd', '"quoted"', 'a`b`c', 'x#y$HOME\\z!&;|', 'k'.repeat(512)])('accepts %j', (value) => {
    expect(validateApiKey(value)).toBeUndefined();
  });
  it.each(['', "it's", 'a b', 'a\tb', 'a\nb', 'café', 'k'.repeat(513)])('rejects %j', (value) => {
    expect(validateApiKey(value)).toMatch(/^must be 1-512 printable ASCII characters without spaces or single quotes/);
  });
  it('refuses exactly the characters its rule names: space and the single quote, of all printable ASCII', () => {
    const refused = [];
    for (let code = 0x20; code <= 0x7e; code++) {
      const char = String.fromCharCode(code);
      if (validateApiKey(`ab${char}cd`) !== undefined) refused.push(char);
    }
    expect(refused).toEqual([' ', "'"]);
    expect(validateApiKey("'")).toContain("' would end the value in .env");
    expect(validateApiKey("'")).not.toMatch(/without spaces or quotes/);
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

  // Every folder the run makes on the way to the project must be portable too, not only the last one.
  it.each([
    ['p5/CON/x', /the folder "CON" that the run would create on the way must not be "CON", a reserved file name/],
    ['a/lpt1.txt/b', /the folder "lpt1.txt" .* reserved file name on Windows/],
    ['a/b./c', /the folder "b\." .* must not end with a dot or a space/],
    ['a/what?/c', /the folder "what\?" .* must not contain/],
    [`${'x'.repeat(256)}/c`, /the folder "x+\.\.\." .* at most 255 bytes/],
  ])('rejects %j for a folder on the way', (value, rule) => {
    expect(validateDirectory(value)).toMatch(rule);
  });

  describe('where the run resolves it (cwd given)', () => {
    let cwd: string;
    beforeAll(async () => {
      cwd = await mkdtemp(join(tmpdir(), 'caia-validate-'));
      // Folders that exist already: the run makes none of them, so their names are not its business.
      await mkdir(join(cwd, 'aux.', 'CON'), { recursive: true });
    });
    afterAll(async () => {
      await rm(cwd, { recursive: true, force: true });
    });

    it.each(['p5/CON/x', 'new/b./x', 'aux./CON/new/nul/x', '../x/com1/y'])(
      'rejects %j: a folder it would create is not portable',
      (value) => {
        expect(validateDirectory(value, cwd)).toMatch(/that the run would create on the way/);
      },
    );
    it.each(['aux./CON/x', 'aux./x', join('aux.', 'CON', 'new', 'x'), 'a/b/..'])(
      'accepts %j: the odd names exist already',
      (value) => {
        expect(validateDirectory(value, cwd)).toBeUndefined();
      },
    );
    it('resolves . and .. first: a folder named only on the way back is never made', () => {
      expect(validateDirectory('CON/..', cwd)).toBeUndefined();
      expect(validateDirectory('CON/../x', cwd)).toBeUndefined();
      expect(validateDirectory('x/../CON/y', cwd)).toMatch(/the folder "CON"/);
    });
    it('still checks the project folder itself when it exists', () => {
      expect(validateDirectory('aux.', cwd)).toMatch(/^the folder name must not be "aux.", a reserved file name/);
    });
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
