// The values in the docs' tables are the code's: the pinned versions, what a pasted endpoint becomes, the variables
// a generated project reads, the az commands --provision runs, and the web template's size: a change to any of them
// shows up here as a doc to update.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPACITY, DEFAULT_DEPLOYMENT_SKU, provisionCommands } from '../../src/azure/provision/commands.js';
import { buildContext } from '../../src/project/context.js';
import { render } from '../../src/project/render.js';
import { pinSets } from '../../src/project/versions.js';
import type { Command, Provisioning } from '../../src/types.js';
import { ROOT } from '../helpers/cli.js';
import { repositoryDocs } from '../helpers/docs.js';
import { optionsFrom } from '../helpers/options.js';

const docs = repositoryDocs();

describe('the numbers docs/web.md gives of the web template', () => {
  const web = docs.find((doc) => doc.name === 'docs/web.md')?.text ?? '';

  it("the server's line count", async () => {
    const lines = Number(/`src\/web\/server\.ts`\) is (\d+) lines/.exec(web)?.[1]);
    const server = await readFile(join(ROOT, 'templates/web/src/web/server.ts'), 'utf8');
    expect(lines).toBe(server.trimEnd().split('\n').length);
  });

  it("the page's size", async () => {
    const kb = Number(/\(([\d.]+) KB in all\)/.exec(web)?.[1]);
    const folder = join(ROOT, 'templates/web/public');
    const sizes = await Promise.all((await readdir(folder)).map(async (file) => (await stat(join(folder, file))).size));
    expect(kb).toBe(Number((sizes.reduce((a, b) => a + b, 0) / 1000).toFixed(1)));
  });
});

describe('the pinned versions docs/project.md gives', () => {
  it('are the pins of src/project/versions.ts, each set in its own column', () => {
    const text = docs.find((doc) => doc.name === 'docs/project.md')?.text ?? '';
    const start = text.indexOf('| | Node.js 22.18+');
    const rows = text
      .slice(start, text.indexOf('\n\n', start))
      .split('\n')
      .slice(2)
      .map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim()));
    const versionsIn = (cells: string[]) =>
      [...new Set(cells.flatMap((cell) => cell.match(/\b\d+\.\d+\.\d+(?:-[\w.]+)?/g) ?? []))].sort();
    const columns = [pinSets.current, pinSets.node20];
    columns.forEach((set, i) => {
      const cells = rows.map((row) => row[i + 2] ?? '');
      const engines = rows.find((row) => row[1] === '`engines.node`')?.[i + 2];
      expect(engines, set.name).toBe(`\`${set.engines.replace('||', '\\|\\|')}\``);
      const pins = [...Object.values(set.packages), ...Object.values(set.typesNode)];
      const named = versionsIn(cells.filter((cell) => cell !== engines));
      expect(named, set.name).toEqual([...new Set(pins)].sort());
    });
  });
});

describe('the endpoints docs/options.md says you may paste', () => {
  const text = docs.find((doc) => doc.name === 'docs/options.md')?.text ?? '';
  const section = text.slice(text.indexOf('## Endpoints you may paste'));
  // The rows whose pasted value is a whole URL: `https://<r>...`, and what each flavour makes of it.
  const rows = [...section.matchAll(/^\| `(https:\/\/<r>[^`]*)`[^|]* \| (.+) \| (.+) \|$/gm)].map((m) => ({
    pasted: (m[1] ?? '').replace('<r>', 'contoso').replace('<p>', 'proj'),
    openai: m[2] ?? '',
    'azure-inference': m[3] ?? '',
  }));

  it('has rows to check', () => expect(rows.length).toBeGreaterThanOrEqual(5));

  it.each(
    rows.flatMap((row) => (['openai', 'azure-inference'] as const).map((sdk) => [row.pasted, sdk, row] as const)),
  )('%s with --sdk %s becomes what the table says', async (pasted, sdk, row) => {
    const cell = row[sdk];
    const spans = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    const expected = (spans.find((span) => span.includes('/openai/')) ?? '')
      .replace('<host>', new URL(pasted).origin)
      .replace('<r>', 'contoso')
      .replace('<d>', 'chat');
    const options = await optionsFrom(['app', '--endpoint', pasted, '--deployment', 'chat', '--sdk', sdk, '--yes']);
    expect(buildContext(options).endpoint).toBe(expected);
  });
});

describe("the generated project's environment variables, as README.md and docs/project.md give them", () => {
  /** The variables a rendered .env.example sets, for one auth method. */
  async function variablesOf(auth: 'key' | 'entra'): Promise<string[]> {
    const files = await render(
      await optionsFrom(['app', '--resource', 'contoso', '--deployment', 'chat', '--auth', auth]),
    );
    const entry = files.get('.env.example');
    const text = typeof entry?.contents === 'string' ? entry.contents : '';
    return [...text.matchAll(/^(\w+)=/gm)].map((m) => m[1] ?? '').sort();
  }
  const tableOf = (name: string) => {
    const text = docs.find((doc) => doc.name === name)?.text ?? '';
    const start = text.indexOf('| Variable | Value |');
    return [...text.slice(start, text.indexOf('\n\n', start)).matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1] ?? '');
  };

  it('README.md: the three of key authentication', async () => {
    expect(tableOf('README.md').sort()).toEqual(await variablesOf('key'));
  });

  it('docs/project.md: those of both auth methods', async () => {
    const both = [...new Set([...(await variablesOf('key')), ...(await variablesOf('entra'))])].sort();
    expect(tableOf('docs/project.md').sort()).toEqual(both);
  });
});

describe('the az commands docs/provisioning.md shows', () => {
  const text = docs.find((doc) => doc.name === 'docs/provisioning.md')?.text ?? '';
  const p: Provisioning = {
    resourceGroup: 'rg',
    location: 'eastus2',
    account: 'contoso',
    deployment: 'chat',
    model: 'gpt-4.1-mini',
    modelVersion: '2025-04-14',
    sku: DEFAULT_DEPLOYMENT_SKU,
    capacity: DEFAULT_CAPACITY,
    role: true,
    found: undefined,
  };
  const c = provisionCommands;
  const real: Command[] = [
    ...[c.groupExists, c.accountShow, c.nameCheck, c.deploymentShow, c.groupCreate, c.accountCreate].map((m) => m(p)),
    ...[c.deploymentCreate, c.keys, c.groupDelete, c.accountDelete, c.accountPurge].map((m) => m(p)),
    ...[c.models, c.usage].map((m) => m(p.location)),
    ...[c.roleList, c.roleCreate].map((m) => m('user-id', 'account-id')),
    c.signedInUser(),
    c.access('https://contoso.openai.azure.com/'),
  ];
  /** Words of a command as a shell reads them (double quotes group). */
  const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
  const shown = [...text.matchAll(/\| `(az [^`]+)`/g)].map((m) => words(m[1] ?? '').slice(1));

  it('has commands to check', () => expect(shown.length).toBeGreaterThanOrEqual(5));

  it.each(shown.map((args) => [args.join(' '), args] as const))('az %s is one the run makes', (_, args) => {
    const verbs = args.slice(
      0,
      args.findIndex((word) => word.startsWith('-')),
    );
    const same = real.find(
      (command) =>
        command.args.slice(0, verbs.length).join(' ') === verbs.join(' ') &&
        command.args[verbs.length]?.startsWith('-'),
    );
    expect(same, verbs.join(' ')).toBeDefined();
    const given = new Map<string, string>();
    args.forEach((word, i) => {
      if (word.startsWith('-')) given.set(word, args[i + 1]?.startsWith('-') ? '' : (args[i + 1] ?? ''));
    });
    const made = new Map<string, string>();
    same?.args.forEach((word, i) => {
      if (word.startsWith('-')) made.set(word, same.args[i + 1]?.startsWith('-') ? '' : (same.args[i + 1] ?? ''));
    });
    for (const [flag, value] of given) {
      expect(made.has(flag), `${flag} in ${same?.args.join(' ')}`).toBe(true);
      // A value shown as it is (not a <placeholder>) is the one the run sends.
      if (!value.includes('<')) expect(made.get(flag), flag).toBe(value);
    }
  });
});
