// Human output: plain lines, coloured only on a terminal (NO_COLOR and FORCE_COLOR honoured). With --json it all
// goes to stderr so stdout carries only the result object.
import { styleText } from 'node:util';
import { redactUrls } from '../shared/redact.js';
import { visible } from '../shared/text.js';
import type { Output } from './output.js';

/**
 * Every line this tool prints, and every prompt's message, hint and choice, passes here: credentials in URLs are
 * redacted and control characters shown as escapes. Our own colours are added after, so they stay.
 */
export function printable(text: string): string {
  return visible(redactUrls(text));
}

export interface Ui {
  /** A line of ordinary output. */
  info(text: string): void;
  /** A step in progress. */
  step(text: string): void;
  success(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  /** A plain line on stderr that goes with an error: what to run next. */
  hint(text: string): void;
}

type Paint = (format: 'cyan' | 'green' | 'yellow' | 'red', text: string) => string;

/** Colours for one output, or none. */
const painter =
  (enabled: boolean): Paint =>
  (format, text) =>
    enabled ? styleText(format, text, { validateStream: false }) : text;

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function createUi(options: { json: boolean; stdout: Output; stderr: Output; env: NodeJS.ProcessEnv }): Ui {
  const out = options.json ? options.stderr : options.stdout;
  const c = painter(colorEnabled(out, options.env));
  const e = painter(colorEnabled(options.stderr, options.env));
  const write = (output: Output, text: string) => output.write(`${text}\n`);
  return {
    info: (text) => write(out, printable(text)),
    step: (text) => write(out, `${c('cyan', '◇')} ${printable(text)}`),
    success: (text) => write(out, `${c('green', '✔')} ${printable(text)}`),
    warn: (text) => write(options.stderr, `${e('yellow', '▲')} ${e('yellow', printable(text))}`),
    error: (text) => write(options.stderr, `${e('red', '✖')} ${e('red', printable(text))}`),
    hint: (text) => write(options.stderr, printable(text)),
  };
}
