import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Standin, type StandinOptions, startAzureStandin } from '../helpers/azure-standin.js';

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
  /** The body as it arrived, chunk by chunk. */
  chunks: string[];
}

interface Call {
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

function call(standin: Standin, ca: string, { method = 'POST', path, headers = {}, body }: Call): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, standin.url), { method, headers, ca }, (res) => {
      const chunks: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: chunks.join(''), chunks }),
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
