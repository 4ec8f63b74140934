// Finds where OpenAI clients are built, decides whether each talks to OpenAI (no baseURL, or api.openai.com), to
// another provider, to a URL chosen at run time, or to Azure already; and rewrites the OpenAI ones for Azure.
import { type FileContext, report } from '../findings.js';
import { memberChain, type Node, propertyName, requireSpecifier, stringValue, unwrap } from '../parse.js';
import { ENDPOINT_VAR, type Target } from '../replacement.js';
import { bindingScope, patternNames } from '../scope.js';
import type { Imports } from './imports.js';
import { OPENAI_MODULE } from './imports.js';

/**
 * openai: talks to OpenAI; other: another provider; runtime: a base URL chosen at run time; azure: already on Azure;
 * unknown: options not readable; foreign-key: talks to OpenAI with a key that is not its own read of OPENAI_API_KEY;
 * mixed: one name for clients of different kinds (`useAzure ? new AzureOpenAI() : new OpenAI()`); kept: talks to
 * OpenAI and stays there in this run (a test, Entra ID on the edge runtime, only APIs Azure lacks).
 */
export type ClientKind = 'openai' | 'other' | 'runtime' | 'azure' | 'unknown' | 'foreign-key' | 'mixed' | 'kept';

export interface Client {
  kind: ClientKind;
  /** How code refers to it: a variable name, or `this.x` for a property. */
  name?: string;
  node: Node;
  /** Rewritten for Azure in this run (or by an earlier one: kind azure). */
  rewritten: boolean;
  /** Already on Azure in the form this tool writes (its base URL reads AZURE_OPENAI_CHAT_ENDPOINT). */
  movedBefore?: boolean;
  /** Applies the Azure rewrite (edits and findings): set for a client that talks to OpenAI, until it is done. */
  rewrite?: (target: Target) => void;
}

/** What handleClient needs to know of the file around the client. */
export interface ClientSetting {
  sdk: Target['sdk'];
  auth: Target['auth'];
  /** The module declares `export const runtime = "edge"`: DefaultAzureCredential cannot run there. */
  edge: boolean;
  /** A test file or mock (and no --include-tests): reported, not rewritten. */
  test: boolean;
}

/**
 * Whether node builds an OpenAI-package client, and of which class: the class name must resolve to the module's
 * import (a parameter, an inner class or an inner `require("./mock")` of that name is another class).
 */
export function constructedClass(
  node: Node,
  imports: Imports,
  ancestors: readonly Node[],
): 'openai' | 'azure' | undefined {
  if (node.type !== 'NewExpression') return undefined;
  const callee = unwrap(node.callee as Node);
  const root = memberChain(callee)[0];
  const scope = root && root !== '?' ? bindingScope(root, ancestors) : undefined;
  if (scope && !imports.dynamic.get(root ?? '')?.includes(scope)) return undefined;
  if (callee.type === 'Identifier') {
    if (imports.openaiClass.has(callee.name)) return 'openai';
    if (imports.azureClass.has(callee.name)) return 'azure';
    return undefined;
  }
  const chain = memberChain(callee);
  const member = chain[1];
  const fromRequire = callee.type === 'MemberExpression' && OPENAI_MODULE.test(requireSpecifier(callee.object) ?? '');
  if ((root && imports.namespaces.has(root)) || fromRequire) {
    if (chain.length !== 2 && !fromRequire) return undefined;
    const name = fromRequire ? chain[chain.length - 1] : member;
    if (name === 'OpenAI' || name === 'default') return 'openai';
    if (name === 'AzureOpenAI') return 'azure';
  }
  if (OPENAI_MODULE.test(requireSpecifier(callee) ?? '')) return 'openai';
  return undefined;
}

/** The name code uses for the client built by node: `const x = new OpenAI()`, `this.x = ...`, a class field. */
export function clientName(ancestors: readonly Node[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i];
    if (!parent) break;
    if (parent.type === 'VariableDeclarator') return parent.id.type === 'Identifier' ? parent.id.name : undefined;
    if (parent.type === 'AssignmentExpression') return memberChain(parent.left as Node).join('.');
    if (parent.type === 'ClassProperty' && parent.key.type === 'Identifier') return `this.${parent.key.name}`;
    if (parent.type === 'ExportDefaultDeclaration') return 'default';
    if (/Function|Statement|Declaration|Program|Block/.test(parent.type)) break;
  }
  return undefined;
}

/** Classifies a `new OpenAI(...)` by its options, and rewrites it when it talks to OpenAI. */
export function handleClient(ctx: FileContext, node: Node, ancestors: readonly Node[], setting: ClientSetting): Client {
  const name = clientName(ancestors);
  const client = (kind: ClientKind, rewritten = false): Client => ({ kind, name, node, rewritten });
  if (node.type !== 'NewExpression') return client('unknown');
  const arg = node.arguments[0] ? unwrap(node.arguments[0] as Node) : undefined;
  if (arg && arg.type !== 'ObjectExpression') {
    report(
      ctx,
      node,
      'warning',
      'AZM006',
      'client options are not an object literal here: check by hand whether it talks to OpenAI',
    );
    return client('unknown');
  }
  const props = arg?.type === 'ObjectExpression' ? arg.properties : [];
  if (props.some((p) => p.type === 'SpreadElement')) {
    report(
      ctx,
      node,
      'warning',
      'AZM006',
      'client options are spread from another object: check by hand whether it talks to OpenAI',
    );
    return client('unknown');
  }
  const byName = new Map(props.map((p) => [propertyName(p as Node), p as Node]));
  const optionText = (key: string) => {
    const prop = byName.get(key);
    return prop && prop.type === 'ObjectProperty' ? ctx.text.slice(prop.value.start ?? 0, prop.value.end ?? 0) : '';
  };
  const base = byName.get('baseURL');
  const baseValue = base?.type === 'ObjectProperty' ? unwrap(base.value as Node) : undefined;
  const baseUrl = stringValue(baseValue) ?? templateText(baseValue);
  const openaiByDefault = baseValue !== undefined && openaiFallback(baseValue);
  const azureBase = baseUrl !== undefined ? isAzureUrl(baseUrl) : /azure/i.test(optionText('baseURL'));
  if (azureBase || /api-key|api-version/.test(optionText('defaultHeaders') + optionText('defaultQuery'))) {
    report(ctx, node, 'info', 'AZM005', 'client already on Azure: left unchanged');
    return { ...client('azure'), movedBefore: optionText('baseURL').includes(ENDPOINT_VAR) };
  }
  if (baseValue && !openaiByDefault) {
    const host =
      baseUrl && /^https?:\/\/[\w.-]+/.test(baseUrl) ? hostOf(baseUrl.replace(/\$\{\d+\}/g, 'x')) : undefined;
    if (host !== 'api.openai.com') {
      if (host) report(ctx, node, 'info', 'AZM003', `client of another provider (${host}): left unchanged`);
      else
        report(
          ctx,
          node,
          'warning',
          'AZM004',
          'client whose baseURL is chosen at run time: left unchanged; if it can point at OpenAI, move that case to Azure by hand',
        );
      return client(host ? 'other' : 'runtime');
    }
  }
  if (setting.test) {
    report(
      ctx,
      node,
      'info',
      'AZM025',
      'OpenAI client in a test file or mock: not rewritten (--include-tests rewrites it)',
    );
    return client('kept');
  }
  const key = byName.get('apiKey');
  const keyValue = key?.type === 'ObjectProperty' ? unwrap(key.value as Node) : undefined;
  const foreign = key && !(key.type === 'ObjectProperty' && !key.shorthand && keyValue && ownKey(keyValue));
  if (foreign) {
    const what = key.type === 'ObjectProperty' ? describeKey(key, keyValue, ancestors) : 'a method';
    report(
      ctx,
      node,
      'error',
      'AZM016',
      `the API key is ${what}, not this client's own read of OPENAI_API_KEY: it may be a user's key or shared with other code, so the client is left unchanged; decide who holds the Azure credential and move it by hand`,
      ancestors,
    );
    return client('foreign-key');
  }
  if (setting.sdk === 'azure-inference') {
    report(
      ctx,
      node,
      'error',
      'AZM040',
      'client talks to OpenAI: rewrite it by hand with ModelClient from @azure-rest/ai-inference (retired by Microsoft on 2026-08-26; --sdk openai is the supported path)',
      ancestors,
    );
    return client('kept');
  }
  if (setting.auth === 'entra' && setting.edge) {
    report(
      ctx,
      node,
      'error',
      'AZM024',
      'this module runs on the edge runtime (export const runtime = "edge"), where DefaultAzureCredential cannot run: client left on OpenAI; move the call to a Node.js route or migrate it with --auth key',
      ancestors,
    );
    return client('kept');
  }
  if (byName.has('dangerouslyAllowBrowser')) {
    report(
      ctx,
      node,
      'warning',
      'AZM017',
      'client runs in a browser (dangerouslyAllowBrowser): an Azure key there is visible to every user; prefer a server route or Entra ID',
      ancestors,
    );
  }
  // Rewritten once the whole file has been read: a client used only for APIs Azure lacks stays (see analyze).
  // The walk's ancestor list changes as it goes on: the rewrite, run after it, keeps its own copy.
  const around = ancestors.slice();
  const rewrite = (target: Target): void => {
    rewriteOptions(ctx, node, arg, byName, target);
    if (stringValue(keyValue)?.startsWith('sk-')) {
      report(
        ctx,
        key as Node,
        'warning',
        'AZM007',
        'a hard-coded OpenAI key was removed from the code: revoke it, it is in your history',
        around,
      );
    }
    for (const removed of ['organization', 'project'] as const) {
      const prop = byName.get(removed);
      if (prop) {
        report(
          ctx,
          prop,
          'warning',
          'AZM002',
          `\`${removed}\` removed: it has no meaning on Azure; remove what else reads it if it only served OpenAI`,
          around,
        );
      }
    }
    const how =
      target.auth === 'key'
        ? 'key from AZURE_OPENAI_CHAT_KEY'
        : `Microsoft Entra ID token (${target.apiKey}, one DefaultAzureCredential for the module)`;
    report(
      ctx,
      node,
      'info',
      'AZM001',
      `client now calls the Azure OpenAI v1 API: base URL from AZURE_OPENAI_CHAT_ENDPOINT, ${how}`,
    );
  };
  return { ...client('openai'), rewrite };
}

function rewriteOptions(
  ctx: FileContext,
  node: Node,
  arg: Node | undefined,
  byName: Map<string | undefined, Node>,
  target: Target,
): void {
  const { edits, text } = ctx;
  const values = { baseURL: target.baseURL, apiKey: target.apiKey };
  const props = arg?.type === 'ObjectExpression' ? (arg.properties as Node[]) : [];
  const removed = props.filter((p) => ['organization', 'project'].includes(propertyName(p) ?? ''));
  const kept = props.filter((p) => !removed.includes(p));
  const first = props[0];
  const multiline =
    arg !== undefined && first !== undefined && text.slice(arg.start ?? 0, first.start ?? 0).includes('\n');
  // A new or one-line options object is laid out over several lines, in the file's indentation and comma style.
  if (!multiline && !hasComments(arg)) {
    const entries = [
      ...(['baseURL', 'apiKey'] as const)
        .filter((key) => byName.get(key)?.type !== 'ObjectProperty')
        .map((key) => `${key}: ${values[key]}`),
      ...kept.map((p) => {
        const key = propertyName(p);
        return key === 'baseURL' || key === 'apiKey' ? `${key}: ${values[key]}` : text.slice(p.start ?? 0, p.end ?? 0);
      }),
    ];
    const style = layoutOf(text);
    const lineStart = text.lastIndexOf('\n', (node.start ?? 0) - 1) + 1;
    const base = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const inner = `${base}${style.unit}`;
    const object = `{${ctx.eol}${entries.map((e) => `${inner}${e}`).join(`,${ctx.eol}`)}${style.trailingComma ? ',' : ''}${ctx.eol}${base}}`;
    if (arg) {
      edits.overwrite(arg.start ?? 0, arg.end ?? 0, object);
      return;
    }
    const open = text.indexOf('(', (node as { callee: Node }).callee.end ?? 0);
    if (open === -1 || open >= (node.end ?? 0)) edits.appendLeft(node.end ?? 0, `(${object})`);
    else edits.appendLeft(open + 1, object);
    return;
  }
  if (arg?.type !== 'ObjectExpression') return;
  const indent = first ? (/[ \t]*$/.exec(text.slice(0, first.start ?? 0))?.[0] ?? '') : '';
  const sep = multiline ? `,${ctx.eol}${indent}` : ', ';
  const missing: string[] = [];
  for (const key of ['baseURL', 'apiKey'] as const) {
    const prop = byName.get(key);
    if (prop?.type !== 'ObjectProperty') missing.push(`${key}: ${values[key]}`);
    else if (prop.shorthand) edits.overwrite(prop.start ?? 0, prop.end ?? 0, `${key}: ${values[key]}`);
    else edits.overwrite(prop.value.start ?? 0, prop.value.end ?? 0, values[key]);
  }
  const firstKept = kept[0];
  if (!first) {
    edits.overwrite(arg.start ?? 0, arg.end ?? 0, `{ ${missing.join(', ')} }`);
    return;
  }
  if (!firstKept) {
    edits.overwrite(first.start ?? 0, props[props.length - 1]?.end ?? 0, missing.join(sep));
    return;
  }
  if (missing.length > 0) edits.appendLeft(firstKept.start ?? 0, `${missing.join(sep)}${sep}`);
  for (const prop of removed) {
    const i = props.indexOf(prop);
    const next = props[i + 1];
    const previous = props[i - 1];
    if (next) edits.remove(prop.start ?? 0, next.start ?? 0);
    else if (previous) edits.remove(previous.end ?? 0, prop.end ?? 0);
  }
}

/** Comments inside an options object: such an object keeps its layout and is edited in place. */
function hasComments(arg: Node | undefined): boolean {
  if (!arg) return false;
  if (arg.innerComments?.length) return true;
  return (
    arg.type === 'ObjectExpression' &&
    arg.properties.some((p) => p.leadingComments?.length || p.trailingComments?.length)
  );
}

export interface Layout {
  /** One level of indentation: two or four spaces, or a tab. */
  unit: string;
  /** Whether multi-line objects and arrays end with a comma. */
  trailingComma: boolean;
}

/** The file's indentation unit and trailing-comma habit, read from its lines (2 spaces and commas when unclear). */
export function layoutOf(text: string): Layout {
  let tabs = 0;
  let two = 0;
  let four = 0;
  for (const match of text.matchAll(/^([ \t]+)(?=[^\s*])/gm)) {
    const lead = match[1] ?? '';
    if (lead.startsWith('\t')) tabs++;
    else if (lead.length % 4 === 0) four++;
    else if (lead.length % 2 === 0) two++;
  }
  const unit = tabs > two + four ? '\t' : four > 0 && two * 5 < four ? '    ' : '  ';
  const withComma = text.match(/,[ \t]*\r?\n[ \t]*[}\]]/g)?.length ?? 0;
  const without = text.match(/[\w'"`)\]][ \t]*\r?\n[ \t]*[}\]]/g)?.length ?? 0;
  return { unit, trailingComma: withComma >= without };
}

/** `process.env.OPENAI_API_KEY` (also `["OPENAI_API_KEY"]` and Deno's `Deno.env.get("OPENAI_API_KEY")`). */
export function isOpenaiKeyRead(node: Node): boolean {
  const value = unwrap(node);
  if (value.type === 'CallExpression') {
    const chain = memberChain(value.callee as Node);
    return chain.join('.') === 'Deno.env.get' && stringValue(value.arguments[0] as Node) === 'OPENAI_API_KEY';
  }
  if (value.type !== 'MemberExpression') return false;
  return memberChain(value).join('.') === 'process.env.OPENAI_API_KEY';
}

/**
 * The client's own key: its read of OPENAI_API_KEY (with a literal fallback: `?? ""`), or a literal written into the
 * options. Anything else (a variable, a parameter, a property of a value, a function result) may be a user's key or
 * shared with other code, and is never replaced.
 */
function ownKey(value: Node): boolean {
  const inner = unwrap(value);
  if (stringValue(inner) !== undefined) return true;
  if (inner.type === 'LogicalExpression' && (inner.operator === '??' || inner.operator === '||')) {
    return isOpenaiKeyRead(inner.left as Node) && stringValue(unwrap(inner.right as Node)) !== undefined;
  }
  return isOpenaiKeyRead(inner);
}

/** What a key that is not the client's own is, in words, for the finding. */
function describeKey(prop: Node, value: Node | undefined, ancestors: readonly Node[]): string {
  if (prop.type === 'ObjectProperty' && prop.shorthand) return `the variable \`${propertyName(prop)}\``;
  if (!value) return 'not a plain value';
  let inner = unwrap(value);
  // `profile.openai_api_key || ""`: what matters is where the key comes from, not its fallback.
  while (inner.type === 'LogicalExpression') inner = unwrap(inner.left as Node);
  if (inner.type === 'Identifier') {
    const parameter = ancestors.some(
      (a) =>
        (a.type === 'FunctionDeclaration' ||
          a.type === 'ArrowFunctionExpression' ||
          a.type === 'FunctionExpression' ||
          a.type === 'ClassMethod' ||
          a.type === 'ObjectMethod') &&
        a.params.some((p) => patternNames(p as Node).includes(inner.name)),
    );
    return parameter ? `the parameter \`${inner.name}\`` : `the variable \`${inner.name}\``;
  }
  if (inner.type === 'MemberExpression' || inner.type === 'OptionalMemberExpression') {
    const chain = memberChain(inner);
    if (chain[0] === 'process' && chain[1] === 'env') return `the environment variable ${chain[2] ?? ''}`;
    return `a property of a value (${chain.join('.').replace(/\?/g, '…')})`;
  }
  if (inner.type === 'CallExpression' || inner.type === 'AwaitExpression') return 'the result of a call';
  return 'an expression';
}

/** `process.env.OPENAI_BASE_URL || "https://api.openai.com/v1"`: a base URL that is OpenAI's unless overridden. */
function openaiFallback(value: Node): boolean {
  if (value.type !== 'LogicalExpression' || (value.operator !== '||' && value.operator !== '??')) return false;
  const fallback = stringValue(unwrap(value.right as Node));
  return fallback !== undefined && hostOf(fallback) === 'api.openai.com';
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const AZURE_HOST = /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com|azure-api\.net)$/;

/** An Azure OpenAI URL: an Azure host, a /openai/deployments path, or a template naming an AZURE_ variable. */
function isAzureUrl(url: string): boolean {
  const host = hostOf(url.replace(/\$\{\d+\}/g, 'x'));
  return (host !== undefined && AZURE_HOST.test(host)) || /\/openai\/deployments\b|azure/i.test(url);
}

/** A template literal's text, expressions as ${0}, ${1}..., and `azure` kept when an expression names it. */
function templateText(node: Node | undefined): string | undefined {
  if (node?.type !== 'TemplateLiteral') return undefined;
  const azure = node.expressions.some((e) => /azure/i.test(memberChain(e as Node).join('.')));
  return (
    node.quasis.map((q, i) => q.value.raw + (node.expressions[i] ? `\${${i}}` : '')).join('') + (azure ? '#azure' : '')
  );
}
