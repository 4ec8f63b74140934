/**
 * A local HTTPS stand-in for an Azure OpenAI chat deployment, for end-to-end tests of generated projects.
 *
 * It serves, on 127.0.0.1 with a fresh test CA (see tls.ts), the two wire flavours of AZURE.md:
 *   azure-inference  POST /openai/deployments/<deployment>/chat/completions?api-version=<version>
 *   openai           POST /openai/v1/chat/completions   (deployment in the body's `model`)
 * It checks what a generated example sends (method, path, api-version, content-type, auth headers, body fields) and
 * answers with Azure's documented shapes: a completion, an SSE stream, or Azure's error bodies. Every request is
 * recorded; every protocol violation (a request no correct client sends: bad body, wrong api-version, unknown route...)
 * is also pushed, as a sentence, into `problems`, so a test ends with `expect(standin.problems).toEqual([])`.
 * A wrong key or deployment is not a violation: it is answered like Azure does (401, 404) so tests can provoke it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenOnLoopback, makeTestCa } from './tls.js';

export type Scenario = 'ok' | 'unauthorized' | 'deployment-not-found' | 'rate-limited' | 'server-error';
export type Flavour = 'azure-inference' | 'openai' | 'unknown';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  flavour: Flavour;
  status: number;
}

export interface StandinOptions {
  /** Where the test CA files go. */
  dir: string;
  /** The one deployment that exists. */
  deployment: string;
  /** The api-version the azure-inference flavour must send; default 2024-06-01. */
  apiVersion?: string;
  /** The API key accepted (api-key header, or Bearer for the openai flavour). */
  apiKey?: string;
  /** The Microsoft Entra token accepted (Authorization: Bearer, no api-key header). */
  bearerToken?: string;
  /** The assistant's reply; default 'There are 5,280 feet in a mile.' */
  reply?: string;
}

export interface Standin {
  /** https://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** The test CA certificate, for NODE_EXTRA_CA_CERTS. */
  caCertPath: string;
  requests: RecordedRequest[];
  problems: string[];
  setScenario(scenario: Scenario): void;
  close(): Promise<void>;
}

const DEFAULT_API_VERSION = '2024-06-01';
const DEFAULT_REPLY = 'There are 5,280 feet in a mile.';
const MODEL = 'gpt-4o-mini-2024-07-18';
const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'developer', 'tool']);
const DEPLOYMENT_ROUTE = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const OPENAI_ROUTE = '/openai/v1/chat/completions';

interface Settings {
  deployment: string;
  apiVersion: string;
  apiKey: string | undefined;
  bearerToken: string | undefined;
  reply: string;
}

interface Incoming {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

interface Route {
  flavour: Flavour;
  /** The deployment named in the path (azure-inference only). */
  pathDeployment?: string;
}

/** What the stand-in answers: an Azure error body, or a completion (plain or streamed). */
type Outcome =
  | { kind: 'error'; status: number; code: string; message: string; headers?: OutgoingHttpHeaders }
  | { kind: 'completion'; stream: boolean };

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Azure's answers

const NOT_FOUND: Outcome = { kind: 'error', status: 404, code: '404', message: 'Resource not found' };

const UNAUTHORIZED: Outcome = {
  kind: 'error',
  status: 401,
  code: '401',
  message:
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
};

const DEPLOYMENT_NOT_FOUND: Outcome = {
  kind: 'error',
  status: 404,
  code: 'DeploymentNotFound',
  message:
    'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
};

const SERVER_ERROR: Outcome = {
  kind: 'error',
  status: 500,
  code: 'InternalServerError',
  message: 'The server had an error while processing your request. Sorry about that!',
};

function rateLimited(apiVersion: string): Outcome {
  return {
    kind: 'error',
    status: 429,
    code: '429',
    message: `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
    // retry-after-ms is read first by both SDKs, so their retries take milliseconds.
    headers: { 'retry-after': '1', 'retry-after-ms': '10' },
  };
}

function badRequest(problems: readonly string[]): Outcome {
  return { kind: 'error', status: 400, code: 'BadRequest', message: problems.join('; ') };
}

function scenarioOutcome(scenario: Exclude<Scenario, 'ok'>, apiVersion: string): Outcome {
  switch (scenario) {
    case 'unauthorized':
      return UNAUTHORIZED;
    case 'deployment-not-found':
      return DEPLOYMENT_NOT_FOUND;
    case 'rate-limited':
      return rateLimited(apiVersion);
    case 'server-error':
      return SERVER_ERROR;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and checking a request

async function readIncoming(req: IncomingMessage): Promise<Incoming> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  const url = new URL(req.url ?? '/', 'https://127.0.0.1');
  return {
    method: req.method ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    rawBody: Buffer.concat(chunks).toString('utf8'),
  };
}

function matchRoute(path: string): Route {
  const deploymentMatch = DEPLOYMENT_ROUTE.exec(path);
  if (deploymentMatch?.[1] !== undefined) {
    return { flavour: 'azure-inference', pathDeployment: decodeURIComponent(deploymentMatch[1]) };
  }
  if (path === OPENAI_ROUTE) {
    return { flavour: 'openai' };
  }
  return { flavour: 'unknown' };
}

function parseBody(rawBody: string): { body: unknown; error?: string } {
  if (rawBody === '') {
    return { body: undefined, error: 'the body is empty' };
  }
  try {
    return { body: JSON.parse(rawBody) as unknown };
  } catch (error) {
    return { body: rawBody, error: `the body is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function checkContentType(headers: IncomingHttpHeaders): string | undefined {
  const contentType = headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json'
    ? undefined
    : `content-type is ${contentType === undefined ? 'missing' : `'${contentType}'`}, expected application/json`;
}

function checkApiVersion(route: Route, query: Record<string, string>, expected: string): string | undefined {
  if (route.flavour !== 'azure-inference') {
    return undefined;
  }
  const sent = query['api-version'];
  if (sent === undefined) {
    return `the api-version query parameter is missing, expected ${expected}`;
  }
  return sent === expected ? undefined : `api-version is '${sent}', expected '${expected}'`;
}

function checkMessage(message: unknown, index: number): string[] {
  if (!isJsonObject(message)) {
    return [`messages[${index}] is not an object`];
  }
  const problems: string[] = [];
  if (typeof message.role !== 'string' || !KNOWN_ROLES.has(message.role)) {
    problems.push(`messages[${index}].role is ${JSON.stringify(message.role)}, not a chat role`);
  }
  if (typeof message.content !== 'string') {
    problems.push(`messages[${index}].content is not a string`);
  }
  return problems;
}

function checkMessages(messages: unknown): string[] {
  if (!Array.isArray(messages)) {
    return ['messages is missing or not an array'];
  }
  const problems = messages.flatMap(checkMessage);
  const roles = messages.map((message: unknown) => (isJsonObject(message) ? message.role : undefined));
  if (roles[0] !== 'system' || roles[1] !== 'user') {
    problems.push(`messages' roles are ${JSON.stringify(roles)}, expected "system" then "user"`);
  }
  return problems;
}

function checkSamplingFields(body: JsonObject): string[] {
  const problems: string[] = [];
  const { temperature, max_tokens: maxTokens, stream } = body;
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
    problems.push(`temperature is ${JSON.stringify(temperature)}, expected a number from 0 to 2`);
  }
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    problems.push(`max_tokens is ${JSON.stringify(maxTokens)}, expected a positive integer`);
  }
  if (stream !== undefined && typeof stream !== 'boolean') {
    problems.push(`stream is ${JSON.stringify(stream)}, expected a boolean`);
  }
  return problems;
}

function checkBody(body: unknown, flavour: Flavour): string[] {
  if (!isJsonObject(body)) {
    return ['the body is not a JSON object'];
  }
  const problems = [...checkMessages(body.messages), ...checkSamplingFields(body)];
  if (flavour === 'openai' && (typeof body.model !== 'string' || body.model === '')) {
    problems.push('model (the deployment name) is missing from the body');
  }
  return problems;
}

/** Every protocol violation in a request to a known route. */
function findProblems(
  incoming: Incoming,
  route: Route,
  parsed: { body: unknown; error?: string },
  settings: Settings,
): string[] {
  const problems: string[] = [];
  if (incoming.method !== 'POST') {
    problems.push(`method is ${incoming.method}, expected POST`);
  }
  const apiVersionProblem = checkApiVersion(route, incoming.query, settings.apiVersion);
  const contentTypeProblem = checkContentType(incoming.headers);
  for (const problem of [apiVersionProblem, contentTypeProblem, parsed.error]) {
    if (problem !== undefined) {
      problems.push(problem);
    }
  }
  if (parsed.error === undefined) {
    problems.push(...checkBody(parsed.body, route.flavour));
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Authentication and the deployment

interface Credentials {
  apiKey: string | undefined;
  bearer: string | undefined;
  /** An Authorization header that is not `Bearer <token>`. */
  malformed: boolean;
}

function readCredentials(headers: IncomingHttpHeaders): Credentials {
  const apiKey = singleHeader(headers['api-key']);
  const authorization = singleHeader(headers.authorization);
  if (authorization === undefined) {
    return { apiKey, bearer: undefined, malformed: false };
  }
  const match = /^Bearer (\S+)$/i.exec(authorization);
  return { apiKey, bearer: match?.[1], malformed: match === null };
}

/** The key flavour-wise: ModelClient sends api-key (plus Bearer <key>); openai sends only Bearer <key>. */
function keyAccepted(flavour: Flavour, credentials: Credentials, key: string): boolean {
  const presented = [credentials.apiKey, credentials.bearer].filter((value) => value !== undefined);
  if (presented.length === 0 || presented.some((value) => value !== key)) {
    return false;
  }
  return flavour === 'openai' ? credentials.bearer === key : credentials.apiKey === key;
}

function isAuthorized(flavour: Flavour, headers: IncomingHttpHeaders, settings: Settings): boolean {
  const credentials = readCredentials(headers);
  if (credentials.malformed) {
    return false;
  }
  if (settings.apiKey !== undefined && keyAccepted(flavour, credentials, settings.apiKey)) {
    return true;
  }
  if (settings.bearerToken !== undefined) {
    return credentials.apiKey === undefined && credentials.bearer === settings.bearerToken;
  }
  // Neither expected: accept any credential, refuse none.
  return settings.apiKey === undefined && (credentials.apiKey !== undefined || credentials.bearer !== undefined);
}

function requestedDeployment(route: Route, body: unknown): string | undefined {
  if (route.flavour === 'azure-inference') {
    return route.pathDeployment;
  }
  return isJsonObject(body) && typeof body.model === 'string' ? body.model : undefined;
}

/** The answer, in Azure's order of checks: route, (test scenario), request shape, key, deployment. */
function decide(
  incoming: Incoming,
  route: Route,
  body: unknown,
  problems: readonly string[],
  scenario: Scenario,
  settings: Settings,
): Outcome {
  if (route.flavour === 'unknown') {
    return NOT_FOUND;
  }
  if (scenario !== 'ok') {
    return scenarioOutcome(scenario, settings.apiVersion);
  }
  if (problems.length > 0) {
    return badRequest(problems);
  }
  if (!isAuthorized(route.flavour, incoming.headers, settings)) {
    return UNAUTHORIZED;
  }
  if (requestedDeployment(route, body) !== settings.deployment) {
    return DEPLOYMENT_NOT_FOUND;
  }
  return { kind: 'completion', stream: isJsonObject(body) && body.stream === true };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing answers

function responseHeaders(incoming: Incoming): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'apim-request-id': randomUUID(),
    'x-request-id': randomUUID(),
    'x-ms-region': 'Local Stand-in',
  };
  const clientRequestId = singleHeader(incoming.headers['x-ms-client-request-id']);
  if (clientRequestId !== undefined) {
    headers['x-ms-client-request-id'] = clientRequestId;
  }
  return headers;
}

function sendJson(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A rough token count (four characters a token), enough for a plausible `usage`. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function promptText(body: unknown): string {
  const messages = isJsonObject(body) && Array.isArray(body.messages) ? body.messages : [];
  return messages.map((message: unknown) => (isJsonObject(message) ? String(message.content) : '')).join('\n');
}

function completionId(): string {
  return `chatcmpl-${randomBytes(15).toString('base64url')}`;
}

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

function completion(reply: string, body: unknown): JsonObject {
  const promptTokens = estimateTokens(promptText(body));
  const completionTokens = estimateTokens(reply);
  return {
    id: completionId(),
    object: 'chat.completion',
    created: unixNow(),
    model: MODEL,
    system_fingerprint: 'fp_standin',
    choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop', logprobs: null }],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

const SAFE = { filtered: false, severity: 'safe' };
const PROMPT_FILTER_RESULTS = [
  { prompt_index: 0, content_filter_results: { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE } },
];

/** The SSE data lines of a streamed reply: Azure's empty prompt-filter chunk, one chunk per word, stop, [DONE]. */
function streamEvents(reply: string): string[] {
  const id = completionId();
  const created = unixNow();
  const chunk = (delta: JsonObject, finishReason: string | null): string =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: MODEL,
      system_fingerprint: 'fp_standin',
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    });
  const words = reply.split(' ');
  const wordChunks = words.map((word, i) => {
    const content = i < words.length - 1 ? `${word} ` : word;
    return chunk(i === 0 ? { role: 'assistant', content } : { content }, null);
  });
  return [
    JSON.stringify({
      id: '',
      object: '',
      created: 0,
      model: '',
      choices: [],
      prompt_filter_results: PROMPT_FILTER_RESULTS,
    }),
    ...wordChunks,
    chunk({}, 'stop'),
    '[DONE]',
  ];
}

async function sendStream(res: ServerResponse, headers: OutgoingHttpHeaders, reply: string): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const event of streamEvents(reply)) {
    if (res.destroyed) {
      return;
    }
    res.write(`data: ${event}\n\n`);
    await sleep(2); // let each event leave as its own chunk
  }
  res.end();
}

async function sendOutcome(
  res: ServerResponse,
  incoming: Incoming,
  outcome: Outcome,
  body: unknown,
  reply: string,
): Promise<void> {
  const headers = responseHeaders(incoming);
  if (outcome.kind === 'error') {
    sendJson(
      res,
      outcome.status,
      { ...headers, ...outcome.headers },
      { error: { code: outcome.code, message: outcome.message } },
    );
  } else if (outcome.stream) {
    await sendStream(res, headers, reply);
  } else {
    sendJson(res, 200, headers, completion(reply, body));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server

interface State {
  scenario: Scenario;
  requests: RecordedRequest[];
  problems: string[];
}

async function handle(req: IncomingMessage, res: ServerResponse, state: State, settings: Settings): Promise<void> {
  const incoming = await readIncoming(req);
  const route = matchRoute(incoming.path);
  const parsed = parseBody(incoming.rawBody);
  const problems = route.flavour === 'unknown' ? ['no such route'] : findProblems(incoming, route, parsed, settings);
  for (const problem of problems) {
    state.problems.push(`${incoming.method} ${incoming.path}: ${problem}`);
  }
  const outcome = decide(incoming, route, parsed.body, problems, state.scenario, settings);
  state.requests.push({
    method: incoming.method,
    path: incoming.path,
    query: incoming.query,
    headers: { ...incoming.headers },
    body: parsed.body,
    flavour: route.flavour,
    status: outcome.kind === 'error' ? outcome.status : 200,
  });
  await sendOutcome(res, incoming, outcome, parsed.body, settings.reply);
}

function failRequest(res: ServerResponse, state: State, error: unknown): void {
  state.problems.push(
    `the stand-in itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  if (res.headersSent) {
    res.destroy();
  } else {
    sendJson(res, 500, {}, { error: { code: 'StandinError', message: 'the test stand-in failed; see its problems' } });
  }
}

export async function startAzureStandin(opts: StandinOptions): Promise<Standin> {
  const settings: Settings = {
    deployment: opts.deployment,
    apiVersion: opts.apiVersion ?? DEFAULT_API_VERSION,
    apiKey: opts.apiKey,
    bearerToken: opts.bearerToken,
    reply: opts.reply ?? DEFAULT_REPLY,
  };
  const tls = await makeTestCa(opts.dir);
  const state: State = { scenario: 'ok', requests: [], problems: [] };
  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    handle(req, res, state, settings).catch((error: unknown) => failRequest(res, state, error));
  });
  const { url, close } = await listenOnLoopback(server);

  return {
    url,
    caCertPath: tls.caCertPath,
    requests: state.requests,
    problems: state.problems,
    setScenario: (scenario: Scenario): void => {
      state.scenario = scenario;
    },
    close,
  };
}
