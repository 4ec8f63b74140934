// One construction of the retired SDK's client, `ModelClient(endpoint, credential, options)`, becomes
// `new OpenAI({ baseURL, apiKey })` on the endpoint's own host at /openai/v1/; the key moves as the same expression,
// Entra ID becomes a token provider; a credential this cannot follow leaves the file alone.
import { type Node, stringValue, unwrap } from '../parse.js';
import { SCOPE } from '../replacement.js';
import { patternIdentifiers } from '../scope.js';
import { eol, keyName, quoted, source } from './ast.js';
import type { Context } from './context.js';
import type { Plan } from './edits.js';
import { CORE_AUTH, IDENTITY } from './recognise.js';

const GITHUB_MODELS = /(?:^|\.)models\.(?:inference\.ai\.azure\.com|github\.ai)$/;
const ML_SCOPE = 'https://ml.azure.com/.default';

/** Plans `new OpenAI({ ... })` for one construction; reports and blocks what cannot move. */
export function construction(ctx: Context, plan: Plan, call: Node): { deployment?: string } | undefined {
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression') return undefined;
  const [endpointArg, credentialArg, optionsArg] = call.arguments as Node[];
  if (!endpointArg || !credentialArg || endpointArg.type === 'SpreadElement') {
    ctx.report(call, 'AZM203', 'the client is built without an endpoint and a credential here');
    return undefined;
  }
  const url = endpoint(ctx, endpointArg);
  if (!url) return undefined;
  if (gitHubModels(ctx, url.host, credentialArg)) {
    ctx.report(
      call,
      'AZM213',
      'GitHub Models takes the OpenAI SDK at its own base URL, not /openai/v1/: move it by hand',
    );
    return undefined;
  }
  const options = optionsArg ? unwrap(optionsArg) : undefined;
  const { scope, rest } = clientOptions(ctx, options);
  const audience = url.host?.endsWith('.services.ai.azure.com') ? 'https://ai.azure.com/.default' : SCOPE;
  const apiKey = credential(ctx, plan, credentialArg, scope ?? quoted(audience, ctx.imports.quote));
  if (apiKey === undefined) return undefined;
  plan.openaiValue = true;
  const entries = [`baseURL: ${url.baseURL}`, `apiKey: ${apiKey.text}`, ...rest];
  plan.edits.push({
    start: call.start ?? 0,
    end: call.end ?? 0,
    text: `new OpenAI(${layout(ctx.text, call, options, entries)})`,
  });
  ctx.report(
    call,
    'AZM200',
    `${apiKey.entra ? 'Microsoft Entra ID token provider' : 'the same key expression, sent to the same host'}; base URL ${url.literal ? 'https://<host>/openai/v1/' : "the endpoint's host + /openai/v1/ (a path prefix of a gateway is dropped)"}`,
  );
  return url.deployment ? { deployment: url.deployment } : {};
}

/** The v1 base URL of an endpoint, with its host and deployment when the endpoint is a literal. */
interface Endpoint {
  baseURL: string;
  literal: boolean;
  host?: string;
  deployment?: string;
}

/**
 * A literal endpoint (or a const holding one) gives the v1 URL at once; anything else is resolved at run time on the
 * same host. Undefined (reported) when the literal is no URL.
 */
function endpoint(ctx: Context, arg: Node): Endpoint | undefined {
  const literal = stringValue(unwrap(arg)) ?? stringValue(constInit(ctx, arg));
  if (literal === undefined) {
    ctx.report(arg, 'AZM218');
    return {
      baseURL: `new URL(${quoted('/openai/v1/', ctx.imports.quote)}, ${source(ctx.text, arg)}).href`,
      literal: false,
    };
  }
  let url: URL;
  try {
    url = new URL(literal);
  } catch {
    ctx.report(arg, 'AZM203', `the endpoint ${JSON.stringify(literal)} is not a URL`);
    return undefined;
  }
  return {
    baseURL: quoted(`${url.origin}/openai/v1/`, ctx.imports.quote),
    literal: true,
    host: url.hostname.toLowerCase(),
    deployment: /\/openai\/deployments\/([^/]+)/.exec(url.pathname)?.[1],
  };
}

/** Whether the client is GitHub Models': its host, or a GITHUB_TOKEN in its key, says so. */
function gitHubModels(ctx: Context, host: string | undefined, credentialArg: Node): boolean {
  const keyNode = unwrap(credentialArg);
  const keyArg = keyNode.type === 'NewExpression' ? (keyNode.arguments[0] as Node | undefined) : keyNode;
  const keyText = `${source(ctx.text, credentialArg)} ${keyArg ? source(ctx.text, constInit(ctx, keyArg) ?? keyArg) : ''}`;
  return (host !== undefined && GITHUB_MODELS.test(host)) || /GITHUB_TOKEN/.test(keyText);
}

/** Client options: apiVersion goes, credentials.scopes gives the token's audience, spreads stay; the rest is reported. */
function clientOptions(ctx: Context, options: Node | undefined): { scope?: string; rest: string[] } {
  const { text } = ctx;
  if (!options) return { rest: [] };
  if (options.type !== 'ObjectExpression') return { rest: [`...${source(text, options)}`] };
  let scope: string | undefined;
  const rest: string[] = [];
  for (const p of options.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      rest.push(source(text, p));
      continue;
    }
    const key = keyName(p);
    if (key === 'apiVersion') {
      ctx.report(p, 'AZM210');
      continue;
    }
    if (key === 'credentials' && p.type === 'ObjectProperty') {
      const scopes = unwrap(p.value as Node);
      const list =
        scopes.type === 'ObjectExpression' ? scopes.properties.find((s) => keyName(s as Node) === 'scopes') : undefined;
      const value = list?.type === 'ObjectProperty' ? unwrap(list.value as Node) : undefined;
      const first = value?.type === 'ArrayExpression' ? (value.elements[0] as Node | null) : undefined;
      if (first && stringValue(first) !== ML_SCOPE) scope = source(text, first);
      continue;
    }
    ctx.report(
      p,
      'AZM206',
      `client option \`${key ?? '?'}\` (the OpenAI SDK has its own retries, timeout and fetch options)`,
    );
  }
  return { scope, rest };
}

/** The options object, on one line, or one entry a line when the call took several lines (in its indentation). */
function layout(text: string, call: Node, options: Node | undefined, entries: string[]): string {
  if (!source(text, call).includes('\n')) return `{ ${entries.join(', ')} }`;
  const newline = eol(text);
  const lineStart = text.lastIndexOf('\n', (call.start ?? 0) - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const first = options?.type === 'ObjectExpression' ? (options.properties[0] as Node | undefined) : undefined;
  const firstLine = first ? text.lastIndexOf('\n', (first.start ?? 0) - 1) + 1 : -1;
  const inner = first && firstLine > lineStart ? (/^[ \t]*/.exec(text.slice(firstLine))?.[0] ?? '') : `${indent}  `;
  const trailing = options ? /,\s*}$/.test(source(text, options)) : true;
  return `{${newline}${entries.map((e) => `${inner}${e}`).join(`,${newline}`)}${trailing ? ',' : ''}${newline}${indent}}`;
}

/** The apiKey text for a credential: the key itself, or a token provider for a TokenCredential. */
function credential(ctx: Context, plan: Plan, arg: Node, scope: string): { text: string; entra: boolean } | undefined {
  const { text, imports } = ctx;
  const node = unwrap(arg);
  const importOf = (id: Node) => imports.names.find((n) => n.local === ctxBinding(ctx, id));
  const entra = (expr: string) => {
    plan.identity = true;
    return { text: `getBearerTokenProvider(${expr}, ${scope})`, entra: true };
  };
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier') {
    const from = importOf(node.callee);
    if (from?.module === CORE_AUTH && from.imported === 'AzureKeyCredential' && node.arguments[0]) {
      plan.consumed.add(node.callee.start ?? 0);
      return { text: source(text, node.arguments[0] as Node), entra: false };
    }
    if (from?.module === IDENTITY) return entra(source(text, node));
  }
  if (node.type === 'Identifier') {
    const binding = ctxBinding(ctx, node);
    const holder = binding ? declarationOf(ctx, binding) : undefined;
    const init = holder?.init ? unwrap(holder.init) : undefined;
    if (init?.type === 'NewExpression' && init.callee.type === 'Identifier') {
      const from = importOf(init.callee);
      if (from?.module === CORE_AUTH && from.imported === 'AzureKeyCredential')
        return { text: `${node.name}.key`, entra: false };
      if (from?.module === IDENTITY) return entra(node.name);
    }
    const annotation = (binding as { typeAnnotation?: Node } | undefined)?.typeAnnotation;
    const type = annotation ? source(text, annotation) : '';
    if (/\bTokenCredential\b/.test(type)) return entra(node.name);
    if (/\b(?:AzureKeyCredential|KeyCredential)\b/.test(type)) return { text: `${node.name}.key`, entra: false };
    if (holder?.param) {
      const def = holder.param.type === 'AssignmentPattern' ? unwrap(holder.param.right as Node) : undefined;
      if (
        def?.type === 'NewExpression' &&
        def.callee.type === 'Identifier' &&
        importOf(def.callee)?.module === IDENTITY
      )
        return entra(node.name);
    }
  }
  ctx.report(
    arg,
    'AZM203',
    'neither an AzureKeyCredential nor an @azure/identity credential here (a key is never moved unless this tool sees where it comes from)',
  );
  return undefined;
}

/** The initial value of the const an identifier names (by scope), if it is one. */
function constInit(ctx: Context, node: Node): Node | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctxBinding(ctx, inner);
  const init = binding ? declarationOf(ctx, binding)?.init : undefined;
  return init ? unwrap(init) : undefined;
}

function ctxBinding(ctx: Context, id: Node): Node | undefined {
  return ctx.refs.find((r) => r.node === id)?.binding;
}

/** The declarator (or the parameter) that declares a binding identifier. */
function declarationOf(ctx: Context, binding: Node): { init?: Node; param?: Node } | undefined {
  let found: { init?: Node; param?: Node } | undefined;
  const visit = (node: Node): void => {
    if (found) return;
    if (node.type === 'VariableDeclarator' && node.id === binding) found = { init: (node.init as Node) ?? undefined };
    if ('params' in node && Array.isArray(node.params)) {
      for (const p of node.params as Node[]) {
        if (patternIdentifiers(p).includes(binding)) found = { param: p };
      }
    }
    for (const key in node) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const v of value) if (v && typeof v === 'object' && 'type' in v) visit(v as Node);
      } else if (value && typeof value === 'object' && 'type' in (value as object)) visit(value as Node);
    }
  };
  visit(ctx.program);
  return found;
}
