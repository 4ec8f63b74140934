// The client side of the move to the v1 API: `new AzureOpenAI({ endpoint, deployment, apiVersion, ... })` and
// `new OpenAI({ baseURL: <endpoint>/openai/deployments/<d>, defaultQuery: { 'api-version' } })` become
// `new OpenAI({ baseURL: <endpoint>/openai/v1/, ... })`. A key stays the expression it was, where it was; a token
// provider becomes the apiKey; the deployment comes back to the caller, which puts it in each call's model.
import { type Node, propertyName, stringValue, unwrap } from '../parse.js';
import { type Context, prependProperties, quoted, removeItems, source } from './context.js';
import { type Deployment, deploymentOf } from './deployment.js';
import { beforeTokenProviders } from './openai-version.js';

export interface ClientPlan {
  /** The deployment every call must name; undefined when the calls already name it in their model. */
  deployment?: Deployment;
}

type ObjectNode = Node & { properties: Node[] };

function optionsOf(ctx: Context, node: Node): { object?: ObjectNode; byName: Map<string, Node> } | undefined {
  if (node.type !== 'NewExpression') return undefined;
  const arg = node.arguments[0] ? unwrap(node.arguments[0] as Node) : undefined;
  if (!arg) return { byName: new Map() };
  if (arg.type !== 'ObjectExpression' || arg.properties.some((p) => p.type !== 'ObjectProperty')) {
    ctx.report(node, 'AZM235', 'the client options are not an object literal of plain properties');
    return undefined;
  }
  const object = arg as ObjectNode;
  return { object, byName: new Map(object.properties.map((p) => [propertyName(p) ?? '', p])) };
}

const valueIn = (property: Node | undefined): Node | undefined =>
  property?.type === 'ObjectProperty' ? unwrap(property.value as Node) : undefined;

/** `new AzureOpenAI(...)`: returns undefined when it cannot move (a finding says why). */
export function planAzureClient(ctx: Context, node: Node, ancestors: readonly Node[]): ClientPlan | undefined {
  const options = optionsOf(ctx, node);
  if (!options) return undefined;
  const { object, byName } = options;
  const endpoint = byName.get('endpoint');
  const base = byName.get('baseURL');
  const baseURL = base ? fromAzureBase(ctx, valueIn(base) as Node) : endpointBase(ctx, node, valueIn(endpoint));
  if (baseURL === undefined) return undefined;
  const deploymentProperty = byName.get('deployment');
  const deployment = deploymentProperty ? deploymentOf(ctx, valueIn(deploymentProperty) as Node, ancestors) : undefined;
  if (deploymentProperty && !deployment) return undefined;
  const adds = [`baseURL: ${baseURL}`];
  const provider = byName.get('azureADTokenProvider');
  if (provider) {
    const value = valueIn(provider) as Node;
    if (beforeTokenProviders(ctx.openai)) {
      ctx.report(node, 'AZM238', `package.json asks for openai ${ctx.openai?.join('.')}`);
      return undefined;
    }
    ctx.edits.overwrite(provider.start ?? 0, provider.end ?? 0, `apiKey: ${source(ctx, value)}`);
    if (!ctx.openai) ctx.report(node, 'AZM236');
  } else if (!byName.has('apiKey')) {
    // AzureOpenAI's own default, which OpenAI does not read.
    adds.push('apiKey: process.env.AZURE_OPENAI_API_KEY');
  }
  const replaced = endpoint ?? base;
  if (replaced && object) {
    const gap = ctx.text.slice((object.start ?? 0) + 1, object.properties[0]?.start ?? 0) || ' ';
    ctx.edits.overwrite(replaced.start ?? 0, replaced.end ?? 0, adds.join(`,${gap}`));
  } else if (object) prependProperties(ctx, object, adds);
  else if (node.type === 'NewExpression') {
    ctx.edits.overwrite(node.callee.end ?? 0, node.end ?? 0, `({ ${adds.join(', ')} })`);
  }
  const removed = ['deployment', 'apiVersion'].flatMap((key) => byName.get(key) ?? []);
  if (object) removeItems(ctx, object.properties, removed);
  ctx.report(node, 'AZM230');
  return { deployment };
}

/** `new OpenAI({ baseURL: .../openai/deployments/<d>, defaultQuery: { 'api-version': ... } })`. */
export function planDeploymentsClient(ctx: Context, node: Node, ancestors: readonly Node[]): ClientPlan | undefined {
  const options = optionsOf(ctx, node);
  if (!options?.object) return undefined;
  const { object, byName } = options;
  const base = byName.get('baseURL');
  const split = base ? splitDeploymentsUrl(ctx, valueIn(base) as Node, ancestors) : undefined;
  if (!base || !split) {
    ctx.report(base ?? node, 'AZM235', 'the base URL is not <endpoint>/openai/deployments/<deployment>');
    return undefined;
  }
  const query = byName.get('defaultQuery');
  const queryValue = valueIn(query);
  if (query && queryValue?.type === 'ObjectExpression') {
    const items = queryValue.properties as Node[];
    const version = items.find((p) => propertyName(p) === 'api-version');
    if (version && items.length === 1) removeItems(ctx, object.properties, [query]);
    else if (version) removeItems(ctx, items, [version]);
  } else if (query) {
    ctx.report(query, 'AZM235', 'defaultQuery is not an object literal: its api-version cannot be removed');
    return undefined;
  }
  const value = valueIn(base) as Node;
  ctx.edits.overwrite(value.start ?? 0, value.end ?? 0, split.baseURL);
  ctx.report(node, 'AZM230');
  return { deployment: split.deployment };
}

/** Whether `new OpenAI(options)` is an api-version client: a deployments URL or an api-version query. */
export function isDeploymentsClient(ctx: Context, node: Node): boolean {
  if (node.type !== 'NewExpression') return false;
  const arg = node.arguments[0] ? unwrap(node.arguments[0] as Node) : undefined;
  if (arg?.type !== 'ObjectExpression') return false;
  return arg.properties.some((p) => {
    const name = propertyName(p as Node);
    if (name === 'baseURL') return source(ctx, p as Node).includes('/openai/deployments');
    return name === 'defaultQuery' && /api-version/.test(source(ctx, p as Node));
  });
}

/** The v1 base URL for an endpoint given as a literal, a template or a value read at run time (or AzureOpenAI's). */
function endpointBase(ctx: Context, client: Node, endpoint: Node | undefined): string | undefined {
  const literal = stringValue(endpoint);
  if (literal !== undefined) {
    if (!/^https:\/\/[^/?#\s]+(?:\/[^?#\s]*)?$/.test(literal)) {
      ctx.report(endpoint ?? client, 'AZM235', 'the endpoint is not an https URL');
      return undefined;
    }
    return quoted(ctx, `${literal.replace(/\/+$/, '')}/openai/v1/`);
  }
  if (endpoint?.type === 'TemplateLiteral') {
    const text = source(ctx, endpoint);
    return `${text.slice(0, -1).replace(/\/+$/, '')}/openai/v1/\``;
  }
  ctx.report(client, 'AZM237');
  const read = endpoint ? source(ctx, endpoint) : 'process.env.AZURE_OPENAI_ENDPOINT';
  return `new URL(${quoted(ctx, '/openai/v1/')}, ${read}).href`;
}

/** AzureOpenAI's baseURL option, `<endpoint>/openai`: the v1 API is below it. */
function fromAzureBase(ctx: Context, value: Node): string | undefined {
  const literal = stringValue(value);
  if (literal !== undefined && /^https:\/\/[^?#\s]+\/openai\/?$/.test(literal))
    return quoted(ctx, `${literal.replace(/\/+$/, '')}/v1/`);
  ctx.report(value, 'AZM235', 'baseURL is not a literal <endpoint>/openai');
  return undefined;
}

/** `<endpoint>/openai/deployments/<d>` as a literal or template: the v1 base URL and the deployment. */
function splitDeploymentsUrl(
  ctx: Context,
  value: Node,
  ancestors: readonly Node[],
): { baseURL: string; deployment: Deployment } | undefined {
  const marker = '/openai/deployments/';
  const literal = stringValue(value);
  if (literal !== undefined) {
    const match = /^(https:\/\/[^?#\s]+?)\/openai\/deployments\/([\w.-]+)\/?$/.exec(literal);
    if (!match?.[1] || !match[2]) return undefined;
    return {
      baseURL: quoted(ctx, `${match[1]}/openai/v1/`),
      deployment: { text: quoted(ctx, match[2]), value: match[2], names: [] },
    };
  }
  if (value.type !== 'TemplateLiteral') return undefined;
  const quasis = value.quasis as Node[];
  const k = quasis.findIndex((q) => q.type === 'TemplateElement' && q.value.raw.includes(marker));
  const quasi = quasis[k];
  if (quasi?.type !== 'TemplateElement') return undefined;
  const at = quasi.value.raw.lastIndexOf(marker);
  const head = ctx.text.slice(value.start ?? 0, (quasi.start ?? 0) + at);
  const baseURL = `${head}/openai/v1/\``;
  const rest = quasi.value.raw.slice(at + marker.length);
  if (k === quasis.length - 1) {
    const name = rest.replace(/\/$/, '');
    return /^[\w.-]+$/.test(name)
      ? { baseURL, deployment: { text: quoted(ctx, name), value: name, names: [] } }
      : undefined;
  }
  const last = quasis[k + 1];
  const expression = value.expressions[k] as Node | undefined;
  if (rest !== '' || k !== quasis.length - 2 || last?.type !== 'TemplateElement' || !/^\/?$/.test(last.value.raw))
    return undefined;
  const deployment = expression && deploymentOf(ctx, expression, ancestors);
  return deployment ? { baseURL, deployment } : undefined;
}
