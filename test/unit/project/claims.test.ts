// Every sentence true for the project it is in: each combination (SDK x auth x pin set x OS x model kind) rendered,
// and what its README, comments and messages claim about the project checked against the project itself: the
// scripts it names exist in package.json, the files it names exist, overrides are spoken of only where package.json
// has them, the TypeScript version is the pinned one, every --flag exists, the setup scripts are named only where
// they are written.
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../../src/options/definitions.js';
import { render } from '../../../src/project/render.js';
import { optionsFrom } from '../../helpers/options.js';

const SDKS = ['openai', 'azure-inference'] as const;
const AUTHS = ['key', 'entra'] as const;
const NODES = ['24', '20'] as const;
const OSES = ['linux', 'windows', 'all', 'macos'] as const;
const MODELS = ['gpt-4.1', 'gpt-5-mini', '', 'gpt5-mini'] as const;

const cases = SDKS.flatMap((sdk) =>
  AUTHS.flatMap((auth) =>
    NODES.flatMap((node) => OSES.flatMap((os) => MODELS.map((model) => ({ sdk, auth, node, os, model })))),
  ),
);

const FLAG_NAMES = new Set(FLAGS.map((flag) => `--${flag.name}`));

describe.each(cases)('$sdk, $auth, Node $node, $os, model "$model"', ({ sdk, auth, node, os, model }) => {
  it('says only what is true of the project', async () => {
    const argv = ['app', '--resource', 'contoso', '--deployment', 'chat', '--sdk', sdk, '--auth', auth];
    const options = await optionsFrom([...argv, '--os', os, '--node', node, ...(model ? ['--model', model] : [])]);
    const files = await render(options);
    const text = (path: string) => {
      const entry = files.get(path);
      if (entry === undefined) return undefined;
      return typeof entry.contents === 'string' ? entry.contents : Buffer.from(entry.contents).toString('utf8');
    };
    const pkg = JSON.parse(text('package.json') ?? '{}') as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
      overrides?: unknown;
      resolutions?: unknown;
    };
    const readme = text('README.md') ?? '';
    const sources = [...files.keys()].filter((path) => /\.(ts|md|sh|ps1|example)$/.test(path));

    // Scripts: `npm start`, `npm run <name>`, `npm test`.
    for (const [, name] of readme.matchAll(/`npm (?:run )?([a-z]+)(?: [^`]*)?`/g)) {
      if (name === 'install' || name === 'create') continue;
      expect(Object.keys(pkg.scripts), `README names npm ${name}`).toContain(name);
    }

    // Files named in any text of the project exist in it (paths of this project, not of other places).
    for (const path of sources) {
      const body = text(path) ?? '';
      for (const [, named] of body.matchAll(
        /(?<![\w/.-])((?:src|test)\/[\w.-]+\.ts|[\w-]+\.(?:sh|ps1)|\.gitattributes|\.env\.example)\b/g,
      )) {
        if (named === undefined || named.includes('*')) continue;
        expect(files.has(named), `${path} names ${named}`).toBe(true);
      }
    }

    // overrides / resolutions only where package.json has them.
    const speaksOfOverrides = /`overrides`|`resolutions`/.test(readme);
    expect(speaksOfOverrides, 'README speaks of overrides').toBe(pkg.overrides !== undefined);
    expect(pkg.resolutions !== undefined).toBe(pkg.overrides !== undefined);

    // The TypeScript version the README states is the pinned one.
    for (const [, version] of readme.matchAll(/TypeScript (\d+\.\d+\.\d+)/g)) {
      expect(version).toBe(pkg.devDependencies.typescript);
    }

    // Every --flag named is one of the CLI's.
    for (const path of sources) {
      for (const [flag] of (text(path) ?? '').matchAll(/(?<![\w-])--[a-z][a-z-]+/g)) {
        if (['--noEmit', '--test', '--omit', '--prod', '--production', '--use-system-ca', '--silent'].includes(flag))
          continue;
        if (
          /^--(role|assignee|scope|name|resource-group|query|settings|tenant|set-env-vars|assignee-object-id|assignee-principal-type)/.test(
            flag,
          )
        )
          continue;
        expect(FLAG_NAMES.has(flag) || flag === '--no-install' || flag === '--no-git', `${path} names ${flag}`).toBe(
          true,
        );
      }
    }

    // The model: what the comments say of it is what was given.
    const chat = text('src/chat.ts') ?? '';
    if (model === '') expect(chat).toContain('the model was not given');
    else expect(chat).not.toContain('the model was not given');
    if (model === 'gpt5-mini') expect(chat).toContain('the parameters of gpt5-mini are not known here');

    // A message that sends the user to a file of requests names the ones this flavour has.
    const explain = text('src/explain.ts') ?? '';
    expect(explain.includes('src/responses.ts')).toBe(files.has('src/responses.ts'));
  });
});
