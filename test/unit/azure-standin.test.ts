import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Standin,
  type StandinOptions,
  startAzureStandin,
  UTF8_ERROR_MESSAGE,
  UTF8_REPLY,
} from '../helpers/azure-standin.js';

const DEPLOYMENT = 'gpt-4o-mini';
const KEY = 'test-key-0123456789abcdef';
const TOKEN = 'eyJ0eXAiOiJKV1QifQ.test-entra-token';
const AZURE_PATH = `/openai/deployments/${DEPLOYMENT}/chat/completions?api-version=2024-06-01`;
const OPENAI_PATH = '/openai/v1/chat/completions';
const CHAT = {
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'How many feet are in a mile?' },
  ],
  temperature: 0.7,
  max_tokens: 100,
};

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as it arrived, chunk by chunk (each decoded alone). */
  chunks: string[];
  /** The body's bytes as they arrived, chunk by chunk. */
  raw: Buffer[];
}

interface Call {
  /** Another origin than the stand-in's (its redirect target). */
  origin?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function start(options: Partial<StandinOptions> = {}): Promise<{ standin: Standin; ca: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-standin-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const standin = await startAzureStandin({ dir, deployment: DEPLOYMENT, apiKey: KEY, ...options });
  cleanups.push(() => standin.close());
  return { standin, ca: await readFile(standin.caCertPath, 'utf8') };
}

function call(
  standin: Standin,
  ca: string,
  { origin, method = 'POST', path, headers = {}, body }: Call,
): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, origin ?? standin.url), { method, headers, ca }, (res) => {
      const raw: Buffer[] = [];
      res.on('data', (chunk: Buffer) => raw.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(raw).toString('utf8'),
          chunks: raw.map((chunk) => chunk.toString('utf8')),
          raw,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const json = { 'content-type': 'application/json' };
const azureKeyHeaders = { ...json, 'api-key': KEY, authorization: `Bearer ${KEY}` };
const bearerHeaders = (credential: string) => ({ ...json, authorization: `Bearer ${credential}` });

function errorOf(reply: Reply): { code: string; message: string } {
  return (JSON.parse(reply.text) as { error: { code: string; message: string } }).error;
}

describe('azure stand-in', () => {
  it('answers the azure-inference flavour with a completion when the api-key is right', async () => {
    const { standin, ca } = await start();
    const reply = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });

    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['apim-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers['x-request-id']).toBeTruthy();
    const body = JSON.parse(reply.text) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'gpt-4o-mini-2024-07-18',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'There are 5,280 feet in a mile.' }, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: expect.any(Number),
        completion_tokens: expect.any(Number),
        total_tokens: expect.any(Number),
      },
    });
    expect(standin.problems).toEqual([]);
  });

  it('records every field of a request', async () => {
    const { standin, ca } = await start();
    await call(standin, ca, {
      path: AZURE_PATH,
      headers: { ...azureKeyHeaders, 'x-ms-client-request-id': 'abc' },
      body: CHAT,
    });

    expect(standin.requests).toEqual([
      {
        method: 'POST',
        path: `/openai/deployments/${DEPLOYMENT}/chat/completions`,
        query: { 'api-version': '2024-06-01' },
        headers: expect.objectContaining({
          'api-key': KEY,
          'x-ms-client-request-id': 'abc',
          'content-type': 'application/json',
        }),
        body: CHAT,
        flavour: 'azure-inference',
        status: 200,
      },
    ]);
  });

  it('answers the openai flavour with a completion for Bearer <key>, and for an Entra token', async () => {
    const { standin, ca } = await start({ reply: 'Hello there.' });
    const reply = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: { ...CHAT, model: DEPLOYMENT },
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ choices: [{ message: { content: 'Hello there.' } }] });
    expect(standin.requests[0]).toMatchObject({ flavour: 'openai', query: {}, status: 200 });

    const entra = await start({ apiKey: undefined, bearerToken: TOKEN });
    const viaToken = await call(entra.standin, entra.ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(TOKEN),
      body: { ...CHAT, model: DEPLOYMENT },
    });
    expect(viaToken.status).toBe(200);
    const azureViaToken = await call(entra.standin, entra.ca, {
      path: AZURE_PATH,
      headers: bearerHeaders(TOKEN),
      body: CHAT,
    });
    expect(azureViaToken.status).toBe(200);
    expect([...standin.problems, ...entra.standin.problems]).toEqual([]);
  });

  it('answers 401 to a wrong or missing key, and to a key where an Entra token is expected', async () => {
    const { standin, ca } = await start();
    const wrongKey = await call(standin, ca, { path: AZURE_PATH, headers: { ...json, 'api-key': 'nope' }, body: CHAT });
    expect(wrongKey.status).toBe(401);
    expect(errorOf(wrongKey)).toEqual({
      code: '401',
      message: expect.stringMatching(/^Access denied due to invalid subscription key/),
    });
    const noKey = await call(standin, ca, { path: AZURE_PATH, headers: json, body: CHAT });
    expect(noKey.status).toBe(401);
    const bearerOnlyOnAzureFlavour = await call(standin, ca, {
      path: AZURE_PATH,
      headers: bearerHeaders(KEY),
      body: CHAT,
    });
    expect(bearerOnlyOnAzureFlavour.status).toBe(401);
    const wrongBearer = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders('nope'),
      body: { ...CHAT, model: DEPLOYMENT },
    });
    expect(wrongBearer.status).toBe(401);

    const entra = await start({ apiKey: undefined, bearerToken: TOKEN });
    const keyAndToken = await call(entra.standin, entra.ca, {
      path: AZURE_PATH,
      headers: { ...bearerHeaders(TOKEN), 'api-key': KEY },
      body: CHAT,
    });
    expect(keyAndToken.status).toBe(401);
    expect([...standin.problems, ...entra.standin.problems]).toEqual([]);
  });

  it('answers 404 DeploymentNotFound to another deployment, in either flavour', async () => {
    const { standin, ca } = await start();
    const azure = await call(standin, ca, {
      path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01',
      headers: azureKeyHeaders,
      body: CHAT,
    });
    expect(azure.status).toBe(404);
    expect(errorOf(azure)).toEqual({
      code: 'DeploymentNotFound',
      message: expect.stringMatching(/^The API deployment for this resource does not exist\./),
    });
    const openai = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: { ...CHAT, model: 'gpt-4o' },
    });
    expect(openai.status).toBe(404);
    expect(errorOf(openai).code).toBe('DeploymentNotFound');
    expect(standin.problems).toEqual([]);
  });

  it('answers 404 Resource not found to any other route and reports it', async () => {
    const { standin, ca } = await start();
    const doubled = await call(standin, ca, {
      path: `/openai/deployments/${DEPLOYMENT}/chat/completions/chat/completions?api-version=2024-06-01`,
      headers: azureKeyHeaders,
      body: CHAT,
    });
    expect(doubled.status).toBe(404);
    expect(errorOf(doubled)).toEqual({ code: '404', message: 'Resource not found' });
    expect(standin.requests[0]?.flavour).toBe('unknown');
    expect(standin.problems).toEqual([
      `POST /openai/deployments/${DEPLOYMENT}/chat/completions/chat/completions: no such route`,
    ]);
  });

  it('answers 400 to a wrong api-version and records the problem', async () => {
    const { standin, ca } = await start();
    const reply = await call(standin, ca, {
      path: `/openai/deployments/${DEPLOYMENT}/chat/completions?api-version=2024-05-01-preview`,
      headers: azureKeyHeaders,
      body: CHAT,
    });
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toEqual({
      code: 'BadRequest',
      message: "api-version is '2024-05-01-preview', expected '2024-06-01'",
    });
    expect(standin.problems).toEqual([
      `POST /openai/deployments/${DEPLOYMENT}/chat/completions: api-version is '2024-05-01-preview', expected '2024-06-01'`,
    ]);
    expect(standin.requests[0]?.status).toBe(400);
  });

  it('answers 400 to a malformed request and names each fault', async () => {
    const { standin, ca } = await start();
    const badBody = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: { messages: [{ role: 'user', content: 'hi' }], temperature: '0.7' },
    });
    expect(badBody.status).toBe(400);
    const notJson = await call(standin, ca, {
      path: AZURE_PATH,
      headers: { ...azureKeyHeaders, 'content-type': 'text/plain' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const wrongMethod = await call(standin, ca, { method: 'GET', path: AZURE_PATH, headers: azureKeyHeaders });
    expect(wrongMethod.status).toBe(400);

    expect(standin.problems).toEqual([
      `POST ${OPENAI_PATH}: messages' roles are ["user"], expected "system" then "user"`,
      `POST ${OPENAI_PATH}: temperature is "0.7", expected a number from 0 to 2`,
      `POST ${OPENAI_PATH}: neither max_tokens nor max_completion_tokens is set, expected a token budget`,
      `POST ${OPENAI_PATH}: model (the deployment name) is missing from the body`,
      expect.stringMatching(/content-type is 'text\/plain', expected application\/json$/),
      expect.stringMatching(/: the body is not JSON \(/),
      expect.stringMatching(
        /^GET \/openai\/deployments\/gpt-4o-mini\/chat\/completions: method is GET, expected POST$/,
      ),
      expect.stringMatching(/the body is empty$/),
    ]);
  });

  it('streams one chunk per word, after an empty-choices chunk, ending with [DONE]', async () => {
    const { standin, ca } = await start();
    const reply = await call(standin, ca, {
      path: AZURE_PATH,
      headers: azureKeyHeaders,
      body: { ...CHAT, stream: true },
    });

    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/event-stream');
    expect(reply.chunks.length).toBeGreaterThan(1);
    const events = reply.text.split('\n\n').filter((event) => event !== '');
    expect(events.every((event) => event.startsWith('data: '))).toBe(true);
    const data = events.map((event) => event.slice('data: '.length));
    expect(data.at(-1)).toBe('[DONE]');

    type Chunk = {
      object: string;
      choices: Array<{ delta: { role?: string; content?: string }; finish_reason: string | null }>;
    };
    const chunks = data.slice(0, -1).map((text) => JSON.parse(text) as Chunk);
    expect(chunks[0]).toMatchObject({ id: '', object: '', choices: [], prompt_filter_results: expect.any(Array) });
    const words = chunks.slice(1, -1);
    expect(words).toHaveLength('There are 5,280 feet in a mile.'.split(' ').length);
    expect(
      words.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.choices[0]?.finish_reason === null),
    ).toBe(true);
    expect(words[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(words.map((chunk) => chunk.choices[0]?.delta.content).join('')).toBe('There are 5,280 feet in a mile.');
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(standin.problems).toEqual([]);
  });

  it('plays each scenario, rate limiting with fast retry headers', async () => {
    const { standin, ca } = await start();
    const send = () => call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });

    standin.setScenario('rate-limited');
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['retry-after-ms']).toBe('10');
    expect(errorOf(limited)).toEqual({
      code: '429',
      message: expect.stringMatching(/^Requests to the ChatCompletions_Create Operation/),
    });
    expect((await send()).status).toBe(429);

    standin.setScenario('unauthorized');
    expect((await send()).status).toBe(401);
    standin.setScenario('deployment-not-found');
    expect(errorOf(await send()).code).toBe('DeploymentNotFound');
    standin.setScenario('server-error');
    expect((await send()).status).toBe(500);
    standin.setScenario('ok');
    expect((await send()).status).toBe(200);

    expect(standin.requests.map((recorded) => recorded.status)).toEqual([429, 429, 401, 404, 500, 200]);
    expect(standin.problems).toEqual([]);
  });

  it('is trusted by a Node child process through NODE_EXTRA_CA_CERTS, for 127.0.0.1 and localhost', async () => {
    const { standin } = await start();
    const port = new URL(standin.url).port;
    const script =
      'Promise.all(process.argv.slice(1).map((u) => fetch(u).then((r) => r.status))).then((s) => console.log(s.join(" ")))';
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['-e', script, `${standin.url}/`, `https://localhost:${port}/`],
        { env: { ...process.env, NODE_EXTRA_CA_CERTS: standin.caCertPath } },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim())),
      );
    });
    expect(output).toBe('404 404');

    // And without the CA, the same request fails: the trust really comes from the test CA.
    const { NODE_EXTRA_CA_CERTS: _inherited, ...envWithoutCa } = process.env;
    const untrusted = await new Promise<string>((resolve) => {
      execFile(
        process.execPath,
        ['-e', `fetch(${JSON.stringify(standin.url)}).catch((e) => console.log(e.cause.code))`],
        { env: envWithoutCa },
        (_error, stdout) => resolve(stdout.trim()),
      );
    });
    expect(untrusted).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT/);
  });
});

type Json = Record<string, unknown>;
const REASONING = 'gpt-5-mini';
const CLASSIC = 'gpt-4.1';
const REASONING_CHAT = { messages: CHAT.messages, max_completion_tokens: 2000 };
const v1 = (model: string, fields: Json): Json => ({ ...fields, model });

/** The `data:` payloads of an SSE body, and the `event:` names where present. */
function sseEvents(text: string): Array<{ event?: string; data: string }> {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice('event: '.length);
      const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length) ?? '';
      return event === undefined ? { data } : { event, data };
    });
}

function chatContent(reply: Reply): string {
  const data = sseEvents(reply.text).map((event) => event.data);
  return data
    .filter((text) => text !== '[DONE]')
    .map((text) => JSON.parse(text) as { choices: Array<{ delta?: { content?: string | null } }> })
    .map((chunk) => chunk.choices[0]?.delta?.content ?? '')
    .join('');
}

/** True when the chunk ends inside a UTF-8 character (decoding it alone would lose bytes). */
function endsInsideCharacter(chunk: Buffer): boolean {
  return Buffer.from(chunk.toString('utf8'), 'utf8').length !== chunk.length;
}

describe('azure stand-in: model kinds', () => {
  const kinds = { deployments: { [REASONING]: 'reasoning', [CLASSIC]: 'classic' } } as const;

  it('answers a reasoning deployment 400 unsupported_parameter for max_tokens, with Azure body', async () => {
    const { standin, ca } = await start(kinds);
    const reply = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(REASONING, { messages: CHAT.messages, max_tokens: 100 }),
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      error: {
        message:
          "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: 'unsupported_parameter',
      },
    });
    // The same on the azure-inference route, whose deployment is in the path.
    const azure = await call(standin, ca, {
      path: `/openai/deployments/${REASONING}/chat/completions?api-version=2024-06-01`,
      headers: azureKeyHeaders,
      body: { messages: CHAT.messages, max_tokens: 100 },
    });
    expect(azure.status).toBe(400);
    expect(standin.problems).toEqual([]); // a refusal by the model, not a malformed request
  });

  it('answers a reasoning deployment 400 unsupported_value for a temperature other than 1, and accepts 1', async () => {
    const { standin, ca } = await start(kinds);
    const send = (temperature: number) =>
      call(standin, ca, {
        path: OPENAI_PATH,
        headers: bearerHeaders(KEY),
        body: v1(REASONING, { ...REASONING_CHAT, temperature }),
      });
    const refused = await send(0.7);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toEqual({
      error: {
        message:
          "Unsupported value: 'temperature' does not support 0.7 with this model. Only the default (1) value is supported.",
        type: 'invalid_request_error',
        param: 'temperature',
        code: 'unsupported_value',
      },
    });
    expect((await send(1)).status).toBe(200);
    expect(standin.problems).toEqual([]);
  });

  it('spends reasoning tokens from max_completion_tokens: a small budget leaves an empty reply cut by length', async () => {
    const { standin, ca } = await start(kinds);
    const send = (budget: number) =>
      call(standin, ca, {
        path: OPENAI_PATH,
        headers: bearerHeaders(KEY),
        body: v1(REASONING, { messages: CHAT.messages, max_completion_tokens: budget }),
      });
    const cut = JSON.parse((await send(100)).text) as Json;
    expect(cut).toMatchObject({
      model: 'gpt-5-mini-2025-08-07',
      choices: [{ message: { role: 'assistant', content: '' }, finish_reason: 'length' }],
      usage: { completion_tokens: 100, completion_tokens_details: { reasoning_tokens: 100 } },
    });
    const full = JSON.parse((await send(2000)).text) as Json;
    expect(full).toMatchObject({
      choices: [{ message: { content: 'There are 5,280 feet in a mile.' }, finish_reason: 'stop' }],
      usage: { completion_tokens_details: { reasoning_tokens: 500 } },
    });
    expect(standin.problems).toEqual([]);
  });

  it('lets a classic deployment take temperature with max_tokens or max_completion_tokens, beside a reasoning one', async () => {
    const { standin, ca } = await start(kinds);
    for (const budget of [{ max_tokens: 100 }, { max_completion_tokens: 100 }]) {
      const reply = await call(standin, ca, {
        path: OPENAI_PATH,
        headers: bearerHeaders(KEY),
        body: v1(CLASSIC, { messages: CHAT.messages, temperature: 0.7, ...budget }),
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.text)).toMatchObject({
        choices: [{ finish_reason: 'stop' }],
        usage: { completion_tokens_details: { reasoning_tokens: 0 } },
      });
    }
    // reasoning_effort belongs to reasoning models.
    const effort = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(CLASSIC, { ...REASONING_CHAT, reasoning_effort: 'low' }),
    });
    expect(errorOf(effort)).toMatchObject({ code: 'unsupported_parameter' });
    // Deployments can change during a test.
    standin.deployments.set('o4-mini', { kind: 'reasoning', model: 'o4-mini-2025-04-16' });
    const added = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1('o4-mini', REASONING_CHAT),
    });
    expect(JSON.parse(added.text)).toMatchObject({ model: 'o4-mini-2025-04-16' });
    expect(standin.problems).toEqual([]);
  });

  it('streams a cut reply as no content and finish_reason length, with usage when asked', async () => {
    const { standin, ca } = await start({ ...kinds, reasoningTokens: 64 });
    const reply = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(REASONING, {
        messages: CHAT.messages,
        max_completion_tokens: 32,
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    const data = sseEvents(reply.text).map((event) => event.data);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(1, -1).map((text) => JSON.parse(text) as Json);
    expect(chatContent(reply)).toBe('');
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: 'length' }] });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { completion_tokens_details: { reasoning_tokens: 32 } },
    });
    expect(standin.problems).toEqual([]);
  });
});

describe('azure stand-in: scenarios', () => {
  it('answers 403 when key authentication is disabled, to a key only', async () => {
    const { standin, ca } = await start({ bearerToken: TOKEN });
    standin.setScenario('key-auth-disabled');
    const withKey = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(withKey.status).toBe(403);
    expect(errorOf(withKey)).toEqual({
      code: 'AuthenticationTypeDisabled',
      message: 'Key based authentication is disabled for this resource.',
    });
    const withToken = await call(standin, ca, { path: AZURE_PATH, headers: bearerHeaders(TOKEN), body: CHAT });
    expect(withToken.status).toBe(200);
    expect(standin.problems).toEqual([]);
  });

  it('answers 403 for network rules, 401 PermissionDenied for a principal without the role', async () => {
    const { standin, ca } = await start();
    standin.setScenario('network-denied');
    const denied = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(DEPLOYMENT, CHAT),
    });
    expect(denied.status).toBe(403);
    expect(errorOf(denied)).toEqual({ code: '403', message: 'Access denied due to Virtual Network/Firewall rules.' });
    standin.setScenario('permission-denied');
    const noRole = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(noRole.status).toBe(401);
    expect(errorOf(noRole).code).toBe('PermissionDenied');
  });

  it('answers 400 content_filter with Azure innererror', async () => {
    const { standin, ca } = await start();
    standin.setScenario('content-filter');
    const reply = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      error: {
        code: 'content_filter',
        message: expect.stringMatching(
          /^The response was filtered due to the prompt triggering Azure OpenAI's content management policy\./,
        ),
        param: 'prompt',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: expect.objectContaining({ violence: { filtered: true, severity: 'medium' } }),
        },
      },
    });
  });

  it('streams a reply whose multi-byte characters are split between two chunks', async () => {
    const { standin, ca } = await start();
    standin.setScenario('utf8-split');
    const reply = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(DEPLOYMENT, { ...CHAT, stream: true }),
    });
    expect(reply.raw.some(endsInsideCharacter)).toBe(true);
    // Decoded chunk by chunk, the text is damaged; decoded as bytes across chunks, it is whole.
    expect(reply.chunks.join('')).toContain('\uFFFD');
    expect(chatContent(reply)).toBe(UTF8_REPLY);
    expect(standin.problems).toEqual([]);
  });

  it('holds a streamed reply half way until the client closes the connection, and counts that', async () => {
    const { standin, ca } = await start();
    standin.setScenario('held-stream');
    const received: Buffer[] = [];
    const req = request(new URL(OPENAI_PATH, standin.url), { method: 'POST', headers: bearerHeaders(KEY), ca });
    req.on('response', (res) => res.on('data', (chunk: Buffer) => received.push(chunk)));
    req.on('error', () => {}); // destroyed below, on purpose
    req.end(JSON.stringify(v1(DEPLOYMENT, { ...CHAT, stream: true })));
    const text = () => {
      const events = Buffer.concat(received).toString('utf8').split('\n\n');
      return events
        .filter((event) => event.startsWith('data: {'))
        .map((event) => JSON.parse(event.slice(6)).choices[0]?.delta?.content ?? '')
        .join('');
    };
    await vi.waitFor(() => expect(standin.heldStreams()).toEqual({ held: 1, closed: 0 }), { timeout: 30_000 });
    await vi.waitFor(() => expect(text()).toBe('Un café crème coûte '), { timeout: 30_000 });
    expect(received.some(endsInsideCharacter)).toBe(true);
    expect(Buffer.concat(received).toString('utf8')).not.toContain('[DONE]');
    req.destroy();
    await vi.waitFor(() => expect(standin.heldStreams()).toEqual({ held: 1, closed: 1 }), { timeout: 30_000 });
    expect(standin.problems).toEqual([]);
  });

  it('splits a plain JSON reply, and a non-ASCII error body, inside a character', async () => {
    const { standin, ca } = await start();
    standin.setScenario('utf8-split');
    const plain = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(plain.raw).toHaveLength(2);
    expect(endsInsideCharacter(plain.raw[0] ?? Buffer.alloc(0))).toBe(true);
    expect(JSON.parse(plain.text)).toMatchObject({ choices: [{ message: { content: UTF8_REPLY } }] });

    standin.setScenario('utf8-split-error');
    const error = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(error.status).toBe(400);
    expect(endsInsideCharacter(error.raw[0] ?? Buffer.alloc(0))).toBe(true);
    expect(errorOf(error)).toEqual({ code: 'BadRequest', message: UTF8_ERROR_MESSAGE });
  });

  it('answers 502 with an HTML body, as a gateway does', async () => {
    const { standin, ca } = await start();
    standin.setScenario('bad-gateway');
    const reply = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(reply.status).toBe(502);
    expect(reply.headers['content-type']).toBe('text/html');
    expect(reply.text).toContain('<h1>502 Bad Gateway</h1>');
    expect(() => JSON.parse(reply.text)).toThrow();
    expect(standin.requests.map((recorded) => recorded.status)).toEqual([502]);
  });

  it('redirects to another origin and records whether the credentials followed', async () => {
    const { standin, ca } = await start();
    standin.setScenario('redirect');
    const first = await call(standin, ca, { path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(first.status).toBe(307);
    const location = new URL(String(first.headers.location));
    expect(location.origin).toBe(standin.redirectTarget.url);
    expect(location.hostname).toBe('localhost');
    expect(location.port).not.toBe(new URL(standin.url).port);
    expect(`${location.pathname}${location.search}`).toBe(AZURE_PATH);

    // A client that drops the credentials: the other origin refuses it like Azure refuses a missing key.
    const followedSafely = await call(standin, ca, {
      origin: location.origin,
      path: AZURE_PATH,
      headers: json,
      body: CHAT,
    });
    expect(followedSafely.status).toBe(401);
    expect(standin.leakedCredentials()).toEqual([]);
    expect(standin.problems).toEqual([]);

    // A client that carries them along: recorded, and reported as a problem.
    await call(standin, ca, { origin: location.origin, path: AZURE_PATH, headers: azureKeyHeaders, body: CHAT });
    expect(standin.leakedCredentials()).toEqual(['api-key', 'authorization']);
    expect(standin.problems).toEqual([
      expect.stringMatching(/the api-key header followed a redirect to another origin/),
      expect.stringMatching(/the authorization header followed a redirect to another origin/),
    ]);
    expect(standin.redirectTarget.requests.map((recorded) => recorded.status)).toEqual([401, 200]);
    expect(standin.requests.map((recorded) => recorded.status)).toEqual([307]);
  });
});

describe('azure stand-in: the Responses API', () => {
  const RESPONSES_PATH = '/openai/v1/responses';
  const REQUEST = { model: DEPLOYMENT, instructions: 'Be brief.', input: 'How many feet are in a mile?' };

  it('answers a response object with the reply as output_text', async () => {
    const { standin, ca } = await start();
    const reply = await call(standin, ca, { path: RESPONSES_PATH, headers: bearerHeaders(KEY), body: REQUEST });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({
      id: expect.stringMatching(/^resp_/),
      object: 'response',
      status: 'completed',
      model: 'gpt-4o-mini-2024-07-18',
      instructions: 'Be brief.',
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'There are 5,280 feet in a mile.', annotations: [] }],
        },
      ],
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_tokens: expect.any(Number) },
    });
    expect(standin.requests[0]).toMatchObject({ flavour: 'openai', path: RESPONSES_PATH, status: 200 });
    expect(standin.problems).toEqual([]);
  });

  it('streams the Responses API events, ending with response.completed and no [DONE]', async () => {
    const { standin, ca } = await start();
    const reply = await call(standin, ca, {
      path: RESPONSES_PATH,
      headers: bearerHeaders(KEY),
      body: { ...REQUEST, input: [{ role: 'user', content: 'How many feet are in a mile?' }], stream: true },
    });
    expect(reply.headers['content-type']).toBe('text/event-stream');
    const events = sseEvents(reply.text);
    const data = events.map((event) => JSON.parse(event.data) as Json & { type: string });
    expect(events.map((event) => event.event)).toEqual(data.map((event) => event.type));
    const words = 'There are 5,280 feet in a mile.'.split(' ').length;
    expect(data.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array<string>(words).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(data.map((event) => event.sequence_number)).toEqual(data.map((_, i) => i));
    const deltas = data.filter((event) => event.type === 'response.output_text.delta');
    expect(deltas.map((event) => event.delta).join('')).toBe('There are 5,280 feet in a mile.');
    expect(deltas[0]).toMatchObject({ item_id: expect.stringMatching(/^msg_/), output_index: 0, content_index: 0 });
    expect(data.find((event) => event.type === 'response.output_text.done')).toMatchObject({
      text: 'There are 5,280 feet in a mile.',
    });
    expect(data.at(-1)).toMatchObject({ response: { status: 'completed', output: [{ type: 'message' }] } });
    expect(standin.problems).toEqual([]);
  });

  it('applies the model rules: a reasoning deployment refuses temperature and runs out of a small budget', async () => {
    const { standin, ca } = await start({ deployments: { [REASONING]: 'reasoning' } });
    const send = (fields: Json) =>
      call(standin, ca, {
        path: RESPONSES_PATH,
        headers: bearerHeaders(KEY),
        body: { ...REQUEST, model: REASONING, ...fields },
      });
    expect(errorOf(await send({ temperature: 0.7 }))).toMatchObject({ code: 'unsupported_value' });
    const cut = JSON.parse((await send({ max_output_tokens: 100 })).text) as Json;
    expect(cut).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'reasoning' }],
      usage: { output_tokens: 100, output_tokens_details: { reasoning_tokens: 100 } },
    });
    expect((cut.output as unknown[]).length).toBe(1);
    const streamed = sseEvents((await send({ max_output_tokens: 100, stream: true })).text);
    expect(streamed.at(-1)?.event).toBe('response.incomplete');
    expect(standin.problems).toEqual([]);
  });

  it('reports chat parameters and malformed input sent to the Responses API', async () => {
    const { standin, ca } = await start();
    const reply = await call(standin, ca, {
      path: RESPONSES_PATH,
      headers: bearerHeaders(KEY),
      body: { model: DEPLOYMENT, messages: CHAT.messages, max_tokens: 100 },
    });
    expect(reply.status).toBe(400);
    expect(standin.problems).toEqual([
      `POST ${RESPONSES_PATH}: messages is not a Responses API parameter`,
      `POST ${RESPONSES_PATH}: max_tokens is not a Responses API parameter`,
      `POST ${RESPONSES_PATH}: input is missing, expected a string or a non-empty array of messages`,
    ]);
  });
});

describe('azure stand-in: tool calls', () => {
  const TOOL = {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'The weather in a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
        required: ['city', 'unit'],
      },
    },
  };
  const ASK = [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is the weather in Seattle?' },
  ];

  it('calls the first tool with sample arguments, then answers the tool result with text', async () => {
    const { standin, ca } = await start();
    const first = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(DEPLOYMENT, { messages: ASK, tools: [TOOL], max_completion_tokens: 200 }),
    });
    const completion = JSON.parse(first.text) as {
      choices: Array<{ finish_reason: string; message: { content: null; tool_calls: Array<Json & { id: string }> } }>;
    };
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Seattle","unit":"celsius"}' },
      },
    ]);

    const call0 = choice?.message.tool_calls[0];
    const followUp = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(DEPLOYMENT, {
        messages: [...ASK, choice?.message, { role: 'tool', tool_call_id: call0?.id, content: '{"temperature":12}' }],
        tools: [TOOL],
        max_completion_tokens: 200,
      }),
    });
    expect(JSON.parse(followUp.text)).toMatchObject({
      choices: [{ finish_reason: 'stop', message: { content: 'Tool result: {"temperature":12}' } }],
    });
    expect(standin.problems).toEqual([]);
  });

  it('takes the arguments from the options, and streams a tool call', async () => {
    const { standin, ca } = await start({ toolArguments: { city: 'Oslo' } });
    const reply = await call(standin, ca, {
      path: AZURE_PATH,
      headers: azureKeyHeaders,
      body: { ...CHAT, messages: ASK, tools: [TOOL], stream: true },
    });
    const chunks = sseEvents(reply.text)
      .map((event) => event.data)
      .filter((data) => data !== '[DONE]')
      .map((data) => JSON.parse(data) as Json);
    expect(chunks[1]).toMatchObject({
      choices: [
        { delta: { tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] } },
      ],
    });
    expect(chunks.at(-1)).toMatchObject({ choices: [{ finish_reason: 'tool_calls' }] });
    expect(standin.problems).toEqual([]);
  });

  it('reports malformed tools and tool messages that answer no call', async () => {
    const { standin, ca } = await start();
    const reply = await call(standin, ca, {
      path: OPENAI_PATH,
      headers: bearerHeaders(KEY),
      body: v1(DEPLOYMENT, {
        messages: [...ASK, { role: 'tool', tool_call_id: 'call_x', content: '12' }],
        tools: [{ type: 'function', function: { name: 'get weather', parameters: { type: 'string' } } }],
        tool_choice: 'sometimes',
        max_completion_tokens: 200,
      }),
    });
    expect(reply.status).toBe(400);
    expect(standin.problems).toEqual([
      `POST ${OPENAI_PATH}: messages[2] answers tool call "call_x", which no assistant message just made`,
      `POST ${OPENAI_PATH}: tools[0].function.name is "get weather", expected 1 to 64 of a-z, A-Z, 0-9, _ and -`,
      `POST ${OPENAI_PATH}: tools[0].function.parameters is not a JSON schema of type "object"`,
      `POST ${OPENAI_PATH}: tool_choice is "sometimes", expected auto, none, required or a named function`,
    ]);
  });
});
