// Property tests (DESIGN.md, "Testing"): any string given as any user value is either refused with a UsageError whose
// message names the field, or comes back exactly from every file it lands in, read by that file type's own reader: a
// real bash, PowerShell's quoting rule, a JavaScript engine, JSON.parse, Node's .env parser and CommonMark. Projects
// are written to disk with writeProject and read back from there. Every property counts its cases; the last test
// checks and prints the counts.
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { resolveOptions } from '../../src/options/resolve.js';
import { markdownCode } from '../../src/project/escape.js';
import { buildPackageJson } from '../../src/project/package-json.js';
import { render } from '../../src/project/render.js';
import { writeProject } from '../../src/run/write.js';
import { UsageError } from '../../src/shared/errors.js';
import { type CustomTemplate, loadTemplate } from '../../src/template/load.js';
import type { Environment, FileMap, ProjectOptions, TemplateChoice } from '../../src/types.js';
import { readPowerShell } from '../helpers/powershell.js';
import {
  bashReadBack,
  npmNameProblems,
  readCodeSpan,
  readTsConst,
  tableCells,
  tsSyntaxErrors,
} from '../helpers/read-back.js';

/** Cases each property generates (bash is spawned once per accepted case, at most). */
const NUM_RUNS = 150;
const PROPERTY_TIMEOUT = 300_000;

// ---------------------------------------------------------------------------------------------------------------
// Generators

/** Pieces that break quoting somewhere: every quote, expansions, escapes, line breaks, NUL, odd Unicode. */
const PIECES = [
  "'",
  '"',
  '`',
  '\u2018',
  '\u2019',
  '\u201a',
  '\u201b',
  '\u201c',
  '\u201d',
  "''",
  "'\\''",
  '$(',
  ')',
  '$(id)',
  '$(touch pwned)',
  '`touch pwned`',
  '${',
  '}',
  '${HOME}',
  '$HOME',
  '$((1+1))',
  '$env:PATH',
  '\\',
  '\\\\',
  '\\n',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\x7f',
  '\x1b[31m',
  '\t',
  '\v',
  '\f',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '🙂',
  '👩‍👩‍👧‍👦',
  '🇺🇳',
  'é',
  'e\u0301',
  'İ',
  'ß',
  'ﬃ',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u200b',
  '\u202e',
  ' ',
  '  ',
  '%',
  '%zz',
  '%41',
  '%E0%A4%A',
  '|',
  '\\|',
  '#',
  '=',
  ';',
  '&',
  '!',
  '*',
  '?',
  '<',
  '>',
  ':',
  '/',
  '.',
  '..',
  '~',
  '-',
  '_',
  '@',
  '{{x}}',
  '}}',
  'a',
  'Z',
  '0',
  'gpt-4o',
];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii' }) },
);
const concat = (parts: readonly string[]) => parts.join('');
const shortString = fc.array(piece, { maxLength: 10 }).map(concat);
/** A few pieces repeated to up to 5000 characters, cut anywhere (pairs too); the length shrinks towards 0. */
const longString = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.noBias(fc.integer({ min: 0, max: 5000 })))
  .map(([parts, length]) => {
    const unit = concat(parts) || 'x';
    return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  });
/** Any string: empty, short and nasty, or long; sometimes with spaces or tabs at the ends. */
const anyString = fc
  .tuple(
    fc.constantFrom('', '', '', ' ', '  ', '\t'),
    fc.oneof(
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 12, arbitrary: shortString },
      { weight: 2, arbitrary: longString },
    ),
    fc.constantFrom('', '', '', ' ', '  '),
  )
  .map(concat);

/** Mostly characters a field allows, now and then a nasty piece, so that both outcomes come up. */
function shaped(allowed: string, maxLength: number) {
  return fc
    .array(fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: piece }), {
      maxLength,
    })
    .map(concat);
}
const pad2 = (n: number) => String(n).padStart(2, '0');

const resourceValue = fc.oneof(anyString, shaped('abcxyzABCXYZ0189-', 70), shaped('ab-', 3));
const deploymentValue = fc.oneof(anyString, shaped('abcxyzABCXYZ0189-._', 70), shaped('a._', 2));
const apiVersionValue = fc.oneof(
  anyString,
  fc
    .tuple(
      fc.integer({ min: 0, max: 12_000 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.oneof(
        fc.constantFrom('', '', '', '-preview', '-Preview', 'preview', '-preview\n', '\n', ' '),
        piece.map((p) => `-preview${p}`),
      ),
    )
    .map(([year, month, day, suffix]) => `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}${suffix}`),
);
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
/** Keys shaped to trip a .env parser: quotes of other kinds, comments, escapes, expansions, an `=`. */
const TRICKY_KEYS = [
  '"quoted"',
  '"',
  '`tick`',
  '#hash',
  'a#b',
  'a\\nb',
  '\\',
  '$KEY',
  '${KEY}',
  '=a=',
  'export',
  "'a'",
];
const apiKeyValue = fc.oneof(
  anyString,
  fc.array(fc.constantFrom(...TRICKY_KEYS), { minLength: 1, maxLength: 4 }).map(concat),
  fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 80 }),
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...PRINTABLE), minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 700 }),
    )
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
);
const FOLDER_NAMES = [
  'app',
  'My App!',
  'CON',
  'con.txt',
  'nul',
  'COM¹',
  'LPT1.md',
  'a.',
  'a ',
  '.',
  '..',
  '~x',
  '-x',
  '_x',
  '.x',
  'Ünïcödé Äpp',
  '日本語',
  'ﬁle',
  'node_modules',
  'Favicon.ICO',
  'http',
  'x'.repeat(214),
  'x'.repeat(215),
  'é'.repeat(127),
  'é'.repeat(128),
  'A'.repeat(300),
];
const directoryValue = fc.oneof(
  anyString,
  fc
    .tuple(
      fc.constantFrom('', '', '', '/', './', '../', '~/', 'C:\\', '\\\\server\\share\\'),
      fc.array(fc.oneof(fc.constantFrom(...FOLDER_NAMES), shaped('abcXYZ09-_. ~!', 12), shortString), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.constantFrom('/', '/', '\\'),
      fc.constantFrom('', '', '', '/', '//', '\\'),
    )
    .map(([start, names, separator, end]) => start + names.join(separator) + end),
);
/** Characters a URL path keeps as they are, or percent-encodes, or treats specially. */
const URL_PIECES = [
  ...'|$`"\\{}~!*();=&@:,\'<>^[]%',
  '$(id)',
  '${HOME}',
  '%zz',
  '%E0%A4%A',
  '%7C',
  '..',
  '.',
  'é',
  '🙂',
  '\u00a0',
  '\ud800',
  'openai',
  'deployments',
];
const endpointValue = fc.oneof(
  { weight: 1, arbitrary: anyString },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.oneof(
          { weight: 8, arbitrary: fc.constant('https://') },
          { weight: 1, arbitrary: fc.constantFrom('HTTPS://', 'http://', 'ftp://', 'https:', 'https:///', '') },
        ),
        fc.oneof(
          { weight: 8, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: fc.constantFrom('user:pw@', 'user@', ':@') },
        ),
        fc.oneof(
          fc.constantFrom(
            'contoso.openai.azure.com',
            'gw.example.com',
            'ÄB.example',
            'localhost:8443',
            '[::1]:8443',
            '127.0.0.1',
            'a..b',
            '',
            'a b.com',
          ),
          fc.domain(),
        ),
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: fc.webSegment() },
            { weight: 3, arbitrary: fc.array(fc.constantFrom(...URL_PIECES), { maxLength: 4 }).map(concat) },
            { weight: 1, arbitrary: shortString },
          ),
          { maxLength: 4 },
        ),
        fc.option(
          fc.oneof(
            fc.constantFrom('gpt-4o', 'gpt%2D4o', '%zz', '%E0%A4%A', 'a%2Fb', 'a|b', "it's", '', '.', '..'),
            deploymentValue,
          ),
          { nil: undefined },
        ),
        fc.constantFrom('', '', '/', '//', '/chat/completions', '/chat/completions/', '/openai', '/openai/v1/'),
        fc.constantFrom('', '', '', '?api-version=2024-06-01', '?', "?a='b"),
        fc.constantFrom('', '', '', '', '#x', '#'),
      )
      .map(
        ([scheme, user, host, segments, deployment, tail, query, fragment]) =>
          `${scheme}${user}${host}${segments.map((s) => `/${s}`).join('')}` +
          `${deployment === undefined ? '' : `/openai/deployments/${deployment}`}${tail}${query}${fragment}`,
      ),
  },
);
const sdkValue = fc.constantFrom('azure-inference' as const, 'openai' as const);

// ---------------------------------------------------------------------------------------------------------------
// Running the generator and reading its files back

interface Tally {
  readonly property: string;
  cases: number;
  refused: number;
  accepted: number;
}
/** A property's own count of its cases, checked by the property itself (expectRanAll) once fast-check is done. */
function tally(property: string): Tally {
  return { property, cases: 0, refused: 0, accepted: 0 };
}

/** The property ran all its cases, and saw values both refused and accepted: otherwise it proved half its claim. */
function expectRanAll(count: Tally): void {
  console.info(`${count.property}: ${count.cases} cases (${count.accepted} accepted, ${count.refused} refused)`);
  expect(count.cases, count.property).toBe(NUM_RUNS);
  expect(count.accepted, `${count.property}: some values accepted`).toBeGreaterThan(0);
  expect(count.refused, `${count.property}: some values refused`).toBeGreaterThan(0);
}

/** A valid key given as if through --api-key-stdin, so that every run also writes .env. */
const KEY = 'k3y-Fr0m-St.din-0123456789';
const PRESET_KEY = "preset 'key' $(id)";
const CWD = '/projects/here';
const environment = (apiKey = KEY): Environment => ({
  cwd: CWD,
  platform: 'linux',
  userAgent: undefined,
  apiKey: { value: apiKey, source: '--api-key-stdin' },
});

type Attempt = { options: ProjectOptions; refused?: undefined } | { options?: undefined; refused: UsageError };

/** resolveOptions on argv as typed (through parseArgs); a UsageError is an outcome, anything else a failure. */
async function attempt(argv: readonly string[], env = environment(), template?: TemplateChoice): Promise<Attempt> {
  try {
    return { options: await resolveOptions(parseArgs(argv), env, undefined, template) };
  } catch (error) {
    if (error instanceof UsageError) return { refused: error };
    throw error;
  }
}

/** A refusal names the field: every line of its message starts with it. */
function checkRefusal(error: UsageError, field: string): void {
  for (const line of error.message.split('\n')) {
    expect(line.startsWith(`${field} `) || line.startsWith(`${field}:`), `"${line}" names ${field}`).toBe(true);
  }
}

let root: string;
let caseNumber = 0;

interface Project {
  readonly dir: string;
  /** Every file written, by path. */
  readonly files: ReadonlySet<string>;
  read(path: string): Promise<string>;
}

/** Writes the files with writeProject into a fresh folder, runs `check` on it, then removes it. */
async function onDisk(files: FileMap, check: (project: Project) => Promise<void>): Promise<void> {
  const dir = join(root, `case-${++caseNumber}`);
  await writeProject(dir, files, 'absent');
  try {
    await check({ dir, files: new Set(files.keys()), read: (path) => readFile(join(dir, path), 'utf8') });
    expect(await readdir(dir), 'no quoting let a command run').not.toContain('pwned');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The value sits in the Markdown as inline code that CommonMark reads back as exactly the value. */
function checkInlineCode(markdown: string, value: string): void {
  const code = markdownCode(value);
  const at = markdown.indexOf(code);
  expect(at, `the Markdown holds ${JSON.stringify(code)}`).toBeGreaterThanOrEqual(0);
  expect(markdown[at - 1], 'no backtick before the code span').not.toBe('`');
  expect(markdown[at + code.length], 'no backtick after the code span').not.toBe('`');
  expect(readCodeSpan(code), `CommonMark reads ${JSON.stringify(code)} back`).toBe(value);
}

/** package.json parses, is exactly the object buildPackageJson makes, and its name is one npm takes. */
async function checkPackageJson(project: Project, options: ProjectOptions): Promise<void> {
  const pkg = JSON.parse(await project.read('package.json'));
  expect(pkg).toEqual(buildPackageJson(options, project.files));
  expect(npmNameProblems(pkg.name), `npm name ${JSON.stringify(pkg.name)}`).toEqual([]);
  expect(pkg.name).toBe(options.packageName);
  expect(pkg.description).toBe(`Chat completions from the Azure OpenAI deployment ${options.deployment}`);
}

/** AZURE_OPENAI_CHAT_ENDPOINT (and the key) read back from bash, PowerShell, .env.example, .env and the README. */
async function checkEndpoint(project: Project, endpoint: string, key = KEY): Promise<void> {
  const [fromBash, keyFromBash] = await bashReadBack(
    project.dir,
    'setup-env.sh',
    ['AZURE_OPENAI_CHAT_ENDPOINT', 'AZURE_OPENAI_CHAT_KEY'],
    { AZURE_OPENAI_CHAT_KEY: PRESET_KEY },
  );
  expect(fromBash, 'bash: setup-env.sh').toBe(endpoint);
  expect(keyFromBash, 'bash: the preset key is kept').toBe(PRESET_KEY);
  const ps = readPowerShell(await project.read('setup-env.ps1'));
  expect(ps.errors, 'PowerShell syntax').toEqual([]);
  expect(ps.envAssignments.get('AZURE_OPENAI_CHAT_ENDPOINT'), 'PowerShell: setup-env.ps1').toBe(endpoint);
  expect(parseEnv(await project.read('.env.example')).AZURE_OPENAI_CHAT_ENDPOINT, '.env.example').toBe(endpoint);
  const dotenv = parseEnv(await project.read('.env'));
  expect(dotenv.AZURE_OPENAI_CHAT_ENDPOINT, '.env').toBe(endpoint);
  expect(dotenv.AZURE_OPENAI_CHAT_KEY, '.env key').toBe(key);
  const readme = await project.read('README.md');
  checkInlineCode(readme, endpoint);
  const row = readme.split('\n').find((line) => line.startsWith('| `AZURE_OPENAI_CHAT_ENDPOINT` |'));
  expect(row, 'README settings row').toBeDefined();
  const cells = tableCells(row ?? '');
  expect(cells, 'the README settings row has two cells (GFM splits cells at every unescaped |)').toHaveLength(2);
  expect(readCodeSpan(cells[1] ?? ''), 'README settings table cell').toBe(endpoint);
}

/** AZURE_OPENAI_CHAT_DEPLOYMENT read back from every file that sets it. */
async function checkDeployment(project: Project, deployment: string): Promise<void> {
  const [fromBash] = await bashReadBack(project.dir, 'setup-env.sh', ['AZURE_OPENAI_CHAT_DEPLOYMENT'], {});
  expect(fromBash, 'bash: setup-env.sh').toBe(deployment);
  const ps = readPowerShell(await project.read('setup-env.ps1'));
  expect(ps.errors, 'PowerShell syntax').toEqual([]);
  expect(ps.envAssignments.get('AZURE_OPENAI_CHAT_DEPLOYMENT'), 'PowerShell: setup-env.ps1').toBe(deployment);
  const example = parseEnv(await project.read('.env.example'));
  expect(example.AZURE_OPENAI_CHAT_DEPLOYMENT, '.env.example').toBe(deployment);
  const dotenv = await project.read('.env').catch(() => undefined);
  if (dotenv !== undefined) expect(parseEnv(dotenv).AZURE_OPENAI_CHAT_DEPLOYMENT, '.env').toBe(deployment);
}

/** The `export const <name>` string literal in a TypeScript file: no syntax errors, and evaluates to the value. */
function checkTsConst(source: string, name: string, value: string): void {
  expect(tsSyntaxErrors(source), 'TypeScript syntax').toEqual([]);
  expect(readTsConst(source, name), `TypeScript: ${name}`).toBe(value);
}

// The custom template: one variable, x, in every file type.
const VAR_FILES = {
  'a.sh.hbs': 'X={{sh vars.x}}\n',
  'a.ps1.hbs': '$env:X = {{ps vars.x}}\n',
  'a.ts.hbs': 'export const x = {{ts vars.x}};\n',
  'a.env.hbs': 'X={{dotenv vars.x}}\n',
  'a.md.hbs': '{{code vars.x}}\n',
};
/** The same without the two file types that cannot hold every value, so bash, PowerShell and TS see those too. */
const CODE_FILES = ['a.sh.hbs', 'a.ps1.hbs', 'a.ts.hbs'] as const;
let fullTemplate: CustomTemplate;
let codeTemplate: CustomTemplate;

async function makeTemplate(name: string, files: readonly (keyof typeof VAR_FILES)[]): Promise<CustomTemplate> {
  const dir = join(root, name);
  await mkdir(join(dir, '_shared'), { recursive: true });
  await writeFile(
    join(dir, 'template.json'),
    JSON.stringify({ variables: [{ name: 'x', prompt: 'X?', required: true }] }),
  );
  for (const file of files) await writeFile(join(dir, '_shared', file), VAR_FILES[file]);
  return loadTemplate(dir, root);
}

/** a.sh, a.ps1 and a.ts give back exactly `value`. */
async function checkCodeFiles(project: Project, value: string): Promise<void> {
  const [fromBash] = await bashReadBack(project.dir, 'a.sh', ['X']);
  expect(fromBash, 'bash: a.sh').toBe(value);
  const ps = readPowerShell(await project.read('a.ps1'));
  expect(ps.errors, 'PowerShell syntax').toEqual([]);
  expect(ps.envAssignments.get('X'), 'PowerShell: a.ps1').toBe(value);
  checkTsConst(await project.read('a.ts'), 'x', value);
}

/** a.env and a.md give back exactly `value`. */
async function checkTextFiles(project: Project, value: string): Promise<void> {
  expect(parseEnv(await project.read('a.env')).X, '.env: a.env').toBe(value);
  const md = await project.read('a.md');
  expect(md).toBe(`${markdownCode(value)}\n`);
  expect(readCodeSpan(md.slice(0, -1)), `CommonMark: a.md ${JSON.stringify(md)}`).toBe(value);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'caia-properties-'));
  fullTemplate = await makeTemplate('full', Object.keys(VAR_FILES) as (keyof typeof VAR_FILES)[]);
  codeTemplate = await makeTemplate('code', CODE_FILES);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const asChoice = ({ source, dir, manifest }: CustomTemplate): TemplateChoice => ({ source, dir, manifest });

// ---------------------------------------------------------------------------------------------------------------
// The properties

describe(`any user value is refused naming its field or read back exactly (${NUM_RUNS} cases each)`, () => {
  it(
    '[directory]: refused, or a valid npm package name in package.json and the README',
    async () => {
      const count = tally('[directory]');
      await fc.assert(
        fc.asyncProperty(directoryValue, async (value) => {
          count.cases++;
          const result = await attempt(['--sdk=openai', '--yes', '--os=linux', '--', value]);
          if (result.refused) {
            count.refused++;
            return checkRefusal(result.refused, '[directory]');
          }
          count.accepted++;
          const { options } = result;
          expect(options.directory).toBe(resolve(CWD, value));
          expect(options.directoryArg).toBe(value);
          await onDisk(await render(options), async (project) => {
            await checkPackageJson(project, options);
            expect((await project.read('README.md')).split('\n')[0]).toBe(`# ${options.packageName}`);
          });
        }),
        { numRuns: NUM_RUNS },
      );
      expectRanAll(count);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    '--resource: refused, or its endpoint read back from bash, PowerShell, .env, .env.example and README',
    async () => {
      const count = tally('--resource');
      await fc.assert(
        fc.asyncProperty(resourceValue, async (value) => {
          count.cases++;
          const result = await attempt([
            'app',
            '--sdk=azure-inference',
            `--resource=${value}`,
            '--deployment=gpt-4o',
            '--os=all',
          ]);
          if (result.refused) {
            count.refused++;
            return checkRefusal(result.refused, '--resource');
          }
          count.accepted++;
          const { options } = result;
          expect(options.endpoint).toBe(`https://${value.toLowerCase()}.openai.azure.com/openai/deployments/gpt-4o`);
          await onDisk(await render(options), async (project) => {
            await checkEndpoint(project, options.endpoint);
            await checkPackageJson(project, options);
          });
        }),
        { numRuns: NUM_RUNS },
      );
      expectRanAll(count);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    '--deployment: refused by both flavours, or read back from TS (openai), its endpoint, README and package.json',
    async () => {
      const count = tally('--deployment');
      await fc.assert(
        fc.asyncProperty(deploymentValue, async (value) => {
          count.cases++;
          const flags = (sdk: string) => [
            'app',
            `--sdk=${sdk}`,
            '--resource=contoso',
            `--deployment=${value}`,
            '--os=all',
          ];
          const azure = await attempt(flags('azure-inference'));
          const openai = await attempt(flags('openai'));
          expect(openai.refused === undefined, 'both flavours agree').toBe(azure.refused === undefined);
          if (azure.refused || openai.refused) {
            count.refused++;
            if (azure.refused) checkRefusal(azure.refused, '--deployment');
            if (openai.refused) checkRefusal(openai.refused, '--deployment');
            return;
          }
          count.accepted++;
          expect(azure.options.endpoint).toBe(`https://contoso.openai.azure.com/openai/deployments/${value}`);
          await onDisk(await render(azure.options), async (project) => {
            await checkEndpoint(project, azure.options.endpoint);
            checkInlineCode(await project.read('README.md'), value);
            await checkPackageJson(project, azure.options);
          });
          await onDisk(await render(openai.options), async (project) => {
            await checkDeployment(project, value);
            checkInlineCode(await project.read('README.md'), value);
            await checkPackageJson(project, openai.options);
          });
        }),
        { numRuns: NUM_RUNS },
      );
      expectRanAll(count);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    '--endpoint (any string and URL-ish ones): refused, or read back from bash, PowerShell, .env, .env.example, README',
    async () => {
      const count = tally('--endpoint');
      await fc.assert(
        fc.asyncProperty(endpointValue, sdkValue, async (value, sdk) => {
          count.cases++;
          const result = await attempt(['app', `--sdk=${sdk}`, `--endpoint=${value}`, '--yes', '--os=all']);
          if (result.refused) {
            count.refused++;
            return checkRefusal(result.refused, '--endpoint');
          }
          count.accepted++;
          const { options } = result;
          expect(options.endpoint.startsWith('https://')).toBe(true);
          expect(options.endpoint).toBe(
            sdk === 'openai'
              ? `${options.customEndpoint}/openai/v1/`
              : `${options.customEndpoint}/openai/deployments/${options.deployment}`,
          );
          await onDisk(await render(options), async (project) => {
            await checkEndpoint(project, options.endpoint);
            await checkPackageJson(project, options);
          });
        }),
        { numRuns: NUM_RUNS },
      );
      expectRanAll(count);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    '--api-version: refused (always with --sdk openai), or read back from src/client.ts and the README',
    async () => {
      const count = tally('--api-version');
      await fc.assert(
        fc.asyncProperty(apiVersionValue, async (value) => {
          count.cases++;
          const flags = (sdk: string) => ['app', `--sdk=${sdk}`, '--yes', `--api-version=${value}`, '--os=linux'];
          const openai = await attempt(flags('openai'));
          expect(openai.refused, '--sdk openai takes no --api-version').toBeDefined();
          if (openai.refused) checkRefusal(openai.refused, '--api-version');
          const result = await attempt(flags('azure-inference'));
          if (result.refused) {
            count.refused++;
            return checkRefusal(result.refused, '--api-version');
          }
          count.accepted++;
          const { options } = result;
          expect(options.apiVersion).toBe(value);
          await onDisk(await render(options), async (project) => {
            checkTsConst(await project.read('src/client.ts'), 'apiVersion', value);
            checkInlineCode(await project.read('README.md'), value);
            await checkPackageJson(project, options);
          });
        }),
        { numRuns: NUM_RUNS },
      );
      expectRanAll(count);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'the API key from --api-key-stdin: refused without showing it, or read back from .env (0600) and nowhere else',
    async () => {
      const count = tally('--api-key-stdin');
      const flags = ['app', '--sdk=azure-inference', '--resource=contoso', '--deployment=gpt-4o', '--os=all'];
      const reference = await attempt(flags, environment('not a key'));
      expect(reference.refused).toBeDefined();
      await fc.assert(
        fc.asyncProperty(apiKeyValue, async (value) => {
          count.cases++;
          const result = await attempt([...flags, '--auth=key'], environment(value));
          if (result.refused) {
            count.refused++;
            checkRefusal(result.refused, 'The API key from --api-key-stdin');
            // The message is the same for every refused key: the key is never shown.
            expect(result.refused.message).toBe(reference.refused?.message);
            return;
          }
          count.accepted++;
          const { options } = result;
          expect(options.apiKey).toBe(value);
          await onDisk(await render(options), async (project) => {
            expect(parseEnv(await project.read('.env')).AZURE_OPENAI_CHAT_KEY, '.env').toBe(value);
            expect((await stat(join(project.dir, '.env'))).mode & 0o777).toBe(0o600);
            await checkPackageJson(project, options);
            if (value.length >= 16) {
              for (const path of await readdir(project.dir, { recursive: true })) {
                if (path === '.env' || (await stat(join(project.dir, path))).isDirectory()) continue;
                expect(await project.read(path), `the key is not in ${path}`).not.toContain(value);
              }
              expect(options.notes.join('\n')).not.toContain(value);
            }
          });
        }),
        { numRuns: NUM_RUNS },
      );
      expectRanAll(count);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    '--var x (custom template): refused, a helper that cannot hold it names its file, or every file reads it back',
    async () => {
      const count = tally('--var x');
      await fc.assert(
        fc.asyncProperty(anyString, async (value) => {
          count.cases++;
          const result = await attempt(
            ['app', '--yes', '--os=linux', '--var', `x=${value}`],
            environment(),
            asChoice(fullTemplate),
          );
          if (result.refused) {
            count.refused++;
            return checkRefusal(result.refused, '--var x');
          }
          const { options } = result;
          expect(options.vars).toEqual({ x: value });
          // bash, PowerShell and TypeScript hold every accepted value.
          await onDisk(await render({ ...options, template: asChoice(codeTemplate) }), (project) =>
            checkCodeFiles(project, value),
          );
          const full = await render(options).catch((error: unknown) => {
            if (error instanceof UsageError) return error;
            throw error;
          });
          if (full instanceof UsageError) {
            count.refused++;
            const file = /^--template: Template (a\.env|a\.md)\.hbs: /.exec(full.message)?.[1];
            expect(file, `"${full.message}" names a template file that cannot hold the value`).toBeDefined();
            expect(value, `${file} can hold the value it refused`).toMatch(file === 'a.env' ? /['\r\n]/ : /[\r\n]/);
            return;
          }
          count.accepted++;
          await onDisk(full, (project) => checkTextFiles(project, value));
        }),
        { numRuns: NUM_RUNS },
      );
      expectRanAll(count);
    },
    PROPERTY_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Each check fails on a wrong value: a green property means something.

describe('the read-back checks catch wrong values', () => {
  /** A valid project for `flags`, written to disk, checked by `check`. */
  async function withProject(
    flags: readonly string[],
    check: (project: Project, options: ProjectOptions) => Promise<void>,
  ) {
    const result = await attempt(flags);
    if (!result.options) throw result.refused;
    const { options } = result;
    await onDisk(await render(options), (project) => check(project, options));
  }
  const valid = ['app', '--sdk=azure-inference', '--resource=contoso', '--deployment=gpt-4o', '--os=all'];

  it('[directory]: a refusal naming another field, and names npm does not take', () => {
    expect(() => checkRefusal(new UsageError('--resource "x": bad'), '[directory]')).toThrow();
    expect(() => checkRefusal(new UsageError('[directory] "a": bad\n--os "b": bad'), '[directory]')).toThrow();
    for (const name of [
      'My-App',
      '.app',
      '_app',
      '-app',
      ' app',
      'a b',
      'node_modules',
      'a/b',
      "it's",
      'x'.repeat(215),
    ]) {
      expect(npmNameProblems(name), name).not.toEqual([]);
    }
  });

  it('--resource: a wrong endpoint, and a value bash expands, are caught', async () => {
    await withProject(valid, async (project, options) => {
      await expect(checkEndpoint(project, `${options.endpoint}/`)).rejects.toThrow(/bash: setup-env.sh/);
      await writeFile(join(project.dir, 'setup-env.sh'), 'export AZURE_OPENAI_CHAT_ENDPOINT="https://x/$(echo y)"\n');
      await expect(checkEndpoint(project, 'https://x/$(echo y)')).rejects.toThrow(/bash: setup-env.sh/);
    });
  });

  it('--deployment: a wrong value in a setup file is caught', async () => {
    await withProject(['app', '--sdk=openai', '--resource=contoso', '--deployment=gpt-4o'], async (project) => {
      await expect(checkDeployment(project, 'gpt-4o ')).rejects.toThrow(/bash: setup-env.sh/);
    });
  });

  it('--api-version: a wrong TypeScript literal, or one that is not valid TypeScript, is caught', async () => {
    const args = ['app', '--sdk=azure-inference', '--resource=contoso', '--deployment=d', '--model=gpt-4.1'];
    await withProject(args, async (project) => {
      const source = await project.read('src/client.ts');
      expect(() => checkTsConst(source, 'apiVersion', '2024-06-01 ')).toThrow(/TypeScript: apiVersion/);
    });
    expect(() => checkTsConst("export const x = 'it's';\n", 'x', "it's")).toThrow();
    expect(() => checkTsConst('export const x = "a\nb";\n', 'x', 'a\nb')).toThrow();
    expect(() => checkTsConst('export const x = "a\u2028b";\n', 'x', 'a\u2028b')).toThrow();
  });

  it('--endpoint: a wrong value in .env or the README, and a | that splits the settings table, are caught', async () => {
    await withProject(valid, async (project, options) => {
      await writeFile(join(project.dir, '.env'), `AZURE_OPENAI_CHAT_ENDPOINT='${options.endpoint}x'\n`);
      await expect(checkEndpoint(project, options.endpoint)).rejects.toThrow(/\.env/);
    });
    expect(tableCells('| `AZURE_OPENAI_CHAT_ENDPOINT` | `https://a/b|c` |')).toHaveLength(3);
    expect(tableCells('| `AZURE_OPENAI_CHAT_ENDPOINT` | `https://a/b\\|c` |')).toEqual([
      '`AZURE_OPENAI_CHAT_ENDPOINT`',
      '`https://a/b|c`',
    ]);
  });

  it('--api-version: Markdown that does not hold the value as one code span is caught', () => {
    expect(() => checkInlineCode('The API version, `2024-06-01`, is set', '2024-06-02')).toThrow();
    expect(() => checkInlineCode('a ``2024-06-01` b', '2024-06-01')).toThrow(/backtick/);
    expect(readCodeSpan('``')).toBeUndefined();
    expect(readCodeSpan('`a``')).toBeUndefined();
    expect(readCodeSpan('` a `')).toBe('a');
    expect(readCodeSpan('`` `a` ``')).toBe('`a`');
    expect(readCodeSpan('`a\nb`')).toBe('a b');
  });

  it('the API key: a .env value that does not parse back is caught', async () => {
    expect(parseEnv("AZURE_OPENAI_CHAT_KEY='it's'\n").AZURE_OPENAI_CHAT_KEY).not.toBe("it's");
    await withProject(valid, async (project, options) => {
      await expect(checkEndpoint(project, options.endpoint, 'another key')).rejects.toThrow(/\.env key/);
    });
  });

  it('--var x: files that do not give the value back are caught in bash, PowerShell, TS, .env and Markdown', async () => {
    const dir = join(root, 'hand-written');
    await mkdir(dir, { recursive: true });
    const project: Project = { dir, files: new Set(), read: (path) => readFile(join(dir, path), 'utf8') };
    const value = "a'b";
    const files: Record<string, string> = {
      'a.sh': "X='a'b'\n",
      'a.ps1': "$env:X = 'a''b'\n",
      'a.ts': 'export const x = "a\'b";\n',
      'a.env': "X='a'b'\n",
      'a.md': "`a'b`\n",
    };
    for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
    await expect(checkCodeFiles(project, value)).rejects.toThrow(/bash: a\.sh/);
    await writeFile(join(dir, 'a.sh'), "X='a'\\''b'\n");
    await writeFile(join(dir, 'a.ps1'), "$env:X = 'a\u2018b'\n");
    await expect(checkCodeFiles(project, value)).rejects.toThrow(/string ends at character/);
    await writeFile(join(dir, 'a.ps1'), "$env:X = 'a''b'\n");
    await expect(checkCodeFiles(project, value)).resolves.toBeUndefined();
    await expect(checkCodeFiles(project, "a'c")).rejects.toThrow(/bash: a\.sh/);
    await expect(checkTextFiles(project, value)).rejects.toThrow(/\.env: a\.env/);
    await writeFile(join(dir, 'a.env'), "X='ab'\n");
    await expect(checkTextFiles(project, 'ab')).rejects.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Counterexamples the properties found, shrunk by fast-check and then by hand. Each fails until its bug is fixed.

describe('shrunk counterexamples', () => {
  /** What happened to the value: refused naming its field, or written and read back exactly. */
  type Outcome = 'refused' | 'written';

  async function endpointCase(endpoint: string): Promise<Outcome> {
    const result = await attempt(['app', '--sdk=azure-inference', `--endpoint=${endpoint}`, '--yes', '--os=all']);
    if (result.refused) {
      checkRefusal(result.refused, '--endpoint');
      return 'refused';
    }
    const { options } = result;
    await onDisk(await render(options), (project) => checkEndpoint(project, options.endpoint));
    return 'written';
  }

  it('--endpoint with a malformed percent escape in the deployment: a UsageError naming --endpoint (not URIError)', async () => {
    // fast-check: ["https://contoso.openai.azure.com/openai/deployments/%E0%A4%A", "azure-inference"]
    expect(await endpointCase('https://contoso.openai.azure.com/openai/deployments/%zz')).toBe('refused');
  });

  it("--endpoint with a ' in the host: refused naming --endpoint (not a built-in template error)", async () => {
    // fast-check: ["HTTPS:///'", "azure-inference"]; the ' check looks at the path only, and .env cannot hold it.
    expect(await endpointCase("https://'")).toBe('refused');
  });

  it('--endpoint with a | in the path: refused naming --endpoint (the README settings table would split at it)', async () => {
    // fast-check: ["https://contoso.openai.azure.com/|", "azure-inference"]; GFM splits the cell at the |.
    expect(await endpointCase('https://contoso.openai.azure.com/|')).toBe('refused');
  });

  async function varCase(value: string): Promise<Outcome> {
    const result = await attempt(
      ['app', '--yes', '--os=linux', '--var', `x=${value}`],
      environment(),
      asChoice(fullTemplate),
    );
    if (result.refused) {
      checkRefusal(result.refused, '--var x');
      return 'refused';
    }
    const { options } = result;
    await onDisk(await render({ ...options, template: asChoice(codeTemplate) }), (project) =>
      checkCodeFiles(project, value),
    );
    await onDisk(await render(options), (project) => checkTextFiles(project, value));
    return 'written';
  }

  it('--var x= (empty, for a required variable): refused naming --var x (not Markdown that reads back as two backticks)', async () => {
    // fast-check: [""]; markdownCode("") is "``", which CommonMark reads as two literal backticks.
    expect(await varCase('')).toBe('refused');
  });

  it('--var "x= \\u3000 " (spaces around other whitespace): Markdown that CommonMark reads back exactly', async () => {
    // fast-check: [" \u000b "]; markdownCode pads only when trim() leaves something, CommonMark strips one space each
    // side. A control character is refused now, so the same shape with whitespace that is not one:
    expect(await varCase(' \u3000 ')).toBe('written');
    expect(await varCase(' \u000b ')).toBe('refused');
  });

  it('--var x=<lone surrogate>: refused naming --var x (not U+FFFD in the files on disk)', async () => {
    // fast-check: ["\udfff"]; the files are UTF-8, which turns it into U+FFFD.
    expect(await varCase('\udfff')).toBe('refused');
  });
});
