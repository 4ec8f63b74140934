/**
 * The stand-in's server: routes, Azure's order of checks, and the listener a 'redirect' scenario sends clients to.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { listenOnLoopback, makeTestCa } from '../tls.js';
import { type ChatAnswer, chatStreamEvents, completion, planChat } from './chat.js';
import { checkChatBody, checkResponsesBody } from './checks.js';
import {
  badRequest,
  DEPLOYMENT_NOT_FOUND,
  type ErrorOutcome,
  KEY_AUTH_DISABLED,
  NOT_FOUND,
  scenarioError,
  UNAUTHORIZED,
  unsupportedMaxTokens,
  unsupportedParameter,
  unsupportedTemperature,
} from './errors.js';
import { type Incoming, readIncoming, responseHeaders, sendJson, sendSse, sendText, singleHeader } from './http.js';
import { planResponse, type ResponsesPlan, responseObject, responseStreamEvents } from './responses.js';
import {
  type Deployment,
  type DeploymentSpec,
  type Flavour,
  isJsonObject,
  type JsonObject,
  type ModelKind,
  type RecordedRequest,
  type Scenario,
  type Standin,
  type StandinOptions,
} from './types.js';

const DEFAULT_API_VERSION = '2024-06-01';
const DEFAULT_REPLY = 'There are 5,280 feet in a mile.';
const DEFAULT_REASONING_TOKENS = 500;
/** The reply of the 'utf8-split' scenario: two- to four-byte characters, each streamed chunk holding some. */
export const UTF8_REPLY = 'Un café crème coûte 3 € ☕ 🙂';
const DEFAULT_MODELS: Record<ModelKind, string> = {
  classic: 'gpt-4o-mini-2024-07-18',
  reasoning: 'gpt-5-mini-2025-08-07',
};
const DEPLOYMENT_ROUTE = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
const OPENAI_CHAT_ROUTE = '/openai/v1/chat/completions';
const OPENAI_RESPONSES_ROUTE = '/openai/v1/responses';

interface Settings {
  deployments: Map<string, Deployment>;
  apiVersion: string;
  apiKey: string | undefined;
  bearerToken: string | undefined;
  reply: string;
  reasoningTokens: number;
  toolArguments: Record<string, unknown> | undefined;
}

interface Route {
  flavour: Flavour;
  api: 'chat' | 'responses' | 'none';
  /** The deployment named in the path (azure-inference only). */
  pathDeployment?: string;
}

type Outcome =
  | ErrorOutcome
  | { kind: 'redirect'; location: string }
  | {
      kind: 'chat';
      answer: ChatAnswer;
      model: string;
      stream: boolean;
      includeUsage: boolean;
      split: boolean;
      /** Stream the first half, then hold the response open until the client closes it. */
      hold?: boolean;
    }
  | { kind: 'responses'; plan: ResponsesPlan; stream: boolean; split: boolean };

function toDeployment(spec: DeploymentSpec): Deployment {
  const { kind, model } = typeof spec === 'string' ? { kind: spec, model: undefined } : spec;
  return { kind, model: model ?? DEFAULT_MODELS[kind] };
}

function deploymentMap(opts: StandinOptions): Map<string, Deployment> {
  const extra = opts.deployments instanceof Map ? [...opts.deployments] : Object.entries(opts.deployments ?? {});
  return new Map([
    [opts.deployment, toDeployment(opts.kind ?? 'classic')],
    ...extra.map(([name, spec]): [string, Deployment] => [name, toDeployment(spec)]),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and checking a request

function matchRoute(path: string): Route {
  const deploymentMatch = DEPLOYMENT_ROUTE.exec(path);
  if (deploymentMatch?.[1] !== undefined) {
    return { flavour: 'azure-inference', api: 'chat', pathDeployment: decodeURIComponent(deploymentMatch[1]) };
  }
  if (path === OPENAI_CHAT_ROUTE) {
    return { flavour: 'openai', api: 'chat' };
  }
  if (path === OPENAI_RESPONSES_ROUTE) {
    return { flavour: 'openai', api: 'responses' };
  }
  return { flavour: 'unknown', api: 'none' };
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
    problems.push(
      ...(route.api === 'responses'
        ? checkResponsesBody(parsed.body)
        : checkChatBody(parsed.body, route.flavour === 'openai')),
    );
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

/** A key (not an Entra token) is presented: what a resource with key authentication disabled refuses. */
function presentsKey(headers: IncomingHttpHeaders, settings: Settings): boolean {
  const { apiKey, bearer } = readCredentials(headers);
  return apiKey !== undefined || (bearer !== undefined && bearer !== settings.bearerToken);
}

function requestedDeployment(route: Route, body: unknown): string | undefined {
  if (route.flavour === 'azure-inference') {
    return route.pathDeployment;
  }
  return isJsonObject(body) && typeof body.model === 'string' ? body.model : undefined;
}

/** What the model refuses: reasoning models refuse max_tokens and a temperature but 1; classic ones, reasoning effort. */
function modelRefusal(api: Route['api'], body: JsonObject, deployment: Deployment): ErrorOutcome | undefined {
  const { temperature } = body;
  if (deployment.kind === 'reasoning') {
    if (api === 'chat' && body.max_tokens !== undefined) {
      return unsupportedMaxTokens();
    }
    return typeof temperature === 'number' && temperature !== 1 ? unsupportedTemperature(temperature) : undefined;
  }
  if (api === 'chat' && body.reasoning_effort !== undefined) {
    return unsupportedParameter('reasoning_effort');
  }
  const responsesEffort = isJsonObject(body.reasoning) ? body.reasoning.effort : undefined;
  return api === 'responses' && responsesEffort !== undefined ? unsupportedParameter('reasoning.effort') : undefined;
}

interface Context {
  scenario: Scenario;
  /** The origin a 'redirect' scenario sends clients to. */
  redirectOrigin: string;
}

/** The answer, in Azure's order of checks: route, (test scenario), request shape, key, deployment, model. */
function decide(
  incoming: Incoming,
  route: Route,
  body: unknown,
  problems: readonly string[],
  context: Context,
  settings: Settings,
): Outcome {
  const { scenario } = context;
  if (route.flavour === 'unknown') {
    return NOT_FOUND;
  }
  if (scenario === 'redirect') {
    return { kind: 'redirect', location: `${context.redirectOrigin}${incoming.pathAndQuery}` };
  }
  if (
    scenario !== 'ok' &&
    scenario !== 'utf8-split' &&
    scenario !== 'key-auth-disabled' &&
    scenario !== 'held-stream'
  ) {
    return scenarioError(scenario, settings.apiVersion);
  }
  if (scenario === 'key-auth-disabled' && presentsKey(incoming.headers, settings)) {
    return KEY_AUTH_DISABLED;
  }
  if (problems.length > 0 || !isJsonObject(body)) {
    return badRequest(problems);
  }
  if (!isAuthorized(route.flavour, incoming.headers, settings)) {
    return UNAUTHORIZED;
  }
  const name = requestedDeployment(route, body);
  const deployment = name === undefined ? undefined : settings.deployments.get(name);
  if (deployment === undefined) {
    return DEPLOYMENT_NOT_FOUND;
  }
  const refusal = modelRefusal(route.api, body, deployment);
  if (refusal !== undefined) {
    return refusal;
  }
  const stream = body.stream === true;
  const split = scenario === 'utf8-split' || scenario === 'held-stream';
  const reply = split ? UTF8_REPLY : settings.reply;
  if (route.api === 'responses') {
    return { kind: 'responses', plan: planResponse(body, deployment, reply, settings.reasoningTokens), stream, split };
  }
  const answer = planChat(body, deployment, { ...settings, reply });
  const includeUsage = isJsonObject(body.stream_options) && body.stream_options.include_usage === true;
  const hold = scenario === 'held-stream' && stream;
  return { kind: 'chat', answer, model: deployment.model, stream, includeUsage, split, hold };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing answers

function statusOf(outcome: Outcome): number {
  switch (outcome.kind) {
    case 'error':
    case 'raw':
      return outcome.status;
    case 'redirect':
      return 307;
    default:
      return 200;
  }
}

/** Held streams: how many were held half way, and how many of those the client closed. */
interface Holds {
  held: number;
  closed: number;
}

/**
 * The first half of a streamed chat answer (Azure's filter chunk and half of the text chunks), then nothing until the
 * client closes the connection, which is counted.
 */
async function sendHeld(res: ServerResponse, headers: OutgoingHttpHeaders, events: string[], holds: Holds) {
  const closed = new Promise<void>((resolve) => res.once('close', resolve));
  const text = events.length - 3; // the filter chunk, the text chunks, the finish chunk and [DONE]
  const half = events.slice(0, 1 + Math.ceil(text / 2)).map((data) => ({ data }));
  await sendSse(res, headers, half, true, { end: false });
  holds.held++;
  await closed;
  holds.closed++;
}

async function sendOutcome(res: ServerResponse, incoming: Incoming, outcome: Outcome, holds: Holds): Promise<void> {
  const headers = responseHeaders(incoming);
  switch (outcome.kind) {
    case 'error':
      await sendJson(
        res,
        outcome.status,
        { ...headers, ...outcome.headers },
        { error: outcome.error },
        outcome.splitUtf8,
      );
      return;
    case 'raw':
      sendText(res, outcome.status, headers, outcome.contentType, outcome.text);
      return;
    case 'redirect':
      sendText(res, 307, { ...headers, location: outcome.location }, 'text/plain', '');
      return;
    case 'chat':
      if (outcome.hold) {
        await sendHeld(res, headers, chatStreamEvents(outcome.answer, outcome.model, false), holds);
      } else if (outcome.stream) {
        const events = chatStreamEvents(outcome.answer, outcome.model, outcome.includeUsage);
        await sendSse(
          res,
          headers,
          events.map((data) => ({ data })),
          outcome.split,
        );
      } else {
        await sendJson(res, 200, headers, completion(outcome.answer, outcome.model), outcome.split);
      }
      return;
    case 'responses':
      if (outcome.stream) {
        const events = responseStreamEvents(outcome.plan).map(({ type, data }) => ({
          event: type,
          data: JSON.stringify(data),
        }));
        await sendSse(res, headers, events, outcome.split);
      } else {
        await sendJson(res, 200, headers, responseObject(outcome.plan, 'done'), outcome.split);
      }
      return;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server

interface State {
  scenario: Scenario;
  requests: RecordedRequest[];
  problems: string[];
  redirectOrigin: string;
  targetRequests: RecordedRequest[];
  leaked: string[];
  holds: Holds;
}

type Listener = 'primary' | 'redirect-target';

const CREDENTIAL_HEADERS = ['api-key', 'authorization'] as const;

function noteLeaks(incoming: Incoming, state: State): void {
  for (const header of CREDENTIAL_HEADERS) {
    if (incoming.headers[header] !== undefined) {
      state.leaked.push(header);
      state.problems.push(
        `${incoming.method} ${incoming.path}: the ${header} header followed a redirect to another origin (${state.redirectOrigin})`,
      );
    }
  }
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  listener: Listener,
  state: State,
  settings: Settings,
): Promise<void> {
  const incoming = await readIncoming(req);
  const atTarget = listener === 'redirect-target';
  if (atTarget) {
    noteLeaks(incoming, state);
  }
  const route = matchRoute(incoming.path);
  const parsed = parseBody(incoming.rawBody);
  const problems = route.flavour === 'unknown' ? ['no such route'] : findProblems(incoming, route, parsed, settings);
  const where = atTarget ? ' (at the redirect target)' : '';
  for (const problem of problems) {
    state.problems.push(`${incoming.method} ${incoming.path}${where}: ${problem}`);
  }
  const context = { scenario: atTarget ? 'ok' : state.scenario, redirectOrigin: state.redirectOrigin } as const;
  const outcome = decide(incoming, route, parsed.body, problems, context, settings);
  (atTarget ? state.targetRequests : state.requests).push({
    method: incoming.method,
    path: incoming.path,
    query: incoming.query,
    headers: { ...incoming.headers },
    body: parsed.body,
    flavour: route.flavour,
    status: statusOf(outcome),
  });
  await sendOutcome(res, incoming, outcome, state.holds);
}

function failRequest(res: ServerResponse, state: State, error: unknown): void {
  state.problems.push(
    `the stand-in itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  if (res.headersSent) {
    res.destroy();
  } else {
    void sendJson(
      res,
      500,
      {},
      { error: { code: 'StandinError', message: 'the test stand-in failed; see its problems' } },
    );
  }
}

export async function startAzureStandin(opts: StandinOptions): Promise<Standin> {
  const settings: Settings = {
    deployments: deploymentMap(opts),
    apiVersion: opts.apiVersion ?? DEFAULT_API_VERSION,
    apiKey: opts.apiKey,
    bearerToken: opts.bearerToken,
    reply: opts.reply ?? DEFAULT_REPLY,
    reasoningTokens: opts.reasoningTokens ?? DEFAULT_REASONING_TOKENS,
    toolArguments: opts.toolArguments,
  };
  const tls = await makeTestCa(opts.dir);
  const state: State = {
    scenario: 'ok',
    requests: [],
    problems: [],
    redirectOrigin: '',
    targetRequests: [],
    leaked: [],
    holds: { held: 0, closed: 0 },
  };
  const serve = (listener: Listener) =>
    createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
      handle(req, res, listener, state, settings).catch((error: unknown) => failRequest(res, state, error));
    });
  const primary = await listenOnLoopback(serve('primary'));
  const target = await listenOnLoopback(serve('redirect-target'));
  // Another origin: another host name (the certificate covers localhost too) and another port.
  state.redirectOrigin = `https://localhost:${new URL(target.url).port}`;

  return {
    url: primary.url,
    caCertPath: tls.caCertPath,
    requests: state.requests,
    problems: state.problems,
    deployments: settings.deployments,
    redirectTarget: { url: state.redirectOrigin, requests: state.targetRequests },
    leakedCredentials: () => [...state.leaked],
    heldStreams: () => ({ ...state.holds }),
    setScenario: (scenario: Scenario): void => {
      state.scenario = scenario;
    },
    close: async () => {
      await Promise.all([primary.close(), target.close()]);
    },
  };
}
