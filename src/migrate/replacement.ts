// The replacement: what a moved client's options say, the expressions for the Azure base URL and key, from the
// options and the file's quote.
import { endpointUrl as azureEndpointUrl, parseEndpoint } from '../azure/endpoint.js';
import { KEY_VARIABLE } from '../options/api-key.js';
import type { Auth, MigrateOptions, Sdk } from './types.js';

export const ENDPOINT_VAR = 'AZURE_OPENAI_CHAT_ENDPOINT';
export const SCOPE = 'https://cognitiveservices.azure.com/.default';
export const PLACEHOLDER_ENDPOINT = 'https://<your-resource-name>.openai.azure.com/openai/v1/';

export interface Replacement {
  sdk: Sdk;
  auth: Auth;
  /** The source text of the baseURL value. */
  baseURL: string;
  /** The source text of the apiKey value. */
  apiKey: string;
}

/** The v1 endpoint URL (https://<r>.openai.azure.com/openai/v1/), or a placeholder no URL parser accepts. */
export function endpointUrl(options: Pick<MigrateOptions, 'resource' | 'endpoint'>): string {
  if (options.resource) return `https://${options.resource.toLowerCase()}.openai.azure.com/openai/v1/`;
  const parsed = options.endpoint === undefined ? undefined : parseEndpoint(options.endpoint);
  if (parsed !== undefined && typeof parsed !== 'string') return azureEndpointUrl('openai', parsed.base, '');
  return PLACEHOLDER_ENDPOINT;
}

function quoted(value: string, quote: '"' | "'"): string {
  return quote === '"' ? JSON.stringify(value) : `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/**
 * The rewritten options. The base URL falls back to the resource's URL (or a placeholder that fails to parse), never
 * to api.openai.com; the key falls back to '' so the SDK never sends OPENAI_API_KEY to Azure. With Entra ID the key is
 * the module's one token provider (see tokenProviderDeclaration).
 */
export function replacementFor(
  options: MigrateOptions,
  quote: '"' | "'",
  tokenProvider = 'azureTokenProvider',
): Replacement {
  const q = (value: string) => quoted(value, quote);
  const apiKey = options.auth === 'key' ? `process.env.${KEY_VARIABLE} ?? ${q('')}` : tokenProvider;
  return {
    sdk: options.sdk,
    auth: options.auth,
    baseURL: `process.env.${ENDPOINT_VAR} ?? ${q(endpointUrl(options))}`,
    apiKey,
  };
}

/** The module-level token provider every Entra ID client of a module shares: one credential per module. */
export function tokenProviderDeclaration(name: string, quote: '"' | "'"): string {
  return `const ${name} = getBearerTokenProvider(new DefaultAzureCredential(), ${quoted(SCOPE, quote)})`;
}
