// Reports what a person must decide at each call of an OpenAI client: model names that are now deployment names
// (rewritten only with --deployment, see ./models.ts), parameters reasoning deployments refuse, non-chat APIs, and
// the v3 SDK.
import type { Code } from '../catalogue.js';
import { type FileContext, report } from '../findings.js';
import { memberChain, type Node, propertyName, stringValue, unwrap } from '../parse.js';
import type { MigrateOptions } from '../types.js';
import type { ClientKind } from './clients.js';
import { mapModel, modelLiteral, nonChatModel } from './models.js';

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
        const model =
          moved && body && !family.noEquivalent
            ? nonChatModel(ctx, body, ancestors, scope.constants, scope.options)
            : undefined;
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
    const value = modelLiteral(modelProp.value as Node, ancestors, scope.constants);
    modelName = stringValue(value);
    if (!moved) {
      // Nothing was sent anywhere new: no word on deployment names.
    } else if (modelName !== undefined) mapModel(ctx, value, modelName, scope.options, ancestors);
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
