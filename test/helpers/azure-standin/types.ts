/** The public types of the Azure stand-in, and the small JSON helpers its modules share. */

/**
 * What answers a request, set with `setScenario` (default 'ok'). Every scenario but 'ok' applies to every known route
 * (both chat routes and the Responses API) until the next `setScenario`:
 *   unauthorized          401, Azure's invalid-key body
 *   deployment-not-found  404 DeploymentNotFound
 *   rate-limited          429 with retry-after (1 s) and retry-after-ms (10 ms)
 *   server-error          500 InternalServerError
 *   key-auth-disabled     403 AuthenticationTypeDisabled, for a request that presents the API key (an Entra token passes)
 *   network-denied        403, "Access denied due to Virtual Network/Firewall rules."
 *   permission-denied     401 PermissionDenied: an Entra token whose principal lacks the data-plane role
 *   content-filter        400 content_filter with Azure's innererror (ResponsibleAIPolicyViolation)
 *   utf8-split            answers normally, with `UTF8_REPLY` as the reply, and every body (JSON, and each SSE event
 *                         holding a multi-byte character) written as two HTTP chunks split inside a multi-byte character
 *   utf8-split-error      400 whose JSON error message is `UTF8_ERROR_MESSAGE`, written split inside a character
 *   bad-gateway           502 with an HTML body (text/html), as a gateway in front of Azure answers; both SDKs retry it
 *   redirect              307 to the same path on another origin (`redirectTarget.url`, https://localhost:<other port>)
 *   held-stream           answers normally, but a streamed chat reply stops after its first half and is held open
 *                         until the client closes the connection (see `heldStreams`); with `utf8-split`'s reply and
 *                         its events split inside characters
 */
export type Scenario =
  | 'ok'
  | 'unauthorized'
  | 'deployment-not-found'
  | 'rate-limited'
  | 'server-error'
  | 'key-auth-disabled'
  | 'network-denied'
  | 'permission-denied'
  | 'content-filter'
  | 'utf8-split'
  | 'utf8-split-error'
  | 'bad-gateway'
  | 'redirect'
  | 'held-stream';

/** The wire flavour of a request: `openai` covers both v1 routes (chat/completions and responses). */
export type Flavour = 'azure-inference' | 'openai' | 'unknown';

/**
 * classic:   gpt-4o / gpt-4.1 style: accepts temperature, and max_tokens or max_completion_tokens.
 * reasoning: o4-mini / gpt-5-mini style: 400 unsupported_parameter for max_tokens, 400 unsupported_value for a
 *            temperature other than 1; reasoning tokens count against the budget (see `reasoningTokens`).
 */
export type ModelKind = 'classic' | 'reasoning';

/** A deployment's model: its kind, and optionally the model name the answers report. */
export type DeploymentSpec = ModelKind | { kind: ModelKind; model?: string };

export interface Deployment {
  kind: ModelKind;
  /** The model name reported in answers, e.g. gpt-5-mini-2025-08-07. */
  model: string;
}

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
  /** A deployment that exists, of kind `kind`. */
  deployment: string;
  /** The model kind of `deployment`; default 'classic'. */
  kind?: ModelKind;
  /** More deployments that exist, name -> kind (or { kind, model }). `standin.deployments` can change them later. */
  deployments?: ReadonlyMap<string, DeploymentSpec> | Readonly<Record<string, DeploymentSpec>>;
  /** The api-version the azure-inference flavour must send; default 2024-06-01. */
  apiVersion?: string;
  /** The API key accepted (api-key header, or Bearer for the openai flavour). */
  apiKey?: string;
  /** The Microsoft Entra token accepted (Authorization: Bearer, no api-key header). */
  bearerToken?: string;
  /** The assistant's reply; default 'There are 5,280 feet in a mile.' */
  reply?: string;
  /**
   * The tokens a reasoning deployment spends reasoning before it answers; default 500. When the request's budget
   * (max_completion_tokens, or max_output_tokens on the Responses API) is below this plus the answer's tokens, the
   * answer is empty: content "", finish_reason "length" (Responses: status "incomplete"), and the whole budget is
   * reported as reasoning tokens.
   */
  reasoningTokens?: number;
  /**
   * The arguments of the tool call the stand-in makes (see tools in server.ts); default: a sample value for each
   * property of the first tool's JSON schema (the first enum value, else "Seattle" for a string, 3 for a number or
   * integer, true for a boolean, null otherwise).
   */
  toolArguments?: Record<string, unknown>;
}

export interface RedirectTarget {
  /** https://localhost:PORT: another origin than `url` (another host name and port), same test CA. */
  url: string;
  /** The requests that arrived there (after a client followed a 307 of the 'redirect' scenario). */
  requests: RecordedRequest[];
}

export interface Standin {
  /** https://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** The test CA certificate, for NODE_EXTRA_CA_CERTS. */
  caCertPath: string;
  requests: RecordedRequest[];
  problems: string[];
  /** The deployments that exist (live: set or delete entries during a test). */
  deployments: Map<string, Deployment>;
  /** Where the 'redirect' scenario sends clients. */
  redirectTarget: RedirectTarget;
  /**
   * The names of the credential headers (api-key, authorization) that reached the redirect target, in arrival order.
   * A client must not send them to another origin, so a test expects []; each one is also pushed into `problems`.
   */
  leakedCredentials(): string[];
  /**
   * The streamed replies the 'held-stream' scenario has held half way (`held`), and how many of those the client
   * has since stopped by closing its connection (`closed`).
   */
  heldStreams(): { held: number; closed: number };
  setScenario(scenario: Scenario): void;
  close(): Promise<void>;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** A rough token count (four characters a token), enough for a plausible `usage`. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
