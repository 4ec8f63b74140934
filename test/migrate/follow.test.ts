// An AzureOpenAI client exported with its deployment moves only when every module that may use it carries the
// deployment in its calls: the shapes that cannot, and where a name is shadowed.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { copyToTemp, fixtures, options, readTree } from './helpers.js';

let tmp = '';
afterEach(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function project(files: Record<string, string>, packageJson = true): Promise<string> {
  tmp = await copyToTemp(join(fixtures, 'azopenai-follow', 'input'));
  if (!packageJson) await rm(join(tmp, 'package.json'));
  for (const [path, text] of Object.entries(files)) await writeFile(join(tmp, path), text);
  return tmp;
}

/** Runs --write and returns the codes per file, the files changed, and the tree after. */
async function run(dir: string) {
  const before = await readTree(dir);
  const result = await migrate(options(dir, { write: true, force: true }));
  const codes = Object.fromEntries(result.files.map((f) => [f.path, f.findings.map((x) => x.code)]));
  const changed = result.files.filter((f) => f.changed).map((f) => f.path);
  return { before, after: await readTree(dir), codes, changed, summary: result.summary };
}

describe('an exported AzureOpenAI client with its deployment', () => {
  it('moves with every importer carrying the deployment, counted once, and a second run changes nothing', async () => {
    const dir = await project({});
    const first = await run(dir);
    expect(first.changed.sort()).toEqual(['src/client.ts', 'src/stream.js', 'src/translate.ts']);
    expect(first.summary.clientsRewritten).toBe(1);
    expect(first.summary.clientsLeft).toBe(0);
    expect(first.after['src/translate.ts']).toContain("model: 'translator',");
    const again = await run(dir);
    expect(again.changed).toEqual([]);
    expect(again.after).toEqual(first.after);
  });

  it('stays (AZM233) when one importer passes it on, and the other importers stay byte for byte', async () => {
    const dir = await project({
      'src/registry.ts': "import { client } from './client.js';\n\nexport const clients = [client];\n",
    });
    const { before, after, codes, changed } = await run(dir);
    expect(changed).toEqual([]);
    expect(after).toEqual(before);
    expect(codes['src/client.ts']).toEqual(['AZM233']);
    expect(codes['src/registry.ts']).toBeUndefined();
  });

  it('stays when a module imports its module whole, or re-exports it', async () => {
    for (const text of [
      "import * as all from './client.js';\n\nexport const c = all.client;\n",
      "export { client } from './client.js';\n",
      "const { client } = require('./client.js');\nmodule.exports = client;\n",
    ]) {
      const dir = await project({ 'src/other.ts': text });
      const { before, after, codes } = await run(dir);
      expect(after).toEqual(before);
      expect(codes['src/client.ts']).toEqual(['AZM233']);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stays when a generated module uses it, or when the folder is not a project (its importers may be outside)', async () => {
    const generated = await project({
      'src/gen.ts':
        "// @generated\nimport { client } from './client.js';\nexport const ask = () => client.chat.completions.create({ messages: [] });\n",
    });
    const one = await run(generated);
    expect(one.after).toEqual(one.before);
    await rm(generated, { recursive: true, force: true });
    const bare = await project({}, false);
    const two = await run(bare);
    expect(two.after).toEqual(two.before);
    expect(two.codes['src/client.ts']).toEqual(['AZM233']);
  });

  it('puts the deployment only where the imported name is meant, never where a parameter shadows it', async () => {
    const dir = await project({
      'src/shadow.ts': [
        "import { client } from './client.js';",
        "import type { OpenAI } from 'openai';",
        '',
        'export const mine = (client: OpenAI) =>',
        "  client.chat.completions.create({ model: 'other', messages: [] });",
        'export const theirs = () => client.chat.completions.create({ messages: [] });',
        '',
      ].join('\n'),
    });
    const { after } = await run(dir);
    expect(after['src/shadow.ts']).toContain("client.chat.completions.create({ model: 'other', messages: [] })");
    expect(after['src/shadow.ts']).toContain("client.chat.completions.create({ model: 'translator', messages: [] })");
    expect(after['src/client.ts']).toContain('new OpenAI(');
  });
});

it('a file whose OpenAI client moves says that its api-version client is left, not the file', async () => {
  tmp = await copyToTemp(join(fixtures, 'azopenai-mixed-left', 'input'));
  const result = await migrate(options(tmp, { deployments: { default: 'chat', byModel: {} } }));
  const file = result.files.find((f) => f.path === 'src/passed-on.ts');
  expect(file?.changed).toBe(true);
  const left = file?.findings.find((f) => f.code === 'AZM233');
  expect(left?.message).toContain(": this file's api-version clients are left");
  expect(left?.message).not.toContain('the file is left');
});
