/**
 * Checks of a request body against what a correct client sends. Each returns sentences for `problems`; an empty list
 * means the request is well formed. Model-kind rules (a reasoning model refusing max_tokens) are not checked here:
 * they are Azure answers, decided in server.ts.
 */
import { isJsonObject, isPositiveInteger, type JsonObject } from './types.js';

const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'developer', 'tool']);
const REASONING_EFFORTS = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function checkTemperature(temperature: unknown): string[] {
  if (temperature === undefined) {
    return [];
  }
  return typeof temperature === 'number' && Number.isFinite(temperature) && temperature >= 0 && temperature <= 2
    ? []
    : [`temperature is ${JSON.stringify(temperature)}, expected a number from 0 to 2`];
}

function checkOptionalBoolean(body: JsonObject, field: string): string[] {
  const value = body[field];
  return value === undefined || typeof value === 'boolean'
    ? []
    : [`${field} is ${JSON.stringify(value)}, expected a boolean`];
}

function checkOptionalPositiveInteger(body: JsonObject, field: string): string[] {
  const value = body[field];
  return value === undefined || isPositiveInteger(value)
    ? []
    : [`${field} is ${JSON.stringify(value)}, expected a positive integer`];
}

function checkToolCall(call: unknown, where: string): string[] {
  if (!isJsonObject(call) || !isJsonObject(call.function)) {
    return [`${where} is not a {type: "function", id, function: {name, arguments}} object`];
  }
  const problems: string[] = [];
  if (typeof call.id !== 'string' || call.id === '') {
    problems.push(`${where}.id is missing`);
  }
  if (call.type !== 'function') {
    problems.push(`${where}.type is ${JSON.stringify(call.type)}, expected "function"`);
  }
  if (typeof call.function.name !== 'string') {
    problems.push(`${where}.function.name is not a string`);
  }
  if (typeof call.function.arguments !== 'string') {
    problems.push(`${where}.function.arguments is not a string (the JSON text of the arguments)`);
  }
  return problems;
}

function checkMessage(message: unknown, index: number): string[] {
  const where = `messages[${index}]`;
  if (!isJsonObject(message)) {
    return [`${where} is not an object`];
  }
  const problems: string[] = [];
  if (typeof message.role !== 'string' || !KNOWN_ROLES.has(message.role)) {
    problems.push(`${where}.role is ${JSON.stringify(message.role)}, not a chat role`);
  }
  const toolCalls = message.tool_calls;
  if (toolCalls !== undefined) {
    if (message.role !== 'assistant' || !Array.isArray(toolCalls) || toolCalls.length === 0) {
      problems.push(`${where}.tool_calls is only a non-empty array on an assistant message`);
    } else {
      problems.push(...toolCalls.flatMap((call: unknown, i) => checkToolCall(call, `${where}.tool_calls[${i}]`)));
    }
  }
  const contentMayBeEmpty = message.role === 'assistant' && toolCalls !== undefined;
  const contentOk = typeof message.content === 'string' || (contentMayBeEmpty && (message.content ?? null) === null);
  if (!contentOk) {
    problems.push(`${where}.content is not a string`);
  }
  if (message.role === 'tool' && (typeof message.tool_call_id !== 'string' || message.tool_call_id === '')) {
    problems.push(`${where} (role "tool") has no tool_call_id`);
  }
  return problems;
}

/** Tool messages answer, one each and right after it, every call of the assistant message before them. */
function checkToolSequence(messages: readonly unknown[]): string[] {
  const problems: string[] = [];
  let open: string[] = []; // ids of tool calls not answered yet
  messages.forEach((message, index) => {
    if (!isJsonObject(message)) {
      return;
    }
    if (message.role === 'tool') {
      const id = message.tool_call_id;
      if (typeof id === 'string' && !open.includes(id)) {
        problems.push(
          `messages[${index}] answers tool call ${JSON.stringify(id)}, which no assistant message just made`,
        );
      }
      open = open.filter((openId) => openId !== id);
      return;
    }
    if (open.length > 0) {
      problems.push(`messages[${index}] comes before the tool results for ${JSON.stringify(open)}`);
    }
    const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
    open = calls.flatMap((call: unknown) => (isJsonObject(call) && typeof call.id === 'string' ? [call.id] : []));
  });
  if (open.length > 0) {
    problems.push(`the messages end without the tool results for ${JSON.stringify(open)}`);
  }
  return problems;
}

function checkMessages(messages: unknown): string[] {
  if (!Array.isArray(messages)) {
    return ['messages is missing or not an array'];
  }
  const problems = [...messages.flatMap(checkMessage), ...checkToolSequence(messages)];
  const roles = messages.map((message: unknown) => (isJsonObject(message) ? message.role : undefined));
  if (roles[0] !== 'system' || roles[1] !== 'user') {
    problems.push(`messages' roles are ${JSON.stringify(roles)}, expected "system" then "user"`);
  }
  return problems;
}

function checkTool(tool: unknown, index: number): string[] {
  const where = `tools[${index}]`;
  if (!isJsonObject(tool) || tool.type !== 'function' || !isJsonObject(tool.function)) {
    return [`${where} is not a {type: "function", function: {...}} object`];
  }
  const { name, description, parameters, strict } = tool.function;
  const problems: string[] = [];
  if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
    problems.push(`${where}.function.name is ${JSON.stringify(name)}, expected 1 to 64 of a-z, A-Z, 0-9, _ and -`);
  }
  if (description !== undefined && typeof description !== 'string') {
    problems.push(`${where}.function.description is not a string`);
  }
  if (parameters !== undefined && (!isJsonObject(parameters) || parameters.type !== 'object')) {
    problems.push(`${where}.function.parameters is not a JSON schema of type "object"`);
  }
  if (strict !== undefined && typeof strict !== 'boolean') {
    problems.push(`${where}.function.strict is not a boolean`);
  }
  return problems;
}

function checkTools(body: JsonObject): string[] {
  const { tools, tool_choice: toolChoice } = body;
  const problems: string[] = [];
  if (tools !== undefined) {
    if (!Array.isArray(tools) || tools.length === 0) {
      problems.push('tools is not a non-empty array');
    } else {
      problems.push(...tools.flatMap(checkTool));
    }
  }
  if (toolChoice !== undefined) {
    const named =
      isJsonObject(toolChoice) &&
      toolChoice.type === 'function' &&
      isJsonObject(toolChoice.function) &&
      typeof toolChoice.function.name === 'string';
    if (!named && !(typeof toolChoice === 'string' && ['auto', 'none', 'required'].includes(toolChoice))) {
      problems.push(`tool_choice is ${JSON.stringify(toolChoice)}, expected auto, none, required or a named function`);
    }
    if (tools === undefined) {
      problems.push('tool_choice is set without tools');
    }
  }
  return problems;
}

function checkTokenBudget(body: JsonObject): string[] {
  const problems = [
    ...checkOptionalPositiveInteger(body, 'max_tokens'),
    ...checkOptionalPositiveInteger(body, 'max_completion_tokens'),
  ];
  if (body.max_tokens === undefined && body.max_completion_tokens === undefined) {
    problems.push('neither max_tokens nor max_completion_tokens is set, expected a token budget');
  }
  if (body.max_tokens !== undefined && body.max_completion_tokens !== undefined) {
    problems.push('both max_tokens and max_completion_tokens are set, expected one');
  }
  return problems;
}

function checkStreamOptions(body: JsonObject): string[] {
  const options = body.stream_options;
  if (options === undefined) {
    return [];
  }
  if (body.stream !== true) {
    return ['stream_options is set without stream: true'];
  }
  return isJsonObject(options) && (options.include_usage === undefined || typeof options.include_usage === 'boolean')
    ? []
    : [`stream_options is ${JSON.stringify(options)}, expected {include_usage: boolean}`];
}

function checkReasoningEffort(effort: unknown): string[] {
  return effort === undefined || (typeof effort === 'string' && REASONING_EFFORTS.has(effort))
    ? []
    : [`reasoning_effort is ${JSON.stringify(effort)}, expected one of ${[...REASONING_EFFORTS].join(', ')}`];
}

/** A chat completions body, either flavour (`model` is required on the v1 route only). */
export function checkChatBody(body: unknown, needsModel: boolean): string[] {
  if (!isJsonObject(body)) {
    return ['the body is not a JSON object'];
  }
  const problems = [
    ...checkMessages(body.messages),
    ...checkTemperature(body.temperature),
    ...checkTokenBudget(body),
    ...checkOptionalBoolean(body, 'stream'),
    ...checkStreamOptions(body),
    ...checkReasoningEffort(body.reasoning_effort),
    ...checkTools(body),
  ];
  if (needsModel && (typeof body.model !== 'string' || body.model === '')) {
    problems.push('model (the deployment name) is missing from the body');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The Responses API (POST /openai/v1/responses)

/** The fields of ResponseCreateParams in openai 7.59.0 (resources/responses/responses.d.ts). */
const RESPONSES_FIELDS = new Set([
  'access_programs',
  'background',
  'background_options',
  'context_management',
  'conversation',
  'image',
  'include',
  'input',
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'metadata',
  'model',
  'moderation',
  'parallel_tool_calls',
  'previous_response_id',
  'prompt',
  'prompt_cache_key',
  'prompt_cache_options',
  'prompt_cache_retention',
  'reasoning',
  'safety_identifier',
  'service_tier',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'truncation',
  'user',
]);
const INPUT_ROLES = new Set(['user', 'system', 'developer', 'assistant']);

function checkInputItem(item: unknown, index: number): string[] {
  const where = `input[${index}]`;
  if (!isJsonObject(item) || typeof item.role !== 'string' || !INPUT_ROLES.has(item.role)) {
    return [`${where} is not a message with a role of user, system, developer or assistant`];
  }
  if (item.type !== undefined && item.type !== 'message') {
    return [`${where}.type is ${JSON.stringify(item.type)}, expected "message"`];
  }
  const { content } = item;
  const partOk = (part: unknown): boolean =>
    isJsonObject(part) && ['input_text', 'output_text'].includes(String(part.type)) && typeof part.text === 'string';
  if (typeof content === 'string' || (Array.isArray(content) && content.length > 0 && content.every(partOk))) {
    return [];
  }
  return [`${where}.content is neither a string nor an array of {type: "input_text", text} parts`];
}

function checkInput(input: unknown): string[] {
  if (typeof input === 'string') {
    return input === '' ? ['input is an empty string'] : [];
  }
  if (Array.isArray(input) && input.length > 0) {
    return input.flatMap(checkInputItem);
  }
  return ['input is missing, expected a string or a non-empty array of messages'];
}

/** A Responses API body. */
export function checkResponsesBody(body: unknown): string[] {
  if (!isJsonObject(body)) {
    return ['the body is not a JSON object'];
  }
  const problems = Object.keys(body)
    .filter((field) => !RESPONSES_FIELDS.has(field))
    .map((field) => `${field} is not a Responses API parameter`);
  if (typeof body.model !== 'string' || body.model === '') {
    problems.push('model (the deployment name) is missing from the body');
  }
  problems.push(...checkInput(body.input));
  if (body.instructions !== undefined && typeof body.instructions !== 'string') {
    problems.push('instructions is not a string');
  }
  const maxOutput = body.max_output_tokens;
  if (maxOutput !== undefined && (!isPositiveInteger(maxOutput) || maxOutput < 16)) {
    problems.push(`max_output_tokens is ${JSON.stringify(maxOutput)}, expected an integer of at least 16`);
  }
  problems.push(...checkTemperature(body.temperature), ...checkOptionalBoolean(body, 'stream'));
  const { reasoning } = body;
  if (reasoning !== undefined && !(isJsonObject(reasoning) && checkReasoningEffort(reasoning.effort).length === 0)) {
    problems.push(`reasoning is ${JSON.stringify(reasoning)}, expected {effort: low | medium | high | ...}`);
  }
  return problems;
}
