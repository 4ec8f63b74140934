// Azure endpoint URLs: built from a resource name, or taken from a pasted URL (a portal "Target URI" included). The
// forms themselves are read by ./endpoint-shape.ts (the generated project's src/settings.ts takes them too, more
// loosely): this module adds what only the scaffolder checks (characters, names).

import { redactQuery } from '../shared/redact.js';
import { show, validateDeployment, validateResource } from '../shared/validate.js';
import type { Sdk } from '../types.js';
import { endpointShape, sdkEndpoint } from './endpoint-shape.js';

export interface ParsedEndpoint {
  /** Scheme, host and any gateway path prefix, without a trailing slash: https://contoso.openai.azure.com */
  readonly base: string;
  /** The deployment named in the URL's path (/openai/deployments/<name>), if any. */
  readonly deployment?: string;
  /** The shape pasted: the guide's deployment URL, a v1 API URL, or a resource (or gateway) base. */
  readonly form: 'deployments' | 'v1' | 'base';
  /** What was changed in the pasted URL, to tell the user. */
  readonly notes: readonly string[];
}

export const PLACEHOLDER_RESOURCE = '<your-resource-name>';
export const PLACEHOLDER_DEPLOYMENT = '<your-deployment-name>';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters and spaces are what it rejects
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;

/** Parses --endpoint; returns the rule it breaks as a string. */
export function parseEndpoint(raw: string): ParsedEndpoint | string {
  if (raw.length > 2048) return 'must be at most 2048 characters';
  if (UNSAFE.test(raw)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be a full URL such as https://contoso.openai.azure.com';
  }
  if (url.protocol !== 'https:') return 'must start with https:// (Azure refuses keys and tokens over plain http)';
  // URL parsing forgives https:///x, https:x and https:\\x, reading x as the host: an endpoint names its host itself.
  if (!/^https:\/\/[^/\\?#]/i.test(raw)) {
    return 'must have its host right after https://, as in https://contoso.openai.azure.com';
  }
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (url.hash !== '') return 'must not contain a #fragment';
  // A .env file holds the endpoint in single quotes, which have no escape; and only URL characters may follow the
  // host (a | would split the README's settings table, for one).
  if (url.href.includes("'")) return "must not contain a ' (single quote)";
  if (!/^[A-Za-z0-9\-._~!$&()*+,;=:@%/]*$/.test(url.pathname)) {
    return 'must contain only URL characters after the host (letters, digits and - . _ ~ ! $ & ( ) * + , ; = : @ % /)';
  }

  const query =
    url.search === '' ? [] : [`dropped the query ${show(redactQuery(url.search))}: the SDK adds api-version itself`];
  const shape = endpointShape(url);
  if ('refused' in shape) return shape.refused;
  const notes = [...query, ...shape.notes];
  if (shape.form !== 'deployments') return { base: shape.base, form: shape.form, notes };
  const deployment = shape.deployment ?? '';
  const broken = validateDeployment(deployment);
  if (broken) return `names the deployment ${show(deployment)}, which is not valid: ${broken}`;
  return { base: shape.base, deployment, form: 'deployments', notes };
}

export function validateEndpoint(raw: string): string | undefined {
  const parsed = parseEndpoint(raw);
  return typeof parsed === 'string' ? parsed : undefined;
}

/**
 * --resource and its question: a name, or a pasted endpoint URL (the portal's "Endpoint", a Target URI), which
 * parseEndpoint must take; a host name or other near miss is refused naming both ways.
 */
export function validateResourceInput(value: string): string | undefined {
  if (/^https?:\/\//i.test(value)) return validateEndpoint(value);
  const broken = validateResource(value);
  if (broken && /[./:]/.test(value)) {
    return `${broken}; or paste the whole endpoint URL (https://<name>.openai.azure.com/), or give a URL with --endpoint`;
  }
  return broken;
}

/** The resource name of a pasted URL on <name>.openai.azure.com without a gateway path; undefined for any other URL. */
export function resourceOfUrl(parsed: ParsedEndpoint): string | undefined {
  const match = /^https:\/\/([a-z0-9-]+)\.openai\.azure\.com$/.exec(parsed.base);
  return match?.[1] !== undefined && validateResource(match[1]) === undefined ? match[1] : undefined;
}

/** The base URL of an Azure OpenAI resource's default domain. */
export function resourceBase(resource: string): string {
  return `https://${resource.toLowerCase()}.openai.azure.com`;
}

/** The value of AZURE_OPENAI_CHAT_ENDPOINT: what each SDK flavour takes as its endpoint. */
export function endpointUrl(sdk: Sdk, base: string, deployment: string): string {
  return sdkEndpoint(sdk, base, deployment);
}

/**
 * What the chosen flavour does with a pasted URL of the other flavour's shape, to tell the user; undefined when the
 * URL already has the flavour's shape (or is a plain base).
 */
export function flavourNote(sdk: Sdk, parsed: ParsedEndpoint, deployment: string): string | undefined {
  const endpoint = endpointUrl(sdk, parsed.base, deployment);
  if (sdk === 'openai' && parsed.form === 'deployments') {
    return `the openai flavour calls the v1 API at ${endpoint} with the deployment (${deployment}) in each request's model field, not the guide's /openai/deployments/${deployment} URL`;
  }
  if (sdk === 'azure-inference' && parsed.form === 'v1') {
    return `the azure-inference flavour calls the deployment's URL ${endpoint}, not the v1 API's /openai/v1/`;
  }
  return undefined;
}
