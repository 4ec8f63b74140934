// Quoting for each file type a value can land in. Each returns a literal that reads back as exactly the value,
// or throws when the file type cannot hold it. Values reach templates only through these.

/** A bash single-quoted word: nothing inside is special; a ' is written as '\''. */
export function bashQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a bash string cannot hold a NUL character');
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A PowerShell single-quoted string. PowerShell ends such a string at ' and at the typographic quotes
 * U+2018-U+201B too; doubling each one keeps it literal.
 */
export function powershellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a PowerShell string cannot hold a NUL character');
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/** A TypeScript string literal. JSON escapes quotes, controls and lone surrogates; U+2028/9 are escaped for old parsers. */
export function tsQuote(value: string): string {
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** A dotenv value in single quotes: no escapes exist there, so ', newlines and NUL are refused. */
export function dotenvQuote(value: string): string {
  if (/['\r\n\0]/.test(value)) throw new Error('a .env value cannot hold quotes, line breaks or NUL characters');
  return `'${value}'`;
}

/** Markdown inline code: a backtick fence longer than any run of backticks inside. */
export function markdownCode(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('inline Markdown code cannot hold line breaks');
  // No code span is empty in CommonMark (`` is literal backticks): nothing reads back as nothing.
  if (value === '') return '';
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // A backtick at an edge would join the fence; and CommonMark strips one space from each side when the content
  // starts and ends with a space and is not all spaces. A pad on both sides covers both.
  const edgeBacktick = value.startsWith('`') || value.endsWith('`');
  const stripped = value.startsWith(' ') && value.endsWith(' ') && !/^ +$/.test(value);
  const pad = edgeBacktick || stripped ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}
