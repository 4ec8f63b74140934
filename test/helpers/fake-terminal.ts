// A fake terminal for driving @clack/prompts in-process: an input that takes key presses and an output that records.
import { Readable, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

/** A key press as Node's readline (emitKeypressEvents) describes it. */
export interface Key {
  readonly sequence: string;
  readonly name: string | undefined;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly shift: boolean;
}

const special = (name: string, sequence: string, ctrl = false): Key => ({
  sequence,
  name,
  ctrl,
  meta: false,
  shift: false,
});

/** The keys the tests press, with the sequences a real terminal sends. */
export const keys = {
  enter: special('return', '\r'),
  escape: special('escape', '\x1b'),
  ctrlC: special('c', '\x03', true),
  up: special('up', '\x1b[A'),
  down: special('down', '\x1b[B'),
  right: special('right', '\x1b[C'),
  left: special('left', '\x1b[D'),
  backspace: special('backspace', '\x7f'),
} as const;

/** The key press for one printable character: letters and digits are named, as readline names them. */
export function charKey(ch: string): Key {
  return {
    sequence: ch,
    name: /^[0-9A-Za-z]$/.test(ch) ? ch.toLowerCase() : undefined,
    ctrl: false,
    meta: false,
    shift: /^[A-Z]$/.test(ch),
  };
}

/** The input end: a Readable that never yields data; keys arrive as 'keypress' events, as after emitKeypressEvents. */
export class MockReadable extends Readable {
  isTTY = false;
  override _read(): void {}

  press(...pressed: readonly (Key | string)[]): void {
    for (const key of pressed) {
      if (typeof key === 'string') {
        for (const ch of key) this.emit('keypress', ch, charKey(ch));
      } else {
        // As readline does: escape sequences (arrows, Esc) come without the string, other keys with it.
        this.emit('keypress', key.sequence.startsWith('\x1b') ? undefined : key.sequence, key);
      }
    }
  }
}

/** The output end: records every chunk written. */
export class MockWritable extends Writable {
  isTTY = false;
  columns = 80;
  rows = 40;
  readonly chunks: string[] = [];
  /** How far `waitFor` has read: each wait looks only at output written after the previous match. */
  private mark = 0;

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  /** Everything written so far, escape sequences and colours removed. */
  get text(): string {
    return stripVTControlCharacters(this.chunks.join(''));
  }

  /** Everything written so far, exactly as written. */
  get raw(): string {
    return this.chunks.join('');
  }

  /** Resolves once `needle` appears in the output after the previous match; rejects after `timeout` ms. */
  async waitFor(needle: string, timeout = 15_000): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.text.indexOf(needle, this.mark);
      if (found !== -1) {
        this.mark = found + needle.length;
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${JSON.stringify(needle)}; output after the last match:\n${this.text.slice(this.mark)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/** A fresh input/output pair, shaped as clackPrompter's Terminal. */
export function fakeTerminal(): { input: MockReadable; output: MockWritable } {
  return { input: new MockReadable(), output: new MockWritable() };
}
