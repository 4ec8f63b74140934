// How a file is laid out, for options objects that migrate writes over several lines.
import { describe, expect, it } from 'vitest';
import { layoutOf } from '../../src/migrate/rules/client-options.js';

describe('layoutOf', () => {
  it('reads the indentation unit: 2 or 4 spaces or a tab, JSDoc lines ignored', () => {
    const four =
      'class A {\n    /**\n     * Doc.\n     */\n    f() {\n        return {\n            a: 1,\n        };\n    }\n}\n';
    expect(layoutOf(four).unit).toBe('    ');
    expect(layoutOf('function f() {\n  if (x) {\n    y();\n  }\n}\n').unit).toBe('  ');
    expect(layoutOf('function f() {\n\tif (x) {\n\t\ty();\n\t}\n}\n').unit).toBe('\t');
    expect(layoutOf('const x = 1;\n').unit).toBe('  ');
  });

  it('reads the trailing-comma habit, with CRLF too', () => {
    expect(layoutOf('f({\r\n  a: 1,\r\n  b: [\r\n    2,\r\n  ],\r\n});\r\n').trailingComma).toBe(true);
    expect(layoutOf('f({\n  a: 1,\n  b: 2\n});\nfunction g() {\n  return 1;\n}\n').trailingComma).toBe(false);
  });
});
