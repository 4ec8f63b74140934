// A project generated with --sdk azure-inference (the retired Azure AI Inference SDK), moved by `migrate --write` to the
// OpenAI SDK on the v1 API, installed from the registry, type-checked against the pinned openai and run against the
// local HTTPS stand-in: `npm start` and `npm run stream` answer through /openai/v1/, with the deployment as `model`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionsFor } from '../../src/project/versions.js';
import { describeRun, runCli, tempDir } from '../helpers/cli.js';
import { DEPLOYMENT, describeShell, type Fixture, KEY, REPLY, sh, startFixture, TOKEN } from '../helpers/project.js';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture();
});
afterAll(async () => {
  await fixture?.close();
});

describe.each(['key', 'entra'] as const)('azure-inference project with %s auth, migrated', (auth) => {
  let dir: string;
  let report: {
    files: { path: string; changed: boolean; findings: { code: string; level: string; message: string }[] }[];
  };
  const env = (extra: Record<string, string> = {}) => fixture.env({ auth, extra });

  beforeAll(async () => {
    const cwd = await tempDir('caia-azsdk-');
    dir = join(cwd, 'app');
    const generated = await runCli(
      [
        'app',
        '--sdk',
        'azure-inference',
        '--auth',
        auth,
        '--endpoint',
        fixture.standin.url,
        '--deployment',
        DEPLOYMENT,
        '--model',
        DEPLOYMENT,
        '--os',
        'linux',
        '--no-git',
        '--no-install',
      ],
      { cwd },
    );
    expect(generated.exitCode, describeRun(generated)).toBe(0);
    // --force: the project was made with --no-git, so no repository shows what --write changes.
    const migrated = await runCli(['migrate', dir, '--write', '--force', '--json'], { cwd });
    expect(migrated.exitCode, describeRun(migrated)).toBe(0);
    report = JSON.parse(migrated.stdout);
    const install = await sh(
      dir,
      'npm install --no-audit --no-fund --ignore-scripts',
      env({ npm_config_cache: join(cwd, 'npm-cache') }),
    );
    expect(install.exitCode, describeShell(install)).toBe(0);
  });

  it('moved the client and the calls, and left package.json on openai at the pinned version', async () => {
    const changed = report.files.filter((f) => f.changed).map((f) => f.path);
    expect(changed).toEqual(['package.json', 'src/chat.ts', 'src/client.ts']);
    expect(report.files.flatMap((f) => f.findings).filter((f) => f.level === 'error')).toEqual([]);
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies.openai).toBe(versionsFor(process.versions.node).openai);
    // core-sse was imported by the moved code only; the key client's core-auth too. The SDK itself stays while the
    // reported test helper still imports its types.
    expect(pkg.dependencies['@azure/core-sse']).toBeUndefined();
    if (auth === 'key') expect(pkg.dependencies['@azure/core-auth']).toBeUndefined();
    expect(pkg.dependencies['@azure-rest/ai-inference']).toBeDefined();
    const client = await readFile(join(dir, 'src/client.ts'), 'utf8');
    expect(client).not.toContain('@azure-rest/ai-inference');
    expect(client).toContain('new OpenAI(');
  });

  it("reports the project's own tests, which fake the retired SDK's wire format, instead of rewriting them", () => {
    const fake = report.files.find((f) => f.path === 'test/fake-azure.ts');
    expect(fake?.changed).toBe(false);
    expect(fake?.findings.map((f) => f.code)).toEqual(['AZM211']);
    // A test that only calls the project's own code is said to depend on code that moves, not to use openai.
    const chat = report.files.find((f) => f.path === 'test/chat.test.ts');
    expect(chat?.changed).toBe(false);
    expect(chat?.findings.map((f) => f.message)).toEqual([
      'a test file or mock that uses code of another module that moves: reported, not rewritten; check that it still holds once that code is on Azure',
    ]);
  });

  it('type-checks against the installed openai (the application, not the reported tests)', async () => {
    await writeFile(
      join(dir, 'tsconfig.app.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['*.ts', 'src/**/*.ts'] }),
    );
    const run = await sh(dir, 'node node_modules/typescript/bin/tsc --noEmit -p tsconfig.app.json', env());
    expect(run.exitCode, describeShell(run)).toBe(0);
  });

  it('answers with npm start through the v1 API, the deployment as model, no api-version', async () => {
    const before = fixture.standin.requests.length;
    const run = await sh(dir, 'source ./setup-env.sh && npm start --silent', env());
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    expect(fixture.standin.problems).toEqual([]);
    expect(fixture.standin.requests.length).toBe(before + 1);
    const request = fixture.standin.requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/openai/v1/chat/completions', status: 200 });
    expect(request?.query).toEqual({});
    expect(request?.body).toMatchObject({ model: DEPLOYMENT });
    expect(request?.headers.authorization).toBe(`Bearer ${auth === 'key' ? KEY : TOKEN}`);
    if (auth === 'entra') {
      expect(await readFile(fixture.az.log, 'utf8')).toContain('--resource https://cognitiveservices.azure.com');
    }
  });

  it('streams with npm run stream', async () => {
    const run = await sh(dir, 'source ./setup-env.sh && npm run --silent stream', env());
    expect(run.exitCode, describeShell(run)).toBe(0);
    expect(run.stdout).toBe(`${REPLY}\n`);
    expect(fixture.standin.requests.at(-1)).toMatchObject({
      path: '/openai/v1/chat/completions',
      body: { stream: true },
    });
  });

  it('changes nothing on a second run', async () => {
    const again = await runCli(['migrate', dir, '--json'], { cwd: dir });
    expect(again.exitCode, describeRun(again)).toBe(0);
    expect(JSON.parse(again.stdout).files.filter((f: { changed: boolean }) => f.changed)).toEqual([]);
  });
});
