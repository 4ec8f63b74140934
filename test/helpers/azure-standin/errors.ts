/** Azure's error answers, as the stand-in sends them. */
import type { OutgoingHttpHeaders } from 'node:http';
import type { JsonObject, Scenario } from './types.js';

/** An error answer: a JSON `{"error": ...}` body, or (for gateways) a body that is not JSON. */
export type ErrorOutcome =
  | { kind: 'error'; status: number; error: JsonObject; headers?: OutgoingHttpHeaders; splitUtf8?: boolean }
  | { kind: 'raw'; status: number; contentType: string; text: string };

function azureError(status: number, code: string, message: string, headers?: OutgoingHttpHeaders): ErrorOutcome {
  return { kind: 'error', status, error: { code, message }, ...(headers === undefined ? {} : { headers }) };
}

export const NOT_FOUND = azureError(404, '404', 'Resource not found');

export const UNAUTHORIZED = azureError(
  401,
  '401',
  'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
);

export const DEPLOYMENT_NOT_FOUND = azureError(
  404,
  'DeploymentNotFound',
  'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
);

export const SERVER_ERROR = azureError(
  500,
  'InternalServerError',
  'The server had an error while processing your request. Sorry about that!',
);

/** A resource with local (key) authentication disabled (disableLocalAuth), called with a key. */
export const KEY_AUTH_DISABLED = azureError(
  403,
  'AuthenticationTypeDisabled',
  'Key based authentication is disabled for this resource.',
);

/** A resource whose network rules (firewall, private endpoint only) refuse the caller's address. */
export const NETWORK_DENIED = azureError(403, '403', 'Access denied due to Virtual Network/Firewall rules.');

/** An Entra token whose principal has no data-plane role (Cognitive Services OpenAI User) on the resource. */
export const PERMISSION_DENIED = azureError(
  401,
  'PermissionDenied',
  'The principal `00000000-0000-0000-0000-000000000000` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/{deployment-id}/chat/completions` operation.',
);

const SAFE = { filtered: false, severity: 'safe' };

export const CONTENT_FILTER: ErrorOutcome = {
  kind: 'error',
  status: 400,
  error: {
    code: 'content_filter',
    message:
      "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
    param: 'prompt',
    status: 400,
    innererror: {
      code: 'ResponsibleAIPolicyViolation',
      content_filter_result: {
        hate: SAFE,
        jailbreak: { filtered: false, detected: false },
        self_harm: SAFE,
        sexual: SAFE,
        violence: { filtered: true, severity: 'medium' },
      },
    },
  },
};

/** A made-up 400 whose message is not ASCII, to check that error bodies are decoded across chunk boundaries. */
export const UTF8_ERROR_MESSAGE = 'Requête refusée : « café ☕ » contient des caractères multi-octets 🙂';

const UTF8_SPLIT_ERROR: ErrorOutcome = {
  kind: 'error',
  status: 400,
  error: { code: 'BadRequest', message: UTF8_ERROR_MESSAGE },
  splitUtf8: true,
};

/** What an Application Gateway in front of the resource answers when its back end fails. */
export const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Microsoft-Azure-Application-Gateway/v2</center>\r\n</body>\r\n</html>\r\n';

const BAD_GATEWAY: ErrorOutcome = { kind: 'raw', status: 502, contentType: 'text/html', text: BAD_GATEWAY_HTML };

function rateLimited(apiVersion: string): ErrorOutcome {
  return azureError(
    429,
    '429',
    `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${apiVersion} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
    // retry-after-ms is read first by both SDKs, so their retries take milliseconds.
    { 'retry-after': '1', 'retry-after-ms': '10' },
  );
}

/** The OpenAI-style error Azure gives a reasoning model for max_tokens. */
export function unsupportedMaxTokens(): ErrorOutcome {
  return {
    kind: 'error',
    status: 400,
    error: {
      message:
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      type: 'invalid_request_error',
      param: 'max_tokens',
      code: 'unsupported_parameter',
    },
  };
}

/** The error a classic model gives for a reasoning-only parameter (reasoning_effort, reasoning.effort). */
export function unsupportedParameter(param: string): ErrorOutcome {
  return {
    kind: 'error',
    status: 400,
    error: {
      message: `Unsupported parameter: '${param}' is not supported with this model.`,
      type: 'invalid_request_error',
      param,
      code: 'unsupported_parameter',
    },
  };
}

/** The error a reasoning model gives for a temperature other than its default 1. */
export function unsupportedTemperature(temperature: number): ErrorOutcome {
  return {
    kind: 'error',
    status: 400,
    error: {
      message: `Unsupported value: 'temperature' does not support ${temperature} with this model. Only the default (1) value is supported.`,
      type: 'invalid_request_error',
      param: 'temperature',
      code: 'unsupported_value',
    },
  };
}

export function badRequest(problems: readonly string[]): ErrorOutcome {
  return azureError(400, 'BadRequest', problems.join('; '));
}

/** The answer of a scenario that always answers with an error ('redirect', key checks, 'utf8-split' and 'held-stream' excepted). */
export function scenarioError(
  scenario: Exclude<Scenario, 'ok' | 'redirect' | 'key-auth-disabled' | 'utf8-split' | 'held-stream'>,
  apiVersion: string,
): ErrorOutcome {
  switch (scenario) {
    case 'unauthorized':
      return UNAUTHORIZED;
    case 'deployment-not-found':
      return DEPLOYMENT_NOT_FOUND;
    case 'rate-limited':
      return rateLimited(apiVersion);
    case 'server-error':
      return SERVER_ERROR;
    case 'network-denied':
      return NETWORK_DENIED;
    case 'permission-denied':
      return PERMISSION_DENIED;
    case 'content-filter':
      return CONTENT_FILTER;
    case 'utf8-split-error':
      return UTF8_SPLIT_ERROR;
    case 'bad-gateway':
      return BAD_GATEWAY;
  }
}
