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
