// Finds where OpenAI clients are built, decides whether each talks to OpenAI (no baseURL, or api.openai.com), to
// another provider, to a URL chosen at run time, or to Azure already; and rewrites the OpenAI ones for Azure.
import { type FileContext, report } from '../findings.js';
import { memberChain, type Node, propertyName, requireSpecifier, stringValue, unwrap } from '../parse.js';
import { ENDPOINT_VAR, type Replacement } from '../replacement.js';
import { bindingScope } from '../scope.js';
import { rewriteOptions } from './client-options.js';
import { describeKey, hostOf, isAzureUrl, openaiFallback, ownKey, templateText } from './client-values.js';
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
  rewrite?: (replacement: Replacement) => void;
}

/** What handleClient needs to know of the file around the client. */
export interface ClientSetting {
  sdk: Replacement['sdk'];
  auth: Replacement['auth'];
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

/** A client's options object, read once: its properties by name and the source text of each value. */
interface ClientOptions {
  arg: Node | undefined;
  byName: Map<string | undefined, Node>;
  text: (key: string) => string;
}

/** Classifies a `new OpenAI(...)` by its options, and rewrites it when it talks to OpenAI. */
export function handleClient(ctx: FileContext, node: Node, ancestors: readonly Node[], setting: ClientSetting): Client {
  const name = clientName(ancestors);
  const client = (kind: ClientKind): Client => ({ kind, name, node, rewritten: false });
  const options = node.type === 'NewExpression' ? readOptions(ctx, node) : undefined;
  if (!options) return client('unknown');
  const elsewhere = talksElsewhere(ctx, node, options);
  if (elsewhere) return { ...client(elsewhere.kind), ...(elsewhere.movedBefore ? { movedBefore: true } : {}) };
  const key = options.byName.get('apiKey');
  const keyValue = key?.type === 'ObjectProperty' ? unwrap(key.value as Node) : undefined;
  const refused = refusal(ctx, node, ancestors, setting, key, keyValue);
  if (refused) return client(refused);
  if (options.byName.has('dangerouslyAllowBrowser')) {
    report(
      ctx,
      node,
      'warning',
      'AZM017',
      'client runs in a browser (dangerouslyAllowBrowser): an Azure key there is visible to every user; prefer a server route or Entra ID',
      ancestors,
    );
  }
  // Rewritten once the whole file has been read: a client used only for APIs Azure lacks stays (see analyze.ts).
  // The walk's ancestor list changes as it goes on: the rewrite, run after it, keeps its own copy.
  return { ...client('openai'), rewrite: rewriter(ctx, node, options, ancestors.slice()) };
}

/** The options object, or undefined (reported) when it is not an object literal this run can read. */
function readOptions(ctx: FileContext, node: Node & { type: 'NewExpression' }): ClientOptions | undefined {
  const arg = node.arguments[0] ? unwrap(node.arguments[0] as Node) : undefined;
  if (arg && arg.type !== 'ObjectExpression') {
    report(
      ctx,
      node,
      'warning',
      'AZM006',
      'client options are not an object literal here: check by hand whether it talks to OpenAI',
    );
    return undefined;
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
    return undefined;
  }
  const byName = new Map(props.map((p) => [propertyName(p as Node), p as Node]));
  const text = (key: string) => {
    const prop = byName.get(key);
    return prop && prop.type === 'ObjectProperty' ? ctx.text.slice(prop.value.start ?? 0, prop.value.end ?? 0) : '';
  };
  return { arg, byName, text };
}

/** A client already on Azure, or pointed at another provider or at a URL chosen at run time: reported and kept. */
function talksElsewhere(
  ctx: FileContext,
  node: Node,
  options: ClientOptions,
): { kind: ClientKind; movedBefore?: boolean } | undefined {
  const base = options.byName.get('baseURL');
  const baseValue = base?.type === 'ObjectProperty' ? unwrap(base.value as Node) : undefined;
  const baseUrl = stringValue(baseValue) ?? templateText(baseValue);
  const openaiByDefault = baseValue !== undefined && openaiFallback(baseValue);
  // `new URL("/openai/v1/", endpoint).href` is the v1 API's base URL as the retired-SDK rules write it.
  const v1Url = /^new URL\(\s*(["'`])\/openai\/v1\/\1\s*,/.test(options.text('baseURL'));
  const azureBase = baseUrl !== undefined ? isAzureUrl(baseUrl) : v1Url || /azure/i.test(options.text('baseURL'));
  if (azureBase || /api-key|api-version/.test(options.text('defaultHeaders') + options.text('defaultQuery'))) {
    report(ctx, node, 'info', 'AZM005', 'client already on Azure: left unchanged');
    return { kind: 'azure', movedBefore: options.text('baseURL').includes(ENDPOINT_VAR) };
  }
  if (!baseValue || openaiByDefault) return undefined;
  const host = baseUrl && /^https?:\/\/[\w.-]+/.test(baseUrl) ? hostOf(baseUrl.replace(/\$\{\d+\}/g, 'x')) : undefined;
  if (host === 'api.openai.com') return undefined;
  if (host) report(ctx, node, 'info', 'AZM003', `client of another provider (${host}): left unchanged`);
  else
    report(
      ctx,
      node,
      'warning',
      'AZM004',
      'client whose baseURL is chosen at run time: left unchanged; if it can point at OpenAI, move that case to Azure by hand',
    );
  return { kind: host ? 'other' : 'runtime' };
}

/** Why a client that talks to OpenAI stays there in this run (reported), or undefined when it moves. */
function refusal(
  ctx: FileContext,
  node: Node,
  ancestors: readonly Node[],
  setting: ClientSetting,
  key: Node | undefined,
  keyValue: Node | undefined,
): 'kept' | 'foreign-key' | undefined {
  if (setting.test) {
    report(
      ctx,
      node,
      'info',
      'AZM025',
      'OpenAI client in a test file or mock: not rewritten (--include-tests rewrites it)',
    );
    return 'kept';
  }
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
    return 'foreign-key';
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
    return 'kept';
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
    return 'kept';
  }
  return undefined;
}

/** The rewrite of a client that moves: its options, and the findings of what changed. */
function rewriter(
  ctx: FileContext,
  node: Node,
  options: ClientOptions,
  around: readonly Node[],
): (replacement: Replacement) => void {
  const { arg, byName } = options;
  const key = byName.get('apiKey');
  const keyValue = key?.type === 'ObjectProperty' ? unwrap(key.value as Node) : undefined;
  return (replacement) => {
    rewriteOptions(ctx, node, arg, byName, replacement);
    if (key && stringValue(keyValue)?.startsWith('sk-')) {
      report(
        ctx,
        key,
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
      replacement.auth === 'key'
        ? 'key from AZURE_OPENAI_CHAT_KEY'
        : `Microsoft Entra ID token (${replacement.apiKey}, one DefaultAzureCredential for the module)`;
    report(
      ctx,
      node,
      'info',
      'AZM001',
      `client now calls the Azure OpenAI v1 API: base URL from AZURE_OPENAI_CHAT_ENDPOINT, ${how}`,
    );
  };
}
