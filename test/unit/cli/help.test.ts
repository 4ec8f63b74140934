// --help, the options table of docs/options.md and the parser must name the same flags.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { HELP } from '../../../src/cli/help.js';

const flagsIn = (text: string) => new Set([...text.matchAll(/(?<![\w-])--?[a-z][a-z-]*/g)].map((m) => m[0]));

describe('the command line contract', () => {
  it('the options table of docs/options.md and --help list the same flags', async () => {
    const doc = await readFile(new URL('../../../docs/options.md', import.meta.url), 'utf8');
    const start = doc.indexOf('| Option | Meaning |');
    const table = doc.slice(start, doc.indexOf('\n## ', start));
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
