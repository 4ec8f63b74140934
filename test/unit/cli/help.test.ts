// --help, README's options table and the parser must name the same flags.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { HELP } from '../../../src/cli/help.js';

const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--?[a-z][a-z-]*/g)].map((m) => m[0]));

describe('the command line contract', () => {
  it('README options table and --help list the same flags', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Options'), readme.indexOf('Exit codes:'));
    const helpOptions = HELP.slice(HELP.indexOf('Azure:'), HELP.indexOf('Example:'));
    expect([...flagsIn(table)].sort()).toEqual([...flagsIn(helpOptions)].sort());
  });

  it('every flag --help names is accepted by the parser', () => {
    const helpOptions = HELP.slice(HELP.indexOf('Azure:'), HELP.indexOf('Example:'));
    for (const flag of flagsIn(helpOptions)) {
      const needsValue = new RegExp(`${flag} <`).test(helpOptions);
      expect(() => parseArgs(needsValue ? [`${flag}=x`] : [flag]), flag).not.toThrow();
    }
  });

  it('--help fits an 120-column terminal', () => {
    for (const line of HELP.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
  });
});
