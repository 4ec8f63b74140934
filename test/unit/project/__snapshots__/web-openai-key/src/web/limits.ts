// What the chat endpoint accepts: a bounded conversation of user and assistant turns, checked before anything is
// sent to Azure. The page keeps to the same bounds (public/app.js sends the last `turns` turns).

/** One turn of the conversation, as the page sends it. */
export interface ChatTurn {
  readonly role: "user" | "assistant";
  readonly content: string;
}

export interface Limits {
  /** The request body, in bytes. */
  readonly bodyBytes: number;
  /** Turns of the conversation in one request: the page sends its last ones. */
  readonly turns: number;
  /** Characters in one turn. */
  readonly turnChars: number;
  /** Replies streaming at once, from every browser together. */
  readonly streams: number;
}

export const limits: Limits = { bodyBytes: 64 * 1024, turns: 20, turnChars: 4000, streams: 4 };

/** The conversation in a request's body, or what is wrong with it, in words. */
export function checkChat(body: string, bounds: Limits): ChatTurn[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "The request is not JSON.";
  }
  const turns = (parsed as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(turns) || turns.length === 0) return "Send { messages: [{ role, content }, ...] }.";
  if (turns.length > bounds.turns) return `Send at most ${bounds.turns} turns of the conversation.`;
  const conversation: ChatTurn[] = [];
  for (const turn of turns as unknown[]) {
    const { role, content } = (turn ?? {}) as { role?: unknown; content?: unknown };
    if (role !== "user" && role !== "assistant") return 'Each turn\'s role is "user" or "assistant".';
    if (typeof content !== "string" || content.trim() === "") return "Each turn's content is some text.";
    if (content.length > bounds.turnChars) return `A turn may hold at most ${bounds.turnChars} characters.`;
    conversation.push({ role, content });
  }
  if (conversation.at(-1)?.role !== "user") return "The last turn is the user's question.";
  return conversation;
}
