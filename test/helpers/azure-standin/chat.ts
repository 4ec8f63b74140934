/**
 * Chat completions answers: what to answer (text, a tool call, or an empty reply cut by the token budget) and the
 * JSON of a completion or of its stream chunks.
 *
 * Tools: when the request has `tools` (and tool_choice is not "none") and its last message is the user's, the answer
 * is an assistant message calling the first tool (or the one tool_choice names), finish_reason "tool_calls", with the
 * arguments of `StandinOptions.toolArguments` or sample values from the tool's schema (`sampleArguments`). When the
 * last message is a tool result, the answer is the text `Tool result: <that message's content>`.
 */
import { randomBytes } from 'node:crypto';
import { type Deployment, estimateTokens, isJsonObject, type JsonObject, unixNow } from './types.js';

export interface ToolCall {
  id: string;
  name: string;
  /** The JSON text of the arguments, as the API sends it. */
  arguments: string;
}

export interface TokenUse {
  completion: number;
  reasoning: number;
  /** The budget ran out before the answer: it is empty. */
  cut: boolean;
}

export interface ChatAnswer {
  /** The assistant's text; '' when cut; null for a tool call. */
  content: string | null;
  toolCall?: ToolCall;
  finishReason: 'stop' | 'length' | 'tool_calls';
  promptTokens: number;
  tokens: TokenUse;
}

export interface ChatSettings {
  reply: string;
  reasoningTokens: number;
  toolArguments: Record<string, unknown> | undefined;
}

/**
 * Tokens an answer costs. A reasoning model spends `reasoningTokens` before answering; when the budget does not cover
 * that plus the answer, all of it goes to reasoning and the answer is empty.
 */
export function spendTokens(
  deployment: Deployment,
  budget: number | undefined,
  answerTokens: number,
  reasoningTokens: number,
): TokenUse {
  if (deployment.kind === 'classic') {
    return { completion: answerTokens, reasoning: 0, cut: false };
  }
  const needed = reasoningTokens + answerTokens;
  if (budget !== undefined && budget < needed) {
    return { completion: budget, reasoning: budget, cut: true };
  }
  return { completion: needed, reasoning: reasoningTokens, cut: false };
}

function sampleValue(schema: unknown): unknown {
  if (!isJsonObject(schema)) {
    return null;
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[0];
  }
  switch (schema.type) {
    case 'string':
      return 'Seattle';
    case 'number':
    case 'integer':
      return 3;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** A sample value for every property of a tool's JSON schema (see the module comment). */
export function sampleArguments(parameters: unknown): Record<string, unknown> {
  const properties = isJsonObject(parameters) && isJsonObject(parameters.properties) ? parameters.properties : {};
  return Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, sampleValue(schema)]));
}

function messagesOf(body: JsonObject): JsonObject[] {
  return Array.isArray(body.messages) ? body.messages.filter(isJsonObject) : [];
}

/** The tool the model calls, or undefined when it answers with text. */
function chosenTool(body: JsonObject): JsonObject | undefined {
  const tools = Array.isArray(body.tools) ? body.tools.filter(isJsonObject) : [];
  const last = messagesOf(body).at(-1);
  if (tools.length === 0 || last?.role !== 'user' || body.tool_choice === 'none') {
    return undefined;
  }
  const choice = body.tool_choice;
  const named = isJsonObject(choice) && isJsonObject(choice.function) ? choice.function.name : undefined;
  const functionOf = (tool: JsonObject): JsonObject => (isJsonObject(tool.function) ? tool.function : {});
  return (named === undefined ? undefined : tools.find((tool) => functionOf(tool).name === named)) ?? tools[0];
}

export function promptText(body: JsonObject): string {
  return messagesOf(body)
    .map((message) => (typeof message.content === 'string' ? message.content : ''))
    .join('\n');
}

export function planChat(body: JsonObject, deployment: Deployment, settings: ChatSettings): ChatAnswer {
  const budget = [body.max_completion_tokens, body.max_tokens].find((value) => typeof value === 'number');
  const promptTokens = estimateTokens(promptText(body));
  const tool = chosenTool(body);
  if (tool !== undefined) {
    const fn = isJsonObject(tool.function) ? tool.function : {};
    const toolCall: ToolCall = {
      id: `call_${randomBytes(12).toString('base64url')}`,
      name: String(fn.name),
      arguments: JSON.stringify(settings.toolArguments ?? sampleArguments(fn.parameters)),
    };
    const tokens = spendTokens(deployment, budget, estimateTokens(toolCall.arguments) + 8, settings.reasoningTokens);
    return tokens.cut
      ? { content: '', finishReason: 'length', promptTokens, tokens }
      : { content: null, toolCall, finishReason: 'tool_calls', promptTokens, tokens };
  }
  const last = messagesOf(body).at(-1);
  const text = last?.role === 'tool' ? `Tool result: ${String(last.content)}` : settings.reply;
  const tokens = spendTokens(deployment, budget, estimateTokens(text), settings.reasoningTokens);
  return tokens.cut
    ? { content: '', finishReason: 'length', promptTokens, tokens }
    : { content: text, finishReason: 'stop', promptTokens, tokens };
}

function usage(answer: ChatAnswer): JsonObject {
  return {
    prompt_tokens: answer.promptTokens,
    completion_tokens: answer.tokens.completion,
    total_tokens: answer.promptTokens + answer.tokens.completion,
    prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
    completion_tokens_details: {
      accepted_prediction_tokens: 0,
      audio_tokens: 0,
      reasoning_tokens: answer.tokens.reasoning,
      rejected_prediction_tokens: 0,
    },
  };
}

function completionId(): string {
  return `chatcmpl-${randomBytes(15).toString('base64url')}`;
}

function toolCallJson(call: ToolCall): JsonObject {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

export function completion(answer: ChatAnswer, model: string): JsonObject {
  const message: JsonObject = { role: 'assistant', content: answer.content, refusal: null };
  if (answer.toolCall !== undefined) {
    message.tool_calls = [toolCallJson(answer.toolCall)];
  }
  return {
    id: completionId(),
    object: 'chat.completion',
    created: unixNow(),
    model,
    system_fingerprint: 'fp_standin',
    choices: [{ index: 0, message, finish_reason: answer.finishReason, logprobs: null }],
    usage: usage(answer),
  };
}

const SAFE = { filtered: false, severity: 'safe' };
const PROMPT_FILTER_RESULTS = [
  { prompt_index: 0, content_filter_results: { hate: SAFE, self_harm: SAFE, sexual: SAFE, violence: SAFE } },
];

/**
 * The SSE data of a streamed answer: Azure's empty prompt-filter chunk, then one chunk per word of the text (or one
 * chunk with the whole tool call), the finish chunk, a usage chunk when stream_options.include_usage, and [DONE].
 */
export function chatStreamEvents(answer: ChatAnswer, model: string, includeUsage: boolean): string[] {
  const id = completionId();
  const created = unixNow();
  const chunk = (delta: JsonObject, finishReason: string | null): string =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_standin',
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    });
  let deltas: JsonObject[];
  if (answer.toolCall !== undefined) {
    deltas = [{ role: 'assistant', content: null, tool_calls: [{ index: 0, ...toolCallJson(answer.toolCall) }] }];
  } else {
    const words = (answer.content ?? '').split(' ').filter((word) => word !== '');
    deltas = words.map((word, i) => ({ content: i < words.length - 1 ? `${word} ` : word }));
    deltas[0] = { role: 'assistant', ...(deltas[0] ?? { content: '' }) };
  }
  const usageChunk = includeUsage
    ? [JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usage(answer) })]
    : [];
  return [
    JSON.stringify({
      id: '',
      object: '',
      created: 0,
      model: '',
      choices: [],
      prompt_filter_results: PROMPT_FILTER_RESULTS,
    }),
    ...deltas.map((delta) => chunk(delta, null)),
    chunk({}, answer.finishReason),
    ...usageChunk,
    '[DONE]',
  ];
}
