// A one-line spinner for the install in a terminal: frame, label, elapsed time and the package manager's latest
// line. Unlike clack's spinner it leaves the terminal in cooked mode, so Ctrl-C stays a signal that reaches the
// package manager too, and this run can stop it, keep the project and exit 130.
import { styleText } from 'node:util';

const FRAMES = ['◒', '◐', '◓', '◑'];
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';
const CLEAR_LINE = '\r\u001b[2K';

export interface Spinner {
  start(label: string): void;
  /** The latest line of output, shown after the label. */
  message(text: string): void;
  stop(message: string, ok: boolean): void;
}

export function createSpinner(output: NodeJS.WriteStream): Spinner {
  let timer: NodeJS.Timeout | undefined;
  let label = '';
  let latest = '';
  let started = 0;
  let frame = 0;
  const restoreCursor = () => output.write(SHOW_CURSOR);
  const elapsed = () => `[${Math.floor((performance.now() - started) / 1000)}s]`;
  const draw = () => {
    const columns = output.columns ?? 80;
    const text = `${styleText('magenta', FRAMES[frame] ?? '')}  ${label} ${elapsed()}${latest ? `  ${styleText('dim', latest)}` : ''}`;
    // Cut to the terminal's width so the line never wraps (a wrapped line cannot be cleared with one \r).
    output.write(CLEAR_LINE + cutToWidth(text, columns - 1));
    frame = (frame + 1) % FRAMES.length;
  };
  return {
    start(text) {
      label = text;
      latest = '';
      started = performance.now();
      // A guide line first, as clack's own steps have.
      output.write(`${styleText('gray', '│')}\n${HIDE_CURSOR}`);
      process.once('exit', restoreCursor);
      draw();
      timer = setInterval(draw, 120);
    },
    message(text) {
      latest = text.trim();
    },
    stop(message, ok) {
      clearInterval(timer);
      const symbol = ok ? styleText('green', '◇') : styleText('red', '▲');
      output.write(`${CLEAR_LINE}${symbol}  ${message} ${elapsed()}\n${SHOW_CURSOR}`);
      process.removeListener('exit', restoreCursor);
    },
  };
}

/** Cuts styled text to a number of visible columns, keeping escape sequences whole. */
function cutToWidth(text: string, columns: number): string {
  let visible = 0;
  let out = '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
  for (const part of text.split(/(\u001b\[[0-9;]*m)/)) {
    if (part.startsWith('\u001b[')) {
      out += part;
      continue;
    }
    for (const char of part) {
      if (visible >= columns) return `${out}\u001b[0m`;
      out += char;
      visible++;
    }
  }
  return out;
}
