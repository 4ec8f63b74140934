// The endpoint forms Azure shows for a resource, read from a URL's path, and the URL each SDK takes (--endpoint).

/** What a pasted endpoint's path says: a resource's base, the v1 API, or the guide's deployment URL. */
export type EndpointForm = 'base' | 'v1' | 'deployments';

export interface EndpointShape {
  /** Scheme, host and any gateway path prefix, without a trailing slash: https://contoso.openai.azure.com */
  readonly base: string;
  readonly form: EndpointForm;
  /** The deployment named in the path (/openai/deployments/<name>), decoded. */
  readonly deployment?: string;
  /** What was dropped from the path, to tell the user. */
  readonly notes: readonly string[];
}

/**
 * The shape of an endpoint URL, from its origin and path (the query is the caller's): the forms Azure's portal and
 * docs show, https://<r>.openai.azure.com/, <r>.cognitiveservices.azure.com/, <r>.services.ai.azure.com/ (with
 * /models or /api/projects/<p>), .../openai/v1/, .../openai/deployments/<d>, and a Target URI ending in
 * /chat/completions or /responses. A path it cannot place is refused: `{ refused }` says what to give instead.
 */
export function endpointShape(url: URL): EndpointShape | { readonly refused: string } {
  const notes: string[] = [];
  let path = url.pathname.replace(/\/+$/, '');
  const operation = /\/(chat\/completions|responses)$/.exec(path);
  if (operation) {
    path = path.slice(0, -operation[0].length).replace(/\/+$/, '');
    notes.push(`dropped the /${operation[1]} suffix: the SDK adds the operation to every request`);
  }
  const deployments = /^(.*)\/openai\/deployments\/([^/]+)$/.exec(path);
  if (deployments) {
    let deployment: string;
    try {
      deployment = decodeURIComponent(deployments[2] ?? '');
    } catch {
      return { refused: 'has a deployment name that is not valid percent-encoding' };
    }
    const prefix = foundryPrefix(deployments[1] ?? '', notes);
    if (typeof prefix !== 'string') return prefix;
    return { base: url.origin + prefix, form: 'deployments', deployment, notes };
  }
  if (/\/openai\/deployments(?:\/|$)/.test(path)) {
    return {
      refused:
        'has a path below /openai/deployments/<deployment> that is not a chat endpoint: give the URL up to the deployment name (https://<resource>.openai.azure.com/openai/deployments/<deployment>)',
    };
  }
  const openai = /^(.*)\/openai(\/v1)?$/.exec(path);
  if (openai) {
    const prefix = foundryPrefix(openai[1] ?? '', notes);
    if (typeof prefix !== 'string') return prefix;
    return { base: url.origin + prefix, form: openai[2] ? 'v1' : 'base', notes };
  }
  if (/\/openai\//.test(`${path}/`)) {
    return {
      refused:
        'has a path below /openai/ that is neither /openai/v1/ nor /openai/deployments/<deployment>: give the resource URL (https://<resource>.openai.azure.com/)',
    };
  }
  const prefix = foundryPrefix(path, notes);
  if (typeof prefix !== 'string') return prefix;
  return { base: url.origin + prefix, form: 'base', notes };
}

/** The URL each SDK takes: the v1 API's base URL (openai), or the deployment's URL (azure-inference). */
export function sdkEndpoint(sdk: 'openai' | 'azure-inference', base: string, deployment: string): string {
  return sdk === 'azure-inference' ? `${base}/openai/deployments/${deployment}` : `${base}/openai/v1/`;
}

/**
 * Foundry paths that are not where the chat API lives: /models (the Azure AI model inference API, retired on
 * 2026-08-26) and /api/projects/<project> (a Foundry project endpoint). The resource's deployments answer at
 * <host>/openai/. Any other path is a gateway's prefix, kept.
 */
function foundryPrefix(path: string, notes: string[]): string | { readonly refused: string } {
  if (/^\/models$/i.test(path)) {
    notes.push(
      "dropped /models: that is the path of the Azure AI model inference API Microsoft retired on 2026-08-26; the resource's deployments answer at <host>/openai/",
    );
    return '';
  }
  const project = /^\/api\/projects\/([^/]+)$/i.exec(path);
  if (project) {
    notes.push(
      `dropped /api/projects/${project[1]}: that is a Foundry project endpoint; the resource's deployments answer at <host>/openai/`,
    );
    return '';
  }
  if (/^\/(?:models|api\/projects)(?:\/|$)/i.test(path)) {
    return {
      refused:
        'has a Foundry path not known here (after /models or /api/projects/<project>): give the resource URL, https://<resource>.services.ai.azure.com/',
    };
  }
  return path;
}
