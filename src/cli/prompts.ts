// The terminal conversation: a Prompter and a Ui drawn with @clack/prompts. Loaded only for interactive runs.
import { homedir } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { CancelError } from '../shared/errors.js';
import { show } from '../shared/validate.js';
import type { Prompter, Question } from '../types.js';
import type * as Clack from '../vendor/clack.js';
import { createSpinner } from './progress.js';
import { printable, type Ui } from './ui.js';

export interface Terminal {
  readonly input?: Readable;
  readonly output?: Writable;
}

/** clack, loaded when a conversation starts (the bundle keeps it out of non-interactive runs). */
export function loadClack(): Promise<typeof Clack> {
  return import('../vendor/clack.js');
}

function answered<T>(clack: typeof Clack, value: T | symbol): Exclude<T, symbol> {
  if (clack.isCancel(value)) throw new CancelError();
  return value as Exclude<T, symbol>;
}

/** A validator whose message is printable: a template's pattern may hold anything. */
function shown(validate: (value: string) => string | undefined) {
  return (value: string): string | undefined => {
    const broken = validate(value);
    return broken === undefined ? undefined : printable(broken);
  };
}

export function clackPrompter(clack: typeof Clack, terminal: Terminal = {}): Prompter {
  const { confirm, log, password } = clack;
  return {
    async ask(question: Question) {
      if (question.error !== undefined) {
        log.warn(
          printable(`${question.flag ?? question.field} ${show(question.initial ?? '')}: ${question.error}`),
          terminal,
        );
      }
      return question.choices
        ? askChoice(clack, terminal, question, question.choices)
        : askText(clack, terminal, question);
    },
    async confirm(question) {
      return answered(
        clack,
        await confirm({ message: printable(question.message), initialValue: question.initial, ...terminal }),
      );
    },
    async progress(message, work) {
      const spin = createSpinner((terminal.output as NodeJS.WriteStream | undefined) ?? process.stdout);
      spin.start(printable(message));
      try {
        const result = await work();
        spin.stop(printable(message), true);
        return result;
      } catch (error) {
        spin.stop(printable(message), false);
        throw error;
      }
    },
    note(message) {
      log.info(printable(message), terminal);
    },
    async secret(question) {
      return answered(
        clack,
        await password({
          message: printable(question.message),
          validate: (value) => shown(question.validate)(value ?? ''),
          ...terminal,
        }),
      );
    },
  };
}

async function askChoice(
  clack: typeof Clack,
  terminal: Terminal,
  question: Question,
  choices: NonNullable<Question['choices']>,
): Promise<string> {
  const initial = choices.some((choice) => choice.value === question.initial) ? question.initial : undefined;
  return answered(
    clack,
    await clack.select({
      message: printable(question.message),
      options: choices.map((choice) => ({
        value: choice.value,
        label: printable(choice.label ?? choice.value),
        ...(choice.hint === undefined ? {} : { hint: printable(choice.hint) }),
      })),
      ...(initial === undefined ? {} : { initialValue: initial }),
      ...terminal,
    }),
  );
}

async function askText(clack: typeof Clack, terminal: Terminal, question: Question): Promise<string> {
  // A folder typed at the prompt as ~/code/app means the home folder, as a shell would read it: a folder named ~
  // is never what was meant. (A flag's ~ was expanded by the shell already, or quoted on purpose.)
  const home = question.field === 'directory' ? expandHome : (value: string) => value;
  // A default is offered as the placeholder and taken on Enter; an invalid flag value comes back for editing.
  const fallback = question.error === undefined ? question.initial : undefined;
  const answer = answered(
    clack,
    await clack.text({
      message: printable(question.message),
      ...(fallback === undefined ? {} : { placeholder: printable(fallback), defaultValue: fallback }),
      // Line breaks would act as Enter while the value is typed in for editing.
      ...(question.error === undefined || question.initial === undefined
        ? {}
        : { initialValue: printable(question.initial.replace(/[\r\n]+/g, ' ')) }),
      validate: (value) => {
        const typed = value === undefined || value === '' ? (fallback ?? '') : value;
        if (question.field === 'directory' && /^~[^\\/]/.test(typed)) {
          return "only ~/ is read as your home folder here: write the full path for another user's";
        }
        return shown(question.validate)(home(typed));
      },
      ...terminal,
    }),
  );
  return home(answer);
}

/** ~ and ~/path as the home folder; ~name (another user's home) is left for the validator to refuse. */
export function expandHome(value: string): string {
  return /^~(?=$|[\\/])/.test(value) ? homedir() + value.slice(1) : value;
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
    info: (message) => log.message(printable(message), terminal),
    step: (message) => log.step(printable(message), terminal),
    success: (message) => log.success(printable(message), terminal),
    warn: (message) => log.warn(printable(message), terminal),
    error: (message) => log.error(printable(message), terminal),
    hint: (message) => log.message(printable(message), terminal),
    intro: (title) => intro(printable(title), terminal),
    outro: (message) => outro(printable(message), terminal),
    installProgress: {
      start(command) {
        label = printable(`Installing dependencies with ${command}`);
        tail.length = 0;
        spin.start(label);
      },
      line(raw) {
        const line = printable(raw);
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
