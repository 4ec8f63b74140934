// Each pin set installed and run on each Node.js it claims: the current set on Node 22 (22.18+), 24 and 26, the Node 20
// set on this machine's Node 20. One project per flavour and Node, installed once by the CLI; the auth method and the
// model are switched by generating the project's files again over it (--overwrite --no-install), so every
// flavour x auth x {classic, reasoning} runs against the stand-in without an install each.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UTF8_REPLY } from '../helpers/azure-standin.js';
import { CLI, tempDir } from '../helpers/cli.js';
import { describeShell, type Fixture, REPLY, sh, startFixture } from '../helpers/project.js';
import { toolBin } from '../helpers/tools.js';

const CLASSIC = 'gpt-4.1';
const REASONING = 'gpt-5-mini';
// One api-version the stand-in checks: azure-inference projects ask for it explicitly (the reasoning default).
const API_VERSION = '2024-10-21';
// What the stand-in's model asks tools.ts to run, and what convert_length answers.
const TOOL_ARGUMENTS = { value: 3.5, from: 'mile', to: 'foot' };
const TOOL_LINE = `(called convert_length(${JSON.stringify(TOOL_ARGUMENTS)}): 18480)`;

let fixture: Fixture;
beforeAll(async () => {
  fixture = await startFixture({
    apiVersion: API_VERSION,
    deployments: { [CLASSIC]: 'classic', [REASONING]: 'reasoning' },
    toolArguments: TOOL_ARGUMENTS,
  });
});
afterAll(async () => {
  await fixture?.close();
});

describe.each([
  { tool: 'node26', version: /^v26\./, set: 'current' },
  { tool: 'node24', version: /^v24\./, set: 'current' },
  { tool: 'node22', version: /^v22\.(1[89]|[2-9]\d)\./, set: 'current' },
  { tool: undefined, version: /^v20\./, set: 'node20' },
] as const)('Node.js $tool ($set set)', ({ tool, version, set }) => {
  describe.each(['openai', 'azure-inference'] as const)('%s', (sdk) => {
    let cwd: string;
    let dir: string;
    let path: string[];
    let major: string;

    const generate = async (auth: 'key' | 'entra', model: string, more: readonly string[] = []) => {
      const cli = [
        CLI,
        'app',
        '--sdk',
        sdk,
        '--auth',
        auth,
        '--endpoint',
        fixture.standin.url,
        '--deployment',
        model,
        '--model',
        model,
        ...(sdk === 'azure-inference' ? ['--api-version', API_VERSION] : []),
        '--os',
        'linux',
        '--no-git',
        ...more,
      ];
      // Generated without the key in the environment (the CLI would save it to .env); it is set when running.
      const { AZURE_OPENAI_CHAT_KEY: _, ...withoutKey } = fixture.env({ auth, path });
      const run = await sh(cwd, `node ${cli.join(' ')}`, withoutKey);
      expect(run.exitCode, describeShell(run)).toBe(0);
      return run;
    };

    beforeAll(async () => {
      path = tool ? [await toolBin(tool)] : [];
      cwd = await tempDir('caia-node-');
      dir = join(cwd, 'app');
      const node = await sh(cwd, 'node --version', fixture.env({ auth: 'key', path }));
      expect(node.stdout).toMatch(version);
      major = node.stdout.slice(1).split('.')[0] ?? '';
      // Entra ID first: its package.json is the superset (the SDK and @azure/identity), installed once.
      const run = await generate('entra', CLASSIC);
      expect(run.stderr).not.toMatch(/EBADENGINE/);
    });

    it('is pinned for this Node.js and type-checks', async () => {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
        devDependencies: Record<string, string>;
      };
      expect(pkg.scripts.start).toBe(set === 'current' ? 'node example.ts' : 'tsx example.ts');
      expect(pkg.devDependencies.typescript).toBe('7.0.2');
      // The types of the Node.js it runs on: Node 26's own APIs type-check on 26.
      expect(pkg.devDependencies['@types/node']?.split('.')[0]).toBe(major);
      const checked = await sh(dir, 'npm run --silent typecheck', fixture.env({ auth: 'entra', path }));
      expect(checked.exitCode, describeShell(checked)).toBe(0);
    });

    it.each([
      ['entra', CLASSIC],
      ['entra', REASONING],
      ['key', CLASSIC],
      ['key', REASONING],
    ] as const)('answers with %s auth from a %s deployment, plain and streamed', async (auth, model) => {
      await generate(auth, model, ['--overwrite', '--no-install']);
      const before = fixture.standin.requests.length;
      const run = await sh(
        dir,
        'source ./setup-env.sh && npm start --silent && npm run --silent stream',
        fixture.env({ auth, path }),
      );
      expect(run.exitCode, describeShell(run)).toBe(0);
      expect(run.stdout).toBe(`${REPLY}\n${REPLY}\n`);
      expect(fixture.standin.problems).toEqual([]);
      const sent = fixture.standin.requests.slice(before);
      expect(sent.map((request) => request.status)).toEqual([200, 200]);
      for (const request of sent) {
        const body = request.body as Record<string, unknown>;
        if (model === REASONING) {
          expect(body).toMatchObject({ max_completion_tokens: 2000 });
          expect(body).not.toHaveProperty('temperature');
          expect(body).not.toHaveProperty('max_tokens');
        } else {
          expect(body).toMatchObject({ temperature: 0.7, max_tokens: 100 });
        }
        expect(request.headers['extra-parameters']).toBeUndefined();
      }
    });

    it.each([
      ['entra', REASONING],
      ['key', CLASSIC],
    ] as const)(
      'passes its own npm test (%s, %s) with no network, no key and no Azure settings',
      async (auth, model) => {
        await generate(auth, model, ['--overwrite', '--no-install']);
        // A network namespace of its own with no interface up: nothing can be reached, loopback included.
        const env = { PATH: fixture.env({ auth, path }).PATH ?? '', HOME: cwd, npm_config_update_notifier: 'false' };
        const run = await sh(dir, 'unshare --net npm test', env);
        expect(run.exitCode, describeShell(run)).toBe(0);
        const passed = /(?:# |ℹ )pass (\d+)/.exec(run.stdout)?.[1];
        expect(Number(passed), describeShell(run)).toBe(sdk === 'openai' ? 14 : 11);
        expect(run.stdout).toMatch(/(?:# |ℹ )fail 0/);
      },
    );

    it('runs tools.ts (and responses.ts for openai) against the stand-in', async () => {
      await generate('key', REASONING, ['--overwrite', '--no-install']);
      const before = fixture.standin.requests.length;
      const scripts =
        sdk === 'openai' ? 'npm run --silent tools && npm run --silent responses' : 'npm run --silent tools';
      const run = await sh(dir, `source ./setup-env.sh && ${scripts}`, fixture.env({ auth: 'key', path }));
      expect(run.exitCode, describeShell(run)).toBe(0);
      const expected = [TOOL_LINE, 'Tool result: 18480', ...(sdk === 'openai' ? [REPLY, REPLY] : [])];
      expect(run.stdout).toBe(`${expected.join('\n')}\n`);
      expect(fixture.standin.problems).toEqual([]);
      const sent = fixture.standin.requests.slice(before);
      expect(sent.map((request) => request.path)).toEqual([
        ...(sdk === 'openai'
          ? [
              '/openai/v1/chat/completions',
              '/openai/v1/chat/completions',
              '/openai/v1/responses',
              '/openai/v1/responses',
            ]
          : [`/openai/deployments/${REASONING}/chat/completions`, `/openai/deployments/${REASONING}/chat/completions`]),
      ]);
      // The function's result went back with the id of the model's call.
      const second = sent[1]?.body as { messages: Array<Record<string, unknown>> };
      expect(second.messages.at(-1)).toMatchObject({ role: 'tool', content: '18480' });
      expect(second.messages.at(-1)?.tool_call_id).toBe(
        (second.messages.at(-2)?.tool_calls as Array<{ id: string }> | undefined)?.[0]?.id,
      );
      if (sdk === 'openai') {
        expect(sent[2]?.body).toMatchObject({ model: REASONING, max_output_tokens: 2000 });
        expect(sent[3]?.body).toMatchObject({ stream: true });
      }
    });

    it('decodes a reply whose multi-byte characters are split between chunks', async () => {
      await generate('key', REASONING, ['--overwrite', '--no-install']);
      fixture.standin.setScenario('utf8-split');
      try {
        const run = await sh(
          dir,
          'source ./setup-env.sh && npm start --silent && npm run --silent stream',
          fixture.env({ auth: 'key', path }),
        );
        expect(run.exitCode, describeShell(run)).toBe(0);
        expect(run.stdout).toBe(`${UTF8_REPLY}\n${UTF8_REPLY}\n`);
      } finally {
        fixture.standin.setScenario('ok');
      }
    });

    it("takes an endpoint of the other flavour's form, the deployment still from AZURE_OPENAI_CHAT_DEPLOYMENT", async () => {
      const before = fixture.standin.requests.length;
      const other =
        sdk === 'openai'
          ? `${fixture.standin.url}/openai/deployments/${REASONING}`
          : `${fixture.standin.url}/openai/v1/`;
      const run = await sh(
        dir,
        `source ./setup-env.sh && AZURE_OPENAI_CHAT_ENDPOINT='${other}' npm start --silent`,
        fixture.env({ auth: 'key', path }),
      );
      expect(run.exitCode, describeShell(run)).toBe(0);
      expect(run.stdout).toBe(`${REPLY}\n`);
      const paths = fixture.standin.requests.slice(before).map((request) => request.path);
      expect(paths).toHaveLength(1);
      expect(paths[0]).toMatch(
        sdk === 'openai' ? /^\/openai\/v1\/chat\/completions$/ : /^\/openai\/deployments\/[^/]+\/chat\/completions$/,
      );
      expect(fixture.standin.problems).toEqual([]);
    });

    if (set === 'current') {
      it('explains any failure without hanging or throwing, and answers every function call the model makes', async () => {
        await generate('key', REASONING, ['--overwrite', '--no-install']);
        const file = join(dir, 'test', 'edge-cases.test.ts');
        await writeFile(file, edgeCases(sdk));
        try {
          const run = await sh(dir, 'node --test test/edge-cases.test.ts', fixture.env({ auth: 'key', path }));
          expect(run.exitCode, describeShell(run)).toBe(0);
          expect(run.stdout).toMatch(/(?:# |ℹ )pass 6\n/);
        } finally {
          await rm(file);
        }
      });

      it('its tests fail when a request sends what the model refuses', async () => {
        await generate('key', REASONING, ['--overwrite', '--no-install']);
        const chat = join(dir, 'src', 'chat.ts');
        const source = await readFile(chat, 'utf8');
        await writeFile(
          chat,
          source.replace('max_completion_tokens: 2000 }', 'max_completion_tokens: 2000, temperature: 0.5 }'),
        );
        try {
          const run = await sh(dir, 'npm test', fixture.env({ auth: 'key', path }));
          expect(run.exitCode, describeShell(run)).toBe(1);
          expect(run.stdout).toContain('sends only parameters reasoning models accept');
        } finally {
          await writeFile(chat, source);
        }
      });

      it('runs after a production install (npm install --omit=dev && npm start)', async () => {
        await generate('key', CLASSIC, ['--overwrite', '--no-install']);
        const run = await sh(
          dir,
          'npm install --omit=dev --no-audit --no-fund --silent && source ./setup-env.sh && npm start --silent',
          fixture.env({ auth: 'key', path }),
        );
        expect(run.exitCode, describeShell(run)).toBe(0);
        expect(run.stdout.trim().split('\n').at(-1)).toBe(REPLY);
        expect(fixture.standin.problems).toEqual([]);
      });
    }
  });
});

/**
 * A test file for a generated project (key auth, a reasoning model) that drives its code with what a hostile model or
 * a broken library may produce: a cause chain that loops, a thrown value that is no Error, a length whose conversion
 * overflows a naive rounding, a function that throws, a reply the content filter withheld, a model that never stops
 * calling functions.
 */
function edgeCases(sdk: 'openai' | 'azure-inference'): string {
  const args = sdk === 'openai' ? 'azure.client, DEPLOYMENT' : 'azure.client';
  return `import assert from "node:assert/strict";
import { test } from "node:test";
import { complete, completeWithTools } from "../src/chat.ts";
import { explainFailure } from "../src/explain.ts";
import { functions } from "../src/functions.ts";
import { chatCompletion, DEPLOYMENT, fakeAzure, functionCall } from "./fake-azure.ts";

const question = [{ role: "user" as const, content: "?" }];
void DEPLOYMENT;

test("a cause chain that loops", () => {
  const error = new Error("loop") as Error & { cause?: unknown };
  error.cause = error;
  assert.match(explainFailure(error), /The request failed: loop/);
});

test("thrown values that are no Error", () => {
  assert.match(explainFailure(Object.create(null)), /The request failed: \\[object Object\\]/);
  assert.match(explainFailure({ toString() { throw new Error("no"); } }), /The request failed/);
  assert.match(explainFailure(Object.assign(new Error("odd"), { status: 0 })), /The request failed: odd/);
});

test("a length near the largest number", async () => {
  assert.equal(await functions.convert_length?.run({ value: 1e303, from: "mile", to: "foot" }), "5.28e+306");
});

test("a function that throws gets an answer the model reads", async () => {
  const throwing = {
    ...functions,
    fail: { description: "fails", parameters: { type: "object" }, run: () => { throw new Error("disk full"); } },
  };
  const azure = fakeAzure(functionCall("fail", {}), chatCompletion("Sorry."));
  assert.equal(await completeWithTools(${args}, question, throwing), "Sorry.");
  assert.equal(azure.requests[1]?.body.messages.at(-1).content, "The function failed: disk full.");
});

test("a reply the content filter withheld", async () => {
  const azure = fakeAzure(chatCompletion(null, "content_filter"));
  await assert.rejects(complete(${args}, question), (error) => {
    assert.match(explainFailure(error), /content filter withheld it/);
    return true;
  });
});

test("a model that never stops calling functions", async () => {
  const calls = [1, 2, 3, 4, 5].map(() => functionCall("convert_length", { value: 1, from: "mile", to: "foot" }));
  const azure = fakeAzure(...calls);
  await assert.rejects(completeWithTools(${args}, question, functions), (error) => {
    assert.match(explainFailure(error), /^The model was still calling functions after 5 rounds/);
    return true;
  });
  assert.equal(azure.requests.length, 5);
});
`;
}
