// Text from outside (template.json, flag values, URLs, az output, error messages) on its way to a terminal: control
// characters are shown as escapes instead of being sent, so a value cannot set the clipboard (OSC 52), rename the
// window (OSC 2), move the cursor or reorder what is shown (bidi overrides). Line breaks and tabs stay.

// C0 but tab and line feed, DEL, C1, the bidi embeddings, overrides and isolates, and the line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNSAFE_TEST = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** Whether text holds a character a terminal would act on rather than show. */
export function hasControlCharacters(text: string): boolean {
  return UNSAFE_TEST.test(text);
}

/** One unsafe character as it is shown: \x1b for ESC, \u202e for RIGHT-TO-LEFT OVERRIDE. */
export function escapeCharacter(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text safe to write to a terminal: every control character shown as an escape, line breaks and tabs kept. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}

/** JSON.stringify whose output is safe on a terminal too: C1 controls and bidi characters as \u escapes. */
export function safeJson(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return JSON.stringify(value, replacer as (key: string, value: unknown) => unknown, 2).replace(
    UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
