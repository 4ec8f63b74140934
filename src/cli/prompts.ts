// The terminal conversation: a Prompter and a Ui drawn with @clack/prompts. Loaded only for interactive runs.
import type { Readable, Writable } from 'node:stream';
import { CancelError } from '../shared/errors.js';
import { show } from '../shared/validate.js';
import type { Prompter, Question } from '../types.js';
import type * as Clack from '../vendor/clack.js';
import { createSpinner } from './progress.js';
import type { Ui } from './ui.js';

export interface Terminal {
  readonly input?: Readable;
  readonly output?: Writable;
}

/** clack, loaded when a conversation starts (the bundle keeps it out of non-interactive runs). */
export function loadClack(): Promise<typeof Clack> {
  return import('../vendor/clack.js');
}

export function clackPrompter(clack: typeof Clack, terminal: Terminal = {}): Prompter {
  const { confirm, isCancel, log, password, select, text } = clack;
  function answered<T>(value: T | symbol): Exclude<T, symbol> {
    if (isCancel(value)) throw new CancelError();
    return value as Exclude<T, symbol>;
  }
  return {
    async ask(question: Question) {
      if (question.error !== undefined) {
        log.warn(`${question.flag ?? question.field} ${show(question.initial ?? '')}: ${question.error}`, terminal);
      }
      if (question.choices) {
        const initial = question.choices.some((choice) => choice.value === question.initial)
          ? question.initial
          : undefined;
        return answered(
          await select({
            message: question.message,
            options: question.choices.map((choice) => ({ ...choice })),
            ...(initial === undefined ? {} : { initialValue: initial }),
            ...terminal,
          }),
        );
      }
      // A default is offered as the placeholder and taken on Enter; an invalid flag value comes back for editing.
      const fallback = question.error === undefined ? question.initial : undefined;
      return answered(
        await text({
          message: question.message,
          ...(fallback === undefined ? {} : { placeholder: fallback, defaultValue: fallback }),
          // Line breaks would act as Enter while the value is typed in for editing.
          ...(question.error === undefined || question.initial === undefined
            ? {}
            : { initialValue: question.initial.replace(/[\r\n]+/g, ' ') }),
          validate: (value) => question.validate(value === undefined || value === '' ? (fallback ?? '') : value),
          ...terminal,
        }),
      );
    },
    async confirm(question) {
      return answered(await confirm({ message: question.message, initialValue: question.initial, ...terminal }));
    },
    async progress(message, work) {
      const spin = createSpinner((terminal.output as NodeJS.WriteStream | undefined) ?? process.stdout);
      spin.start(message);
      try {
        const result = await work();
        spin.stop(message, true);
        return result;
      } catch (error) {
        spin.stop(message, false);
        throw error;
      }
    },
    note(message) {
      log.info(message, terminal);
    },
    async secret(question) {
      return answered(
        await password({ message: question.message, validate: (value) => question.validate(value ?? ''), ...terminal }),
      );
    },
  };
}

/** The Ui for a terminal: clack's guide lines, and a spinner with the latest install line and the elapsed time. */
export function clackUi(
  clack: typeof Clack,
  terminal: Terminal = {},
): Ui & {
  intro(title: string): void;
  outro(message: string): void;
  installProgress: { start(command: string): void; line(text: string): void; stop(ok: boolean): void };
} {
  const { intro, log, outro } = clack;
  const spin = createSpinner((terminal.output as NodeJS.WriteStream | undefined) ?? process.stdout);
  let label = '';
  const tail: string[] = [];
  return {
    info: (message) => log.message(message, terminal),
    step: (message) => log.step(message, terminal),
    success: (message) => log.success(message, terminal),
    warn: (message) => log.warn(message, terminal),
    error: (message) => log.error(message, terminal),
    hint: (message) => log.message(message, terminal),
    intro: (title) => intro(title, terminal),
    outro: (message) => outro(message, terminal),
    installProgress: {
      start(command) {
        label = `Installing dependencies with ${command}`;
        tail.length = 0;
        spin.start(label);
      },
      line(line) {
        tail.push(line);
        if (tail.length > 15) tail.shift();
        spin.message(line);
      },
      stop(ok) {
        spin.stop(ok ? 'Installed dependencies' : 'Installing dependencies failed', ok);
        if (!ok && tail.length > 0) log.message(tail.join('\n'), terminal);
      },
    },
  };
}
