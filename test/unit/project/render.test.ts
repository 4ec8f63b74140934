// render() and renderTemplate() against small template folders made per test, and the built-in templates.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildContext } from '../../../src/project/context.js';
import { render, renderTemplate } from '../../../src/project/render.js';
import { versionsFor } from '../../../src/project/versions.js';
import type { FileMap } from '../../../src/types.js';
import { combinations, optionsFrom } from '../../helpers/options.js';

const versions = versionsFor('24.11.0');

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** A templates folder holding `files` (paths like `_shared/a.txt`, `azure-inference/b.ts.hbs`). */
async function templates(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'render-test-'));
  made.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
  return dir;
}

const bytesOf = (contents: string | Uint8Array): Buffer =>
  typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);

function text(files: FileMap, path: string): string {
  const entry = files.get(path);
  if (!entry) throw new Error(`${path} was not generated; got ${[...files.keys()].join(', ')}`);
  return bytesOf(entry.contents).toString('utf8');
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const base = ['app', '--yes', '--resource', 'contoso', '--deployment', 'gpt-4o-mini'];
const defaultOptions = () => optionsFrom([...base, '--sdk', 'azure-inference']);

describe('render with a custom templates folder', () => {
  it('takes a file from the SDK folder over the shared file of the same path', async () => {
    const dir = await templates({
      '_shared/a.txt': 'shared a',
      'azure-inference/a.txt': 'sdk a',
      '_shared/sub/b.md.hbs': 'shared b {{sdk}}',
      'azure-inference/sub/b.md.hbs': 'sdk b {{sdk}}',
      '_shared/c.txt': 'shared plain c',
      'azure-inference/c.txt.hbs': 'sdk rendered c {{sdk}}',
      '_shared/only-shared.txt': 'only shared',
      'azure-inference/only-sdk.txt': 'only sdk',
      'openai/a.txt': 'openai a',
      'openai/only-openai.txt': 'only openai',
    });
    const files = await render(await defaultOptions(), dir);
    expect(text(files, 'a.txt')).toBe('sdk a');
    expect(text(files, 'sub/b.md')).toBe('sdk b azure-inference');
    expect(text(files, 'c.txt')).toBe('sdk rendered c azure-inference');
    expect(text(files, 'only-shared.txt')).toBe('only shared');
    expect(text(files, 'only-sdk.txt')).toBe('only sdk');
    expect(files.has('only-openai.txt')).toBe(false);

    const openai = await render(await optionsFrom([...base, '--sdk', 'openai']), dir);
    expect(text(openai, 'a.txt')).toBe('openai a');
    expect(text(openai, 'only-openai.txt')).toBe('only openai');
    expect(openai.has('only-sdk.txt')).toBe(false);
  });

  // BUG: sources are keyed by template path (README.md.hbs vs README.md), then processed in sorted order, so when the
  // shared file is a template and the SDK file is a plain file, the shared one is processed last and wins.
  it('takes a plain SDK file over a shared template of the same output path', async () => {
    const dir = await templates({
      '_shared/README.md.hbs': 'shared {{sdk}}',
      'azure-inference/README.md': 'sdk plain',
    });
    const files = await render(await defaultOptions(), dir);
    expect(text(files, 'README.md')).toBe('sdk plain');
  });

  it('renders *.hbs files without the suffix and copies other files byte for byte', async () => {
    const binary = Uint8Array.from([0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x0d, 0x0a, 0x7b, 0x7b, 0x00]);
    const literal = 'not a template: {{deployment}} {{missing}}\r\nkeeps CRLF\r\n';
    const dir = await templates({
      '_shared/hello.txt.hbs': 'Hello {{deployment}} on {{os}}\n',
      '_shared/deep/er/nested.ts.hbs': 'export const d = {{ts deployment}};\n',
      '_shared/logo.bin': binary,
      '_shared/literal.txt': literal,
      '_shared/empty.keep': '',
    });
    const files = await render(await defaultOptions(), dir);
    expect([...files.keys()]).toEqual([
      'deep/er/nested.ts',
      'empty.keep',
      'hello.txt',
      'literal.txt',
      'logo.bin',
      'package.json',
    ]);
    expect(text(files, 'hello.txt')).toBe('Hello gpt-4o-mini on linux\n');
    expect(text(files, 'deep/er/nested.ts')).toBe('export const d = "gpt-4o-mini";\n');
    expect(bytesOf(files.get('logo.bin')?.contents ?? '')).toEqual(Buffer.from(binary));
    expect(bytesOf(files.get('literal.txt')?.contents ?? '')).toEqual(Buffer.from(literal, 'utf8'));
    // A plain empty file (a .gitkeep) is copied; only templates that render to nothing are dropped.
    expect(bytesOf(files.get('empty.keep')?.contents ?? 'absent')).toHaveLength(0);
  });

  it('renames _gitignore to .gitignore, in subfolders too', async () => {
    const dir = await templates({
      '_shared/_gitignore': 'node_modules/\n',
      '_shared/sub/_gitignore': 'dist/\n',
      'azure-inference/other/_gitignore.hbs': '{{sdk}}\n',
      '_shared/my_gitignore': 'not renamed\n',
    });
    const files = await render(await defaultOptions(), dir);
    expect([...files.keys()]).toEqual([
      '.gitignore',
      'my_gitignore',
      'other/.gitignore',
      'package.json',
      'sub/.gitignore',
    ]);
    expect(text(files, '.gitignore')).toBe('node_modules/\n');
    expect(text(files, 'sub/.gitignore')).toBe('dist/\n');
    expect(text(files, 'other/.gitignore')).toBe('azure-inference\n');
  });

  it('does not write a template that renders to whitespace only', async () => {
    const dir = await templates({
      '_shared/only-openai.txt.hbs': '{{#if openai}}openai here{{/if}}\n \n\t\r\n',
      '_shared/blank.md.hbs': '   \n',
    });
    const azure = await render(await defaultOptions(), dir);
    expect([...azure.keys()]).toEqual(['package.json']);
    const openai = await render(await optionsFrom([...base, '--sdk', 'openai']), dir);
    expect([...openai.keys()]).toEqual(['only-openai.txt', 'package.json']);
    expect(text(openai, 'only-openai.txt')).toBe('openai here\n \n\t\n');
  });

  it('starts rendered .ps1 files with one UTF-8 BOM and no other file', async () => {
    const dir = await templates({
      '_shared/setup.ps1.hbs': '$env:D = {{ps deployment}}\n',
      '_shared/setup.sh.hbs': 'export D={{sh deployment}}\n',
      '_shared/notes.txt.hbs': 'café {{deployment}}\n',
    });
    const files = await render(await defaultOptions(), dir);
    const ps1 = bytesOf(files.get('setup.ps1')?.contents ?? '');
    expect(ps1.subarray(0, 3)).toEqual(BOM);
    expect(ps1.subarray(3).toString('utf8')).toBe("$env:D = 'gpt-4o-mini'\n");
    for (const path of ['setup.sh', 'notes.txt', 'package.json']) {
      expect(bytesOf(files.get(path)?.contents ?? '').subarray(0, 3), path).not.toEqual(BOM);
    }
    expect(text(files, 'notes.txt')).toBe('café gpt-4o-mini\n');
  });

  it('renders a template saved with CRLF (or lone CR) line endings without any \\r', async () => {
    const dir = await templates({
      '_shared/setup.sh.hbs':
        "#!/usr/bin/env bash\r\nexport D={{sh deployment}}\r\n{{#if bash}}\r\nexport B='1'\r\n{{/if}}\r\nend\rx\r\n",
    });
    const files = await render(await defaultOptions(), dir);
    const out = text(files, 'setup.sh');
    expect(out).not.toContain('\r');
    expect(out).toBe("#!/usr/bin/env bash\nexport D='gpt-4o-mini'\nexport B='1'\nend\nx\n");
  });

  it('gives .sh files mode 0o755 and every other file no mode', async () => {
    const dir = await templates({
      '_shared/run.sh.hbs': 'echo {{sh deployment}}\n',
      '_shared/tools/plain.sh': 'echo plain\n',
      '_shared/script.sh.txt': 'not a script\n',
      '_shared/a.ts.hbs': 'export {};\n',
      'azure-inference/b.txt': 'b\n',
    });
    const files = await render(await defaultOptions(), dir);
    const modes = Object.fromEntries([...files].map(([path, entry]) => [path, entry.mode]));
    expect(modes).toEqual({
      'a.ts': undefined,
      'b.txt': undefined,
      'package.json': undefined,
      'run.sh': 0o755,
      'script.sh.txt': undefined,
      'tools/plain.sh': 0o755,
    });
  });

  it('returns the files sorted by path whichever layer they come from', async () => {
    const dir = await templates({
      '_shared/zeta.txt': 'z',
      'azure-inference/alpha.txt': 'a',
      '_shared/mid/inner.txt': 'm',
      'azure-inference/beta.txt.hbs': 'b',
      '_shared/quux/_gitignore': 'q',
      'azure-inference/mid/a.txt': 'ma',
    });
    const files = await render(await defaultOptions(), dir);
    expect([...files.keys()]).toEqual([
      'alpha.txt',
      'beta.txt',
      'mid/a.txt',
      'mid/inner.txt',
      'package.json',
      'quux/.gitignore',
      'zeta.txt',
    ]);
  });

  it('always writes a valid package.json with exact pins, ignoring a template of that name', async () => {
    const dir = await templates({
      '_shared/package.json': '{"name":"from-template","dependencies":{"left-pad":"^1.0.0"}}',
      'azure-inference/package.json.hbs': '{ "name": {{ts deployment}}, "dependencies": { "x": "~1" } }',
    });
    for (const sdk of ['azure-inference', 'openai']) {
      for (const auth of ['key', 'entra']) {
        for (const templatesDir of [dir, await templates({})]) {
          const files = await render(await optionsFrom([...base, '--sdk', sdk, '--auth', auth]), templatesDir);
          const pkg = JSON.parse(text(files, 'package.json')) as {
            name: string;
            dependencies: Record<string, string>;
            devDependencies: Record<string, string>;
          };
          expect(pkg.name).toBe('app');
          const pins = { ...pkg.dependencies, ...pkg.devDependencies };
          expect(Object.keys(pkg.dependencies).length).toBeGreaterThan(0);
          expect(pins).not.toHaveProperty('left-pad');
          for (const [name, version] of Object.entries(pins)) {
            expect(version, name).not.toMatch(/[\^~<>*|x ]/);
            expect(version, name).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/);
            expect(version, name).toBe(versions[name as keyof typeof versions]);
          }
        }
      }
    }
  });
});

describe('editor and system leftovers', () => {
  it('are skipped, in any folder; names that only look alike are not', async () => {
    const leftovers = ['.DS_Store', '._notes.md', 'Thumbs.db', 'desktop.ini', 'notes.md~', '.notes.md.swp', '.a.swo'];
    const dir = await templates({
      ...Object.fromEntries(leftovers.map((name) => [`_shared/${name}`, 'junk'])),
      '_shared/sub/.DS_Store': 'junk',
      '_shared/sub/README.md.orig': 'junk',
      '_shared/sub/fix.rej': 'junk',
      '_shared/._folder/kept-out.txt': 'junk',
      '_shared/notes.md': 'kept',
      '_shared/DS_Store.txt': 'kept',
      '_shared/swap.swp.txt': 'kept',
      '_shared/sub/original.md': 'kept',
    });
    const files = await render(await defaultOptions(), dir);
    expect([...files.keys()].filter((path) => path !== 'package.json').sort()).toEqual([
      'DS_Store.txt',
      'notes.md',
      'sub/original.md',
      'swap.swp.txt',
    ]);
  });
});

describe('template errors', () => {
  it('names the template file when a variable is missing (strict mode)', async () => {
    const dir = await templates({ '_shared/sub/broken.txt.hbs': 'line one\n{{missing}}\n' });
    await expect(render(await defaultOptions(), dir)).rejects.toThrow(
      /^Template sub\/broken\.txt\.hbs: "missing" not defined/,
    );
  });

  it('rejects an unknown helper, naming the template', async () => {
    const dir = await templates({ 'azure-inference/loud.txt.hbs': '{{shout deployment}}' });
    await expect(render(await defaultOptions(), dir)).rejects.toThrow(
      /^Template loud\.txt\.hbs: .*unknown helper shout/,
    );
  });

  const context = async () => buildContext(await defaultOptions());

  it.each([
    ['no argument', '{{sh}}'],
    ['two arguments', '{{sh deployment resource}}'],
    ['an object', '{{sh versions}}'],
    ['a boolean', '{{sh bash}}'],
    ['a missing name', '{{sh nothingHere}}'],
    ['a number literal', '{{ps 1}}'],
  ])('rejects a quoting helper given %s', async (_, source) => {
    const ctx = await context();
    await expect(renderTemplate(source, ctx, 'quote.hbs')).rejects.toThrow(
      /^Template quote\.hbs: \{\{(sh|ps)\}\} takes one string value/,
    );
  });

  it('quotes with a helper given one string', async () => {
    expect(await renderTemplate('{{sh deployment}} {{ps deployment}}', await context(), 'ok.hbs')).toBe(
      "'gpt-4o-mini' 'gpt-4o-mini'",
    );
  });

  it('does not HTML-escape values', async () => {
    const endpoint = 'https://x.example/p?a=b&c=d<e>"f\'`g';
    const ctx = { ...(await context()), endpoint };
    expect(await renderTemplate('{{endpoint}}|{{{endpoint}}}', ctx, 'plain.hbs')).toBe(`${endpoint}|${endpoint}`);
    // The placeholders project has <...> in its endpoint: it must come through as typed.
    const dir = await templates({ '_shared/e.txt.hbs': '{{endpoint}}' });
    const files = await render(await optionsFrom(['app', '--yes']), dir);
    expect(text(files, 'e.txt')).toBe('https://<your-resource-name>.openai.azure.com/openai/v1/');
  });

  it('does not let templates read prototype properties', async () => {
    const ctx = await context();
    const denied = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // What happens: inherited names resolve to nothing (rendered empty) ...
      for (const source of [
        '{{constructor}}',
        '{{__proto__}}',
        '{{toString}}',
        '{{versions.constructor}}',
        '{{#with __proto__}}{{constructor}}{{/with}}',
        '{{lookup this "constructor"}}',
      ]) {
        expect(await renderTemplate(source, ctx, 'proto.hbs'), source).toBe('');
      }
      // ... and reading through them is a strict-mode error that shows nothing of Object or Function.
      for (const source of [
        '{{constructor.name}}',
        '{{__proto__.constructor.name}}',
        '{{versions.constructor.name}}',
      ]) {
        const error = await renderTemplate(source, ctx, 'proto.hbs').then(
          () => undefined,
          (e: Error) => e,
        );
        expect(error?.message, source).toMatch(/^Template proto\.hbs: /);
        expect(error?.message, source).not.toMatch(/Object|Function|native code/);
      }
      // A quoting helper cannot be handed a prototype value either.
      await expect(renderTemplate('{{sh constructor}}', ctx, 'proto.hbs')).rejects.toThrow('takes one string value');
    } finally {
      denied.mockRestore();
    }
  });
});

describe('the built-in templates', () => {
  const builtIn = async (...flags: string[]) => render(await optionsFrom([...base, ...flags]));

  it.each([
    ['windows', ['setup-env.ps1'], ['setup-env.sh']],
    ['linux', ['setup-env.sh'], ['setup-env.ps1']],
    ['macos', ['setup-env.sh'], ['setup-env.ps1']],
    ['all', ['setup-env.ps1', 'setup-env.sh'], []],
  ])('writes the setup scripts for --os %s', async (os, present, absent) => {
    for (const sdk of ['azure-inference', 'openai']) {
      const files = await builtIn('--os', os, '--sdk', sdk);
      for (const path of present) expect(files.has(path), `${sdk} ${path}`).toBe(true);
      for (const path of absent) expect(files.has(path), `${sdk} ${path}`).toBe(false);
      if (files.has('setup-env.sh')) expect(files.get('setup-env.sh')?.mode).toBe(0o755);
    }
  });

  it('adds pnpm-workspace.yaml for pnpm only, on Node 20 (tsx, held-back packages)', async () => {
    const pnpm = await builtIn('--package-manager', 'pnpm', '--node', '20');
    expect(text(pnpm, 'pnpm-workspace.yaml')).toContain('allowBuilds:');
    for (const pm of ['npm', 'yarn', 'bun']) {
      expect((await builtIn('--package-manager', pm, '--node', '20')).has('pnpm-workspace.yaml'), pm).toBe(false);
    }
  });

  it('generates no \\r anywhere and a BOM only at the start of .ps1 files', async () => {
    const runs = [
      ...combinations.map(({ sdk, auth, os }) => ['--sdk', sdk, '--auth', auth, '--os', os]),
      ['--os', 'all', '--package-manager', 'pnpm'],
    ];
    let ps1Count = 0;
    for (const flags of runs) {
      for (const [path, entry] of await builtIn(...flags)) {
        const bytes = bytesOf(entry.contents);
        expect(bytes.includes(0x0d), `${flags.join(' ')}: ${path}`).toBe(false);
        expect(bytes.subarray(0, 3).equals(BOM), `${flags.join(' ')}: ${path}`).toBe(path.endsWith('.ps1'));
        // No BOM later in the file either (e.g. a template saved with one).
        expect(bytes.indexOf(BOM, path.endsWith('.ps1') ? 3 : 0), `${flags.join(' ')}: ${path}`).toBe(-1);
        if (path.endsWith('.ps1')) ps1Count++;
      }
    }
    expect(ps1Count).toBe(9);
  });
});

describe('the web app (--app web)', () => {
  it('lays the web layer over the flavour, and a custom template over both', async () => {
    const dir = await templates({
      'public/style.css': 'body { color: rebeccapurple; }\n',
      'docs/web-only.md.hbs': '{{#if web}}Only in a web app.{{/if}}',
    });
    const template = { source: dir, dir, manifest: { name: 'team', description: '', extends: true, variables: [] } };
    const web = await render({ ...(await optionsFrom([...base, '--app', 'web'])), template });
    expect(text(web, 'public/style.css')).toBe('body { color: rebeccapurple; }\n');
    expect(text(web, 'docs/web-only.md')).toBe('Only in a web app.');
    for (const path of ['server.ts', 'src/web/server.ts', 'public/index.html', 'public/app.js', 'test/web.test.ts']) {
      expect(web.has(path), path).toBe(true);
    }
    const scripts = JSON.parse(text(web, 'package.json')).scripts;
    expect(scripts).toMatchObject({
      start: 'node server.ts',
      dev: 'node --watch server.ts',
      example: 'node example.ts',
    });
    expect(text(web, 'README.md')).toContain('npm run example');

    const console = await render({ ...(await optionsFrom(base)), template });
    expect(console.has('server.ts')).toBe(false);
    expect(console.has('public/index.html')).toBe(false);
    expect(console.has('docs/web-only.md')).toBe(false);
    expect(JSON.parse(text(console, 'package.json')).scripts.start).toBe('node example.ts');
  });
});

describe('README parts (_partials/)', () => {
  const customOver = async (files: Record<string, string>, args: string[] = base) => {
    const dir = await templates(files);
    const template = { source: dir, dir, manifest: { name: 'team', description: '', extends: true, variables: [] } };
    return render({ ...(await optionsFrom(args)), template });
  };

  it('a custom template replaces one built-in part of README.md and keeps the rest', async () => {
    const plain = text(await render(await optionsFrom(base)), 'README.md');
    const files = await customOver({
      '_partials/readme/proxies.md.hbs': 'Ask {{code deployment}}: the team runs no proxy.\n',
    });
    const readme = text(files, 'README.md');
    expect(readme).toContain(
      '## Proxies and certificates\n\nAsk `gpt-4o-mini`: the team runs no proxy.\n\n## When it fails',
    );
    expect(readme).not.toContain('NODE_EXTRA_CA_CERTS');
    // Only that part changed; the part is not a file of the project.
    const [before, after] = plain.split(/## Proxies and certificates[\s\S]*?## When it fails/);
    expect(readme.startsWith(before ?? '')).toBe(true);
    expect(readme.endsWith(after ?? '')).toBe(true);
    expect([...files.keys()].filter((path) => path.includes('_partials'))).toEqual([]);
  });

  it("a flavour's part from the custom template's flavour folder", async () => {
    const files = await customOver({
      'openai/_partials/readme/about.md.hbs': 'Our chat app, on the v1 API.\n',
      'azure-inference/_partials/readme/about.md.hbs': 'Our chat app, on the retired SDK.\n',
    });
    expect(text(files, 'README.md')).toMatch(/^# app\n\nOur chat app, on the v1 API\.\n\n## Prerequisites/);
  });

  it('refuses a part that is not a template, or one that does not compile, naming the file (exit 2)', async () => {
    await expect(customOver({ '_partials/readme/proxies.md': 'plain\n' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('_partials/readme/proxies.md: a partial is a template, named *.hbs'),
    });
    await expect(customOver({ '_partials/readme/proxies.md.hbs': '{{#if}}' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('_partials/readme/proxies.md.hbs'),
    });
    await expect(customOver({ 'x.md.hbs': '{{> team/missing.md}}' })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('team/missing.md'),
    });
  });

  it('counts every inclusion of a part against the iteration budget', async () => {
    // 100 x 200 inclusions, none deep: the budget stops them, not the call stack.
    const files = { '_partials/one.md.hbs': 'x', '_partials/many.md.hbs': '{{> one.md}}'.repeat(200) };
    await expect(customOver({ ...files, 'x.md.hbs': '{{> many.md}}'.repeat(40) })).resolves.toBeDefined();
    await expect(customOver({ ...files, 'x.md.hbs': '{{> many.md}}'.repeat(100) })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('{{> one.md}} ran more than 10000 times'),
    });
    // A part that includes itself ends too, with the template named.
    await expect(
      customOver({ '_partials/loop.md.hbs': '{{> loop.md}}', 'x.md.hbs': '{{> loop.md}}' }),
    ).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('_partials/loop.md.hbs') });
  });
});
