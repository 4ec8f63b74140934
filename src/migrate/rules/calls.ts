// Reports what a person must decide at each call of an OpenAI client: model names that are now deployment names
// (rewritten only with --deployment), parameters reasoning deployments refuse, non-chat APIs, and the v3 SDK.
import type { Code } from '../catalogue.js';
import { type FileContext, report } from '../findings.js';
import { memberChain, type Node, propertyName, stringValue, unwrap } from '../parse.js';
import { bindingScope } from '../scope.js';
import type { MigrateOptions } from '../types.js';
import type { ClientKind } from './clients.js';

const API_ROOTS = new Set([
  'chat',
  'beta',
  'images',
  'audio',
  'embeddings',
  'responses',
  'completions',
  'files',
  'fineTuning',
  'moderations',
  'batches',
  'vectorStores',
  'uploads',
  'realtime',
  'conversations',
  'containers',
  'evals',
  'models',
]);
const CHAT_METHODS = new Set(['create', 'stream', 'parse', 'runTools']);
const REASONING = /^(?:o\d|gpt-5)(?![\w.-]*-chat)/i;
const V3_CALLS = new Set([
  'createChatCompletion',
  'createCompletion',
  'createEmbedding',
  'createImage',
  'createTranscription',
]);
/** Parameters @azure-rest/ai-inference's typed body lacks (checked with tsc against 1.0.0-beta.6). */
const UNTYPED_INFERENCE = [
  'n',
  'logit_bias',
  'user',
  'max_completion_tokens',
  'stream_options',
  'parallel_tool_calls',
  'reasoning_effort',
];

export interface CallScope {
  /** The kind of client a call root (`client`, `this.client`) refers to, at a place with these ancestors. */
  kindOf(root: string, ancestors: readonly Node[]): ClientKind | undefined;
  /**
   * Top-level `const X = "literal"` (or `= process.env.X ?? "literal"`: the literal) in the file, so `model: MODEL`
   * is followed to its literal where nothing closer declares MODEL.
   */
  constants: Map<string, Node>;
  options: Pick<MigrateOptions, 'sdk' | 'deployments'>;
  /** Told of every API call made on an OpenAI client: its root (`client`) and the API family (`chat`, `images`...). */
  used?(root: string, family: string): void;
  /**
   * Runs check once the whole file is read and it is known whether the client the call uses moved to Azure in this
   * run (or in the module it comes from): only then is its model a deployment name, and its follow-ups TODOs.
   */
  later(root: string, ancestors: readonly Node[], check: (moved: boolean) => void): void;
}

export interface ApiFamily {
  name: string;
  level: 'error' | 'warning' | 'info';
  code: Code;
  message: string;
  /** Azure OpenAI has no such API: a client used only for these stays on OpenAI. */
  noEquivalent?: boolean;
  /** The message when the client stays on OpenAI for it. */
  whenKept?: string;
}

const FAMILIES: Record<string, Omit<ApiFamily, 'name'>> = {
  moderations: {
    level: 'error',
    code: 'AZM022',
    noEquivalent: true,
    message:
      'Azure OpenAI has no moderation API (Azure AI Content Safety is a separate service with its own API): this call fails on Azure; keep it on an OpenAI client or rewrite it for Content Safety',
    whenKept:
      'Azure OpenAI has no moderation API (Azure AI Content Safety is a separate service with its own API): its client stays on OpenAI; leaving OpenAI means rewriting this for Content Safety',
  },
  images: {
    level: 'warning',
    code: 'AZM015',
    message: 'needs an image deployment (dall-e-3 or gpt-image-1) on the Azure resource',
  },
  embeddings: {
    level: 'warning',
    code: 'AZM015',
    message: 'needs an embeddings deployment (text-embedding-3-small, -3-large or ada-002) on the Azure resource',
  },
  audio: {
    level: 'warning',
    code: 'AZM015',
    message: 'needs a deployment of an audio model (whisper, gpt-4o-transcribe, tts) on the Azure resource',
  },
  files: {
    level: 'warning',
    code: 'AZM015',
    message: 'files go to the Azure resource; batch and fine-tuning, which use them, have their own Azure setup',
  },
  batches: {
    level: 'warning',
    code: 'AZM015',
    message:
      "Azure runs batches only on a global (or data zone) batch deployment; each JSONL line's model must name that deployment",
  },
  fineTuning: {
    level: 'warning',
    code: 'AZM015',
    message:
      'fine-tuning on Azure is set up on the resource (some models and regions only); a fine-tuned model is called through a deployment of its own',
  },
  assistants: {
    level: 'warning',
    code: 'AZM015',
    message:
      "Azure OpenAI's Assistants API is in preview and deprecated in favour of the Responses API; it needs a deployment of a supported model",
  },
  responses: { level: 'info', code: 'AZM015', message: 'on the Azure v1 API; model is the deployment name' },
  realtime: { level: 'warning', code: 'AZM015', message: 'needs a realtime model deployment on the Azure resource' },
  completions: {
    level: 'warning',
    code: 'AZM015',
    message: 'legacy completions: needs a deployment of a model that still serves them; chat models do not',
  },
  models: {
    level: 'warning',
    code: 'AZM015',
    message: 'on Azure this lists models, not your deployments; requests name a deployment',
  },
};

/** The API family of a call path after the client: `beta.threads.runs.create` is assistants. */
export function apiFamily(api: readonly string[]): ApiFamily {
  const first = api[0] === 'beta' ? (api[1] ?? '') : (api[0] ?? '');
  const name = ['threads', 'assistants', 'vectorStores'].includes(first) ? 'assistants' : first;
  const known = Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : undefined;
  return {
    name,
    ...(known ?? {
      level: 'warning',
      code: 'AZM015',
      message: 'not a chat completion: check that Azure OpenAI offers this API and which deployment it needs',
    }),
  };
}

/**
 * The literal a model value stands for: itself, the fallback of `process.env.X ?? "gpt-4o"`, or the top-level constant
 * it names when nothing closer declares that name.
 */
function modelLiteral(value: Node, ancestors: readonly Node[], scope: CallScope): Node {
  let current = unwrap(value);
  if (current.type === 'Identifier' && bindingScope(current.name, ancestors) === undefined) {
    current = scope.constants.get(current.name) ?? current;
  }
  return envFallback(current) ?? current;
}

/** The literal of `process.env.X ?? "literal"` (or `||`). */
export function envFallback(node: Node): Node | undefined {
  if (node.type !== 'LogicalExpression' || (node.operator !== '??' && node.operator !== '||')) return undefined;
  const left = memberChain(node.left as Node);
  const right = unwrap(node.right as Node);
  return left[0] === 'process' && left[1] === 'env' && stringValue(right) !== undefined ? right : undefined;
}

/** The model literal of a non-chat call: mapped only by an explicit --deployment model=name. */
function nonChatModel(ctx: FileContext, body: Node, ancestors: readonly Node[], scope: CallScope): string | undefined {
  if (body.type !== 'ObjectExpression') return undefined;
  const prop = body.properties.find((p) => propertyName(p as Node) === 'model');
  if (prop?.type !== 'ObjectProperty') return undefined;
  const value = modelLiteral(prop.value as Node, ancestors, scope);
  const model = stringValue(value);
  if (model === undefined) return undefined;
  const { byModel } = scope.options.deployments;
  if (scope.options.sdk === 'openai' && Object.hasOwn(byModel, model)) {
    mapModel(ctx, value, model, { ...scope, options: { ...scope.options, deployments: { byModel } } });
    return undefined;
  }
  return model;
}

/** Whether checkCall can have something to say about this call: a v3 method, or a chain through an API root. */
export function mayBeApiCall(call: Node): boolean {
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return false;
  if (call.callee.type !== 'MemberExpression' && call.callee.type !== 'OptionalMemberExpression') return false;
  const chain = memberChain(call.callee as Node);
  return V3_CALLS.has(chain[chain.length - 1] ?? '') || chain.some((part, i) => i > 0 && API_ROOTS.has(part));
}

/** Checks one call expression; returns the kind of client it was made on, when it is an API call. */
export function checkCall(
  ctx: FileContext,
  call: Node,
  ancestors: readonly Node[],
  scope: CallScope,
): ClientKind | undefined {
  if (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') return undefined;
  const chain = memberChain(call.callee as Node);
  const method = chain[chain.length - 1] ?? '';
  if (V3_CALLS.has(method)) {
    report(
      ctx,
      call,
      'warning',
      'AZM019',
      `v3 SDK call ${method}: rewrite it with the current openai package (${method === 'createCompletion' ? 'legacy completions models have no Azure chat target' : 'client.chat.completions.create'})`,
    );
    return undefined;
  }
  const at = chain.findIndex((part, i) => i > 0 && API_ROOTS.has(part));
  if (at <= 0) return undefined;
  const root = chain.slice(0, at).join('.');
  if (root.includes('?')) return undefined;
  const kind = scope.kindOf(root, ancestors);
  if (kind !== 'openai' && kind !== 'foreign-key' && kind !== 'kept' && kind !== 'mixed') return kind;
  const api = chain.slice(at);
  const path = api.join('.');
  const isChat = /^(?:beta\.)?chat\.completions\.\w+$/.test(path) && CHAT_METHODS.has(method);
  const body = call.arguments[0] ? unwrap(call.arguments[0] as Node) : undefined;
  if (!isChat) {
    if (api.length > 1) {
      const family = apiFamily(api);
      scope.used?.(root, family.name);
      scope.later(root, ancestors, (moved) => {
        // A client that stays on OpenAI keeps its model names; a follow-up on one that moved is also written above
        // the call, so it outlives this report.
        const stays = !moved && kind !== 'mixed';
        const model = moved && body && !family.noEquivalent ? nonChatModel(ctx, body, ancestors, scope) : undefined;
        const modelNote = model ? `; "${model}" is now sent as a deployment name` : '';
        report(
          ctx,
          call,
          family.level,
          family.code,
          `${path}: ${stays ? (family.whenKept ?? family.message) : family.message}${modelNote}`,
          family.level !== 'info' && moved ? ancestors : undefined,
        );
      });
    }
    return kind;
  }
  scope.used?.(root, 'chat');
  scope.later(root, ancestors, (moved) => {
    // With --sdk azure-inference nothing moves, but what a rewrite by hand must mind is still said.
    const planned = scope.options.sdk === 'azure-inference';
    if ((moved || planned) && body?.type === 'ObjectExpression') checkChatBody(ctx, body, ancestors, scope, moved);
  });
  return kind;
}

/** The body of a chat call; its model is a deployment name only when its client moved. */
function checkChatBody(
  ctx: FileContext,
  body: Node,
  ancestors: readonly Node[],
  scope: CallScope,
  moved: boolean,
): void {
  if (body.type !== 'ObjectExpression') return;
  const props = new Map(body.properties.map((p) => [propertyName(p as Node), p as Node]));
  const modelProp = props.get('model');
  let modelName: string | undefined;
  if (modelProp?.type === 'ObjectProperty') {
    const value = modelLiteral(modelProp.value as Node, ancestors, scope);
    modelName = stringValue(value);
    if (!moved) {
      // Nothing was sent anywhere new: no word on deployment names.
    } else if (modelName !== undefined) mapModel(ctx, value, modelName, scope, ancestors);
    else {
      report(
        ctx,
        value,
        'info',
        'AZM021',
        'the model comes from a variable or the environment: its value must now be an Azure deployment name',
      );
    }
  }
  const reasoning = modelName === undefined ? undefined : REASONING.test(modelName);
  const refuse = (name: string, code: Code, why: string) => {
    const prop = props.get(name);
    if (!prop || reasoning === false) return;
    if (name === 'temperature' && prop.type === 'ObjectProperty' && stringValue(prop.value as Node) === undefined) {
      const value = unwrap(prop.value as Node);
      if (value.type === 'NumericLiteral' && value.value === 1) return;
    }
    if (reasoning) report(ctx, prop, 'error', code, `${name} with the reasoning model ${modelName}: ${why}`, ancestors);
    else
      report(ctx, prop, 'warning', code, `${name}: if the deployment is a reasoning model (o-series, gpt-5), ${why}`);
  };
  refuse(
    'max_tokens',
    'AZM011',
    'Azure answers 400 unsupported_parameter; use max_completion_tokens (reasoning tokens count against it)',
  );
  refuse('temperature', 'AZM012', 'Azure answers 400 unsupported_value for any temperature but 1; remove it');
  if (scope.options.sdk === 'azure-inference') {
    for (const name of UNTYPED_INFERENCE) {
      const prop = props.get(name);
      if (prop)
        report(
          ctx,
          prop,
          'warning',
          'AZM041',
          `${name} is outside @azure-rest/ai-inference's typed request body: pass it untyped with the "extra-parameters: pass-through" header`,
        );
    }
  }
}

/** A model literal: rewritten to the deployment --deployment names for it, otherwise reported (with a TODO). */
function mapModel(ctx: FileContext, literal: Node, model: string, scope: CallScope, ancestors?: readonly Node[]): void {
  const { byModel, default: fallback } = scope.options.deployments;
  const deployments = new Set([...Object.values(byModel), ...(fallback ? [fallback] : [])]);
  const deployment = Object.hasOwn(byModel, model) ? byModel[model] : fallback;
  if (deployments.has(model)) {
    report(ctx, literal, 'info', 'AZM010', `deployment "${model}"`);
    return;
  }
  if (deployment === undefined || scope.options.sdk !== 'openai') {
    report(
      ctx,
      literal,
      'warning',
      'AZM010',
      `model "${model}" is now sent as a deployment name: name a deployment "${model}" or pass --deployment ${model}=<deployment>`,
      ancestors,
    );
    return;
  }
  const start = literal.start ?? 0;
  const end = literal.end ?? 0;
  // A constant used by several calls is edited once.
  if (ctx.seen.has(`${start}:AZM010`)) return;
  const quote = ctx.text[start] ?? '"';
  const escaped = deployment.replace(/[\\'"`$]/g, '\\$&');
  ctx.edits.overwrite(start, end, `${quote}${escaped}${quote}`);
  report(ctx, literal, 'info', 'AZM010', `model "${model}" replaced by the deployment "${deployment}"`);
}

/** A regular expression about model names: `/^(o[1-9]|gpt-5)/`. */
const MODEL_PATTERN = /gpt|(?:^|[^a-z])o(?:\[[^\]]*\]|[1-9])|dall-?e|whisper|davinci|embedding/i;

/**
 * Code that branches on a model name: `model === "gpt-4o"`, `model.startsWith("o1")`, `case "gpt-4":`,
 * `/^(o[1-9]|gpt-5)/.test(model)`, and lookup tables (an object keyed by model names, a list of them).
 */
export function checkModelLogic(ctx: FileContext, node: Node, ancestors: readonly Node[]): void {
  let literal: Node | undefined;
  let what: string | undefined;
  if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator)) {
    literal = [node.left as Node, node.right as Node].find((side) => isModelName(stringValue(side)));
  } else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = memberChain(node.callee as Node).pop() ?? '';
    const arg = node.arguments[0] as Node | undefined;
    const object = unwrap(node.callee.object as Node);
    if (['startsWith', 'includes', 'endsWith'].includes(method) && isModelName(stringValue(arg))) literal = arg;
    else if (
      ['test', 'exec'].includes(method) &&
      object.type === 'RegExpLiteral' &&
      MODEL_PATTERN.test(object.pattern)
    ) {
      literal = object;
      what = `the pattern /${object.pattern}/`;
    } else if (
      ['match', 'search'].includes(method) &&
      arg?.type === 'RegExpLiteral' &&
      MODEL_PATTERN.test(arg.pattern)
    ) {
      literal = arg;
      what = `the pattern /${arg.pattern}/`;
    }
  } else if (node.type === 'SwitchCase' && node.test && isModelName(stringValue(node.test as Node))) {
    literal = node.test as Node;
  } else if (node.type === 'ObjectExpression') {
    const key = node.properties
      .map((p) => (p.type === 'ObjectProperty' || p.type === 'ObjectMethod' ? propertyName(p as Node) : undefined))
      .find(isModelName);
    if (key !== undefined) {
      literal = node;
      what = `a table keyed by model names ("${key}")`;
    }
  } else if (node.type === 'ArrayExpression' && node.elements.length >= 2) {
    const values = node.elements.map((e) => (e ? stringValue(e as Node) : undefined));
    const first = values.find(isModelName);
    if (first !== undefined && values.every((v) => v !== undefined)) {
      literal = node;
      what = `a list of model names ("${first}")`;
    }
  }
  if (literal) {
    report(
      ctx,
      literal,
      'warning',
      'AZM013',
      `logic depends on ${what ?? `the model name "${stringValue(literal)}"`}: on Azure the request carries a deployment name, which may differ`,
      ancestors,
    );
  }
}

const MODEL_NAME =
  /^(?:gpt-?\d|gpt-4o|o[1-9](?:-|$)|chatgpt|text-embedding|dall-e|whisper|tts-|davinci|gpt-image|codex)/i;
export function isModelName(value: string | undefined): boolean {
  return value !== undefined && MODEL_NAME.test(value);
}

/** `chunk.choices[0].delta` on a streamed chunk: Azure's first chunk has no choices, so it throws. */
export function checkStreamChoice(ctx: FileContext, node: Node, ancestors: readonly Node[]): void {
  if (node.type !== 'MemberExpression') return;
  const indexed = unwrap(node.object as Node);
  if (indexed.type !== 'MemberExpression' && indexed.type !== 'OptionalMemberExpression') return;
  if (!indexed.computed || indexed.property.type !== 'NumericLiteral' || indexed.property.value !== 0) return;
  const chain = memberChain(indexed.object as Node);
  if (chain.length !== 2 || chain[1] !== 'choices' || !chain[0]) return;
  if (!isStreamChunk(chain[0], ancestors)) return;
  report(
    ctx,
    node,
    'error',
    'AZM014',
    `${chain[0]}.choices[0] on a streamed chunk: Azure's first chunk has no choices (and content-filter chunks no delta); use ${chain[0]}.choices[0]?.delta`,
    ancestors,
  );
}

function isStreamChunk(name: string, ancestors: readonly Node[]): boolean {
  return ancestors.some((a) => {
    if (a.type === 'ForOfStatement' && a.await && a.left.type === 'VariableDeclaration') {
      const id = a.left.declarations[0]?.id;
      return id?.type === 'Identifier' && id.name === name;
    }
    if ((a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression') && /chunk/i.test(name)) {
      return a.params.some((p) => p.type === 'Identifier' && p.name === name);
    }
    return false;
  });
}
