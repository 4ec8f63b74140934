// Chat completions from your deployment: one reply, a streamed reply, and a reply that may call your functions.
import type OpenAI from "openai";
import { ReplyError } from "./config.ts";
import { callFunction, type LocalFunction } from "./functions.ts";

export type Message = OpenAI.Chat.ChatCompletionMessageParam;

/**
 * What every chat model takes (the model was not given): reasoning models (o-series, gpt-5) refuse max_tokens and
 * any temperature but the default. A classic model (gpt-4o, gpt-4.1) also takes the guide's temperature: 0.7 and
 * max_tokens: 100.
 */
export const parameters = { max_completion_tokens: 2000 };

/** The parameter that caps the reply's length. */
const BUDGET = "max_completion_tokens" as const;

/** The reply to `messages`. */
export async function complete(client: OpenAI, deployment: string, messages: Message[]): Promise<string> {
  const completion = await client.chat.completions.create({ model: deployment, messages, ...parameters });
  const choice = completion.choices[0];
  return replyText(choice?.message.content, choice?.finish_reason);
}

/** The reply to `messages`, piece by piece as the deployment writes it; `signal` stops the request. */
export async function* streamReply(client: OpenAI, deployment: string, messages: Message[], signal?: AbortSignal): AsyncGenerator<string> {
  const stream = await client.chat.completions.create({ model: deployment, messages, ...parameters, stream: true }, { signal });
  let written = false;
  let finishReason: string | null | undefined;
  for await (const chunk of stream) {
    // The first chunk may have no choices (Azure's content filter results).
    const choice = chunk.choices[0];
    const text = choice?.delta?.content ?? "";
    finishReason = choice?.finish_reason ?? finishReason;
    if (text === "") continue;
    written = true;
    yield text;
  }
  if (!written) replyText("", finishReason);
  else if (finishReason === "length") console.error(ReplyError.cutNote(BUDGET, parameters[BUDGET]));
}

/**
 * The reply to `messages` when the model may call `functions` first: each call is run here and its result sent back,
 * until the model answers with text. `onCall` sees each call (to print it, say).
 */
export async function completeWithTools(
  client: OpenAI,
  deployment: string,
  messages: Message[],
  functions: Record<string, LocalFunction>,
  onCall?: (name: string, args: string, result: string) => void,
): Promise<string> {
  const tools = Object.entries(functions).map(([name, { description, parameters: schema }]) => ({
    type: "function" as const,
    function: { name, description, parameters: schema },
  }));
  const history = [...messages];
  // A bound on the rounds: a model that keeps calling functions does not loop for ever.
  for (let round = 0; round < 5; round++) {
    const completion = await client.chat.completions.create({ model: deployment, messages: history, tools, ...parameters });
    const choice = completion.choices[0];
    const calls = choice?.message.tool_calls ?? [];
    if (!choice || calls.length === 0) return replyText(choice?.message.content, choice?.finish_reason);
    history.push(choice.message);
    // Every call gets an answer: the next request is refused while one has none.
    for (const call of calls) {
      if (call.type !== "function") {
        history.push({ role: "tool", tool_call_id: call.id, content: "Only function calls are answered here." });
        continue;
      }
      const result = await callFunction(functions, call.function.name, call.function.arguments);
      onCall?.(call.function.name, call.function.arguments, result);
      history.push({ role: "tool", tool_call_id: call.id, content: result });
    }
  }
  throw new ReplyError("The model was still calling functions after 5 rounds: it got no answer it could use. Check the functions' results.");
}

/**
 * The text of a reply; throws ReplyError when there is none because the budget ran out or the filter withheld it, and
 * says so on stderr when the budget cut it short.
 */
function replyText(content: string | null | undefined, finishReason: string | null | undefined): string {
  if (!content && finishReason === "length") throw ReplyError.budgetSpent(BUDGET);
  if (!content && finishReason === "content_filter") throw ReplyError.filtered();
  if (content && finishReason === "length") console.error(ReplyError.cutNote(BUDGET, parameters[BUDGET]));
  return content ?? "";
}
