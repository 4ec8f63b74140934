/**
 * The Responses API (POST /openai/v1/responses): a response object, and its SSE events when `stream: true`, with the
 * shapes of openai 7.59.0's types (Response, ResponseStreamEvent). A streamed response sends, each as
 * `event: <type>` + `data: <json>`: response.created, response.in_progress, (reasoning models: output_item.added and
 * .done for the reasoning item), response.output_item.added, response.content_part.added, one
 * response.output_text.delta per word, response.output_text.done, response.content_part.done,
 * response.output_item.done, response.completed. No [DONE] follows (the Responses API sends none).
 * A reasoning model whose max_output_tokens does not cover its reasoning answers status "incomplete",
 * incomplete_details {reason: "max_output_tokens"}, only the reasoning item in `output`, and ends the stream with
 * response.incomplete instead of response.completed.
 */
import { randomBytes } from 'node:crypto';
import { spendTokens, type TokenUse } from './chat.js';
import { type Deployment, estimateTokens, isJsonObject, type JsonObject, unixNow } from './types.js';

function itemId(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}

function inputText(body: JsonObject): string {
  const { input, instructions } = body;
  const parts = typeof instructions === 'string' ? [instructions] : [];
  if (typeof input === 'string') {
    parts.push(input);
  } else if (Array.isArray(input)) {
    for (const item of input.filter(isJsonObject)) {
      const content = item.content;
      if (typeof content === 'string') {
        parts.push(content);
      } else if (Array.isArray(content)) {
        parts.push(...content.filter(isJsonObject).map((part) => String(part.text)));
      }
    }
  }
  return parts.join('\n');
}

export interface ResponsesPlan {
  id: string;
  createdAt: number;
  body: JsonObject;
  deployment: Deployment;
  text: string;
  inputTokens: number;
  tokens: TokenUse;
  reasoningId: string | undefined;
  messageId: string;
}

export function planResponse(
  body: JsonObject,
  deployment: Deployment,
  reply: string,
  reasoningTokens: number,
): ResponsesPlan {
  const budget = typeof body.max_output_tokens === 'number' ? body.max_output_tokens : undefined;
  const tokens = spendTokens(deployment, budget, estimateTokens(reply), reasoningTokens);
  return {
    id: itemId('resp'),
    createdAt: unixNow(),
    body,
    deployment,
    text: tokens.cut ? '' : reply,
    inputTokens: estimateTokens(inputText(body)),
    tokens,
    reasoningId: deployment.kind === 'reasoning' ? itemId('rs') : undefined,
    messageId: itemId('msg'),
  };
}

function reasoningItem(plan: ResponsesPlan): JsonObject | undefined {
  return plan.reasoningId === undefined ? undefined : { id: plan.reasoningId, type: 'reasoning', summary: [] };
}

function textPart(text: string): JsonObject {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

function messageItem(plan: ResponsesPlan, status: 'in_progress' | 'completed'): JsonObject {
  return {
    id: plan.messageId,
    type: 'message',
    status,
    role: 'assistant',
    content: status === 'completed' ? [textPart(plan.text)] : [],
  };
}

type Stage = 'in_progress' | 'done';

/** The response object; `in_progress` is its state in the first stream events (no output, no usage yet). */
export function responseObject(plan: ResponsesPlan, stage: Stage): JsonObject {
  const { body, tokens } = plan;
  const reasoning = reasoningItem(plan);
  const output = [
    ...(reasoning === undefined ? [] : [reasoning]),
    ...(tokens.cut ? [] : [messageItem(plan, 'completed')]),
  ];
  const done = stage === 'done';
  const status = done ? (tokens.cut ? 'incomplete' : 'completed') : 'in_progress';
  return {
    id: plan.id,
    object: 'response',
    created_at: plan.createdAt,
    status,
    background: false,
    completed_at: done && !tokens.cut ? unixNow() : null,
    error: null,
    incomplete_details: done && tokens.cut ? { reason: 'max_output_tokens' } : null,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    model: plan.deployment.model,
    output: done ? output : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: {
      effort: plan.deployment.kind === 'reasoning' ? 'medium' : null,
      summary: null,
    },
    store: true,
    temperature: typeof body.temperature === 'number' ? body.temperature : 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage: done
      ? {
          input_tokens: plan.inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: tokens.completion,
          output_tokens_details: { reasoning_tokens: tokens.reasoning },
          total_tokens: plan.inputTokens + tokens.completion,
        }
      : null,
    user: null,
    metadata: {},
  };
}

/** The stream's events, in order, as {type, data} with data's sequence_number filled in. */
export function responseStreamEvents(plan: ResponsesPlan): Array<{ type: string; data: JsonObject }> {
  const events: JsonObject[] = [
    { type: 'response.created', response: responseObject(plan, 'in_progress') },
    { type: 'response.in_progress', response: responseObject(plan, 'in_progress') },
  ];
  const reasoning = reasoningItem(plan);
  if (reasoning !== undefined) {
    events.push(
      { type: 'response.output_item.added', output_index: 0, item: reasoning },
      { type: 'response.output_item.done', output_index: 0, item: reasoning },
    );
  }
  if (!plan.tokens.cut) {
    const outputIndex = reasoning === undefined ? 0 : 1;
    const at = { item_id: plan.messageId, output_index: outputIndex, content_index: 0 };
    const words = plan.text.split(' ');
    events.push(
      { type: 'response.output_item.added', output_index: outputIndex, item: messageItem(plan, 'in_progress') },
      { type: 'response.content_part.added', ...at, part: textPart('') },
      ...words.map((word, i) => ({
        type: 'response.output_text.delta',
        ...at,
        delta: i < words.length - 1 ? `${word} ` : word,
        logprobs: [],
      })),
      { type: 'response.output_text.done', ...at, text: plan.text, logprobs: [] },
      { type: 'response.content_part.done', ...at, part: textPart(plan.text) },
      { type: 'response.output_item.done', output_index: outputIndex, item: messageItem(plan, 'completed') },
    );
  }
  events.push({
    type: plan.tokens.cut ? 'response.incomplete' : 'response.completed',
    response: responseObject(plan, 'done'),
  });
  return events.map((event, sequence) => ({
    type: String(event.type),
    data: { ...event, sequence_number: sequence },
  }));
}
