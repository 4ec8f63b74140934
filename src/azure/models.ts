// What a model behind a deployment accepts: reasoning models (o-series, gpt-5 family) refuse max_tokens and any
// temperature but the default; classic chat models (gpt-4o, gpt-4.1, gpt-35-turbo) take the guide's parameters.

/** classic: the guide's parameters; reasoning: max_completion_tokens, no temperature; unknown: what both accept. */
export type ModelKind = 'classic' | 'reasoning' | 'unknown';

/** The budget for reasoning models, and for models not known: reasoning tokens count against it before the reply. */
export const COMPLETION_TOKEN_BUDGET = 2000;

/**
 * The first api-version of the Azure OpenAI data plane that takes max_completion_tokens (reasoning models); the
 * newest generally available one is the default for projects that send it.
 */
export const FIRST_REASONING_API_VERSION = '2024-09-01-preview';
export const REASONING_API_VERSION = '2024-10-21';

/** The kind of a model name as Azure lists it (gpt-4.1, gpt-5-mini, o4-mini); case and a date suffix do not matter. */
export function modelKind(model: string | undefined): ModelKind {
  if (model === undefined || model === '') return 'unknown';
  const name = model.toLowerCase();
  // gpt-5-chat and its kin are the gpt-5 family's non-reasoning chat models: their parameters differ from both.
  if (/-chat(?:-|$)/.test(name) && name.startsWith('gpt-5')) return 'unknown';
  if (/^o\d/.test(name) || /^gpt-5/.test(name) || /^codex-/.test(name) || /^gpt-oss/.test(name)) return 'reasoning';
  if (/^gpt-(?:35|3\.5|4)/.test(name)) return 'classic';
  return 'unknown';
}

/** Whether an api-version (YYYY-MM-DD, maybe -preview) knows max_completion_tokens. */
export function apiVersionTakesCompletionTokens(apiVersion: string): boolean {
  return apiVersion.slice(0, 10) >= FIRST_REASONING_API_VERSION.slice(0, 10);
}

/** Chat model names Azure lists (without their version dates), for --model's check. */
export const KNOWN_MODELS = [
  'gpt-35-turbo',
  'gpt-4',
  'gpt-4-32k',
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'o1',
  'o1-mini',
  'o3',
  'o3-mini',
  'o3-pro',
  'o4-mini',
  'codex-mini',
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'gpt-5-chat',
  'gpt-5-codex',
  'gpt-5-pro',
  'gpt-5.1',
  'gpt-5.1-chat',
  'gpt-5.1-codex',
  'gpt-oss-120b',
  'gpt-oss-20b',
] as const;

/** A model name without case and without a version date suffix (gpt-4o-2024-08-06 -> gpt-4o). */
function bare(model: string): string {
  return model.toLowerCase().replace(/-\d{4}-\d{2}-\d{2}$/, '');
}

/**
 * A warning for a --model this tool does not know, naming the nearest known name (a misspelling such as gpt5-mini);
 * undefined for a known name.
 */
export function modelWarning(model: string | undefined): string | undefined {
  if (model === undefined || model === '') return undefined;
  const name = bare(model);
  if ((KNOWN_MODELS as readonly string[]).includes(name)) return undefined;
  const nearest = [...KNOWN_MODELS].sort((a, b) => distance(name, a) - distance(name, b))[0] ?? '';
  const kind = modelKind(model);
  const sent =
    kind === 'unknown'
      ? 'so the project sends what every chat model takes (max_completion_tokens, no temperature)'
      : `and takes it for a ${kind} model by its name`;
  return `--model ${model} is not a model this tool knows (did you mean ${nearest}?), ${sent}. Check the model of the deployment in the Microsoft Foundry portal, and generate again with --model <model> if it is wrong.`;
}

/** Levenshtein distance: the edits that turn `a` into `b`. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    row = next;
  }
  return row[b.length] ?? 0;
}
