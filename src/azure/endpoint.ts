// Azure endpoint URLs: built from a resource name, or taken from a pasted URL (a portal "Target URI" included).
import { redactQuery } from '../shared/redact.js';
import { show, validateDeployment } from '../shared/validate.js';
import type { Sdk } from '../types.js';

export interface ParsedEndpoint {
  /** Scheme, host and any gateway path prefix, without a trailing slash: https://contoso.openai.azure.com */
  readonly base: string;
  /** The deployment named in the URL's path (/openai/deployments/<name>), if any. */
  readonly deployment?: string;
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
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  if (url.hash !== '') return 'must not contain a #fragment';
  // A .env file holds the endpoint in single quotes, which have no escape.
  // A .env file holds the endpoint in single quotes, which have no escape; and only URL characters may follow the
  // host (a | would split the README's settings table, for one).
  if (url.href.includes("'")) return "must not contain a ' (single quote)";
  if (!/^[A-Za-z0-9\-._~!$&()*+,;=:@%/]*$/.test(url.pathname)) {
    return 'must contain only URL characters after the host (letters, digits and - . _ ~ ! $ & ( ) * + , ; = : @ % /)';
  }

  const notes: string[] = [];
  if (url.search !== '')
    notes.push(`dropped the query ${show(redactQuery(url.search))}: the SDK adds api-version itself`);
  let path = url.pathname.replace(/\/+$/, '');
  if (/\/chat\/completions$/.test(path)) {
    path = path.replace(/\/chat\/completions$/, '');
    notes.push('dropped the /chat/completions suffix: the SDK adds it to every request');
  }
  path = path.replace(/\/+$/, '');

  const deploymentMatch = /^(.*)\/openai\/deployments\/([^/]+)$/.exec(path);
  if (deploymentMatch) {
    let deployment: string;
    try {
      deployment = decodeURIComponent(deploymentMatch[2] ?? '');
    } catch {
      return 'has a deployment name that is not valid percent-encoding';
    }
    const broken = validateDeployment(deployment);
    if (broken) return `names the deployment ${show(deployment)}, which is not valid: ${broken}`;
    return { base: url.origin + (deploymentMatch[1] ?? ''), deployment, notes };
  }
  const prefix = /^(.*)\/openai(?:\/v1)?$/.exec(path);
  return { base: url.origin + (prefix ? (prefix[1] ?? '') : path), notes };
}

export function validateEndpoint(raw: string): string | undefined {
  const parsed = parseEndpoint(raw);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** The base URL of an Azure OpenAI resource's default domain. */
export function resourceBase(resource: string): string {
  return `https://${resource.toLowerCase()}.openai.azure.com`;
}

/** The value of AZURE_OPENAI_CHAT_ENDPOINT: what each SDK flavour takes as its endpoint. */
export function endpointUrl(sdk: Sdk, base: string, deployment: string): string {
  return sdk === 'azure-inference' ? `${base}/openai/deployments/${deployment}` : `${base}/openai/v1/`;
}
