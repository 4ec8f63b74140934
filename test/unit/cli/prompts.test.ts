// clackPrompter driven through a fake terminal: key presses in, the recorded screen out.

import { S_PASSWORD_MASK } from '@clack/prompts';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args.js';
import { clackPrompter } from '../../../src/cli/prompts.js';
import { resolveOptions } from '../../../src/options/resolve.js';
import { CancelError } from '../../../src/shared/errors.js';
import { oneOf, validateApiKey, validateResource } from '../../../src/shared/validate.js';
import type { Environment, ProjectOptions, Question } from '../../../src/types.js';
import * as clack from '../../../src/vendor/clack.js';
import { fakeTerminal, type Key, keys, type MockReadable, type MockWritable } from '../../helpers/fake-terminal.js';

function setup() {
  const terminal = fakeTerminal();
  return { ...terminal, prompter: clackPrompter(clack, terminal) };
}

/** Whether a promise has settled yet, without leaving a rejection unhandled. */
function track<T>(promise: Promise<T>): { readonly settled: boolean } {
  const state = { settled: false };
  promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}

const RESOURCE_RULE = validateResource('bad_name') as string;
const API_KEY_RULE = validateApiKey('has space') as string;
/** The start of a rule: clack wraps the error line at the terminal's 80 columns. */
const ruleStart = (rule: string) => rule.slice(0, 50);
const SECRET = 'sup3r-s3cret-key';

const resourceQuestion: Question = {
  field: 'resource',
  flag: '--resource',
  message: 'Azure OpenAI resource name',
  validate: validateResource,
};
const directoryQuestion: Question = {
  field: 'directory',
  flag: '[directory]',
  message: 'Where should the project go?',
  validate: (value) => (value.trim() === '' ? 'must not be empty' : undefined),
  initial: 'azure-inference-app',
};
const sdkQuestion: Question = {
  field: 'sdk',
  flag: '--sdk',
  message: 'Which SDK?',
  validate: oneOf(['azure-inference', 'openai']),
  choices: [
    { value: 'azure-inference', label: 'Azure AI Inference', hint: 'retired 2026-08-26' },
    { value: 'openai', label: 'OpenAI SDK with Azure' },
  ],
};
const osQuestion: Question = {
  field: 'os',
  flag: '--os',
  message: 'Which OS?',
  validate: oneOf(['windows', 'linux', 'macos', 'all']),
  choices: ['windows', 'linux', 'macos', 'all'].map((value) => ({ value, label: value })),
};
const secretQuestion = {
  field: 'apiKey',
  message: 'API key (Enter to skip)',
  validate: (value: string) => (value === '' ? undefined : validateApiKey(value)),
};

describe('clackPrompter: text', () => {
  it('takes the initial value, shown as the placeholder, on Enter', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask(directoryQuestion);
    await output.waitFor('Where should the project go?');
    await output.waitFor('azure-inference-app');
    input.press(keys.enter);
    await expect(answer).resolves.toBe('azure-inference-app');
  });

  it('returns what was typed', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask(directoryQuestion);
    await output.waitFor('Where should the project go?');
    input.press('my-app', keys.enter);
    await expect(answer).resolves.toBe('my-app');
  });

  it('shows the rule a typed value breaks and waits for a corrected one', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask(resourceQuestion);
    const state = track(answer);
    await output.waitFor('Azure OpenAI resource name');
    input.press('bad_name', keys.enter);
    await output.waitFor(ruleStart(RESOURCE_RULE));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.settled).toBe(false);

    input.press(...Array<Key>(8).fill(keys.backspace), 'contoso', keys.enter);
    await expect(answer).resolves.toBe('contoso');
  });

  it('does not take an empty answer when there is no initial value', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask(resourceQuestion);
    const state = track(answer);
    await output.waitFor('Azure OpenAI resource name');
    input.press(keys.enter);
    await output.waitFor(ruleStart(RESOURCE_RULE));
    expect(state.settled).toBe(false);
    input.press('contoso', keys.enter);
    await expect(answer).resolves.toBe('contoso');
  });

  it('warns about an invalid flag value, naming flag, value and rule, and offers the value for editing', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask({ ...resourceQuestion, initial: 'bad_name', error: RESOURCE_RULE });
    const state = track(answer);
    await output.waitFor(`--resource "bad_name": ${RESOURCE_RULE}`);
    await output.waitFor('Azure OpenAI resource name');
    await output.waitFor('bad_name');

    // The pre-filled value is still invalid: Enter alone does not take it.
    input.press(keys.enter);
    await output.waitFor(ruleStart(RESOURCE_RULE));
    expect(state.settled).toBe(false);

    // Edit it in place: the kept "bad" proves the value was there to edit.
    input.press(...Array<Key>(5).fill(keys.backspace), '-name', keys.enter);
    await expect(answer).resolves.toBe('bad-name');
  });

  it('names the field when the question has no flag', async () => {
    const { input, output, prompter } = setup();
    const { flag: _, ...noFlag } = resourceQuestion;
    const answer = prompter.ask({ ...noFlag, initial: 'x', error: RESOURCE_RULE });
    await output.waitFor(`resource "x": ${RESOURCE_RULE}`);
    input.press('y', keys.enter);
    await expect(answer).resolves.toBe('xy');
  });
});

describe('clackPrompter: choices', () => {
  it('picks the second choice with Down and Enter', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask(sdkQuestion);
    await output.waitFor('Which SDK?');
    await output.waitFor('OpenAI SDK with Azure');
    input.press(keys.down, keys.enter);
    await expect(answer).resolves.toBe('openai');
  });

  it('takes the first choice on Enter when there is no initial value', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask(sdkQuestion);
    await output.waitFor('Which SDK?');
    input.press(keys.enter);
    await expect(answer).resolves.toBe('azure-inference');
  });

  it('preselects the initial value and returns it on Enter', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask({ ...osQuestion, initial: 'macos' });
    await output.waitFor('Which OS?');
    input.press(keys.enter);
    await expect(answer).resolves.toBe('macos');
  });

  it('moves from the initial value', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask({ ...osQuestion, initial: 'linux' });
    await output.waitFor('Which OS?');
    input.press(keys.down, keys.down, keys.up, keys.enter);
    await expect(answer).resolves.toBe('macos');
  });

  it('warns about an invalid flag value and starts at the first choice', async () => {
    const { input, output, prompter } = setup();
    const error = oneOf(['azure-inference', 'openai'])('python') as string;
    const answer = prompter.ask({ ...sdkQuestion, initial: 'python', error });
    await output.waitFor(`--sdk "python": ${error}`);
    await output.waitFor('Which SDK?');
    input.press(keys.enter);
    await expect(answer).resolves.toBe('azure-inference');
  });
});

describe('clackPrompter: confirm', () => {
  const question = { field: 'install', message: 'Install dependencies with npm?' };

  it.each([true, false])('returns the initial value %s on Enter', async (initial) => {
    const { input, output, prompter } = setup();
    const answer = prompter.confirm({ ...question, initial });
    await output.waitFor('Install dependencies with npm?');
    input.press(keys.enter);
    await expect(answer).resolves.toBe(initial);
  });

  it.each([
    { keyNames: 'Right, Enter', initial: true, pressed: [keys.right, keys.enter], expected: false },
    { keyNames: 'Left, Enter', initial: false, pressed: [keys.left, keys.enter], expected: true },
    { keyNames: 'Right, Left, Enter', initial: true, pressed: [keys.right, keys.left, keys.enter], expected: true },
    { keyNames: 'n', initial: true, pressed: ['n'], expected: false },
    { keyNames: 'y', initial: false, pressed: ['y'], expected: true },
  ] as const)('$keyNames from $initial answers $expected', async ({ initial, pressed, expected }) => {
    const { input, output, prompter } = setup();
    const answer = prompter.confirm({ ...question, initial });
    await output.waitFor('Install dependencies with npm?');
    input.press(...pressed);
    await expect(answer).resolves.toBe(expected);
  });
});

describe('clackPrompter: secret', () => {
  it('returns the typed key and never writes it', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.secret(secretQuestion);
    await output.waitFor('API key (Enter to skip)');
    input.press(SECRET, keys.enter);
    await expect(answer).resolves.toBe(SECRET);
    expect(output.raw).not.toContain(SECRET);
    expect(output.raw).not.toContain('s3cret');
    expect(output.text).toContain(S_PASSWORD_MASK.repeat(SECRET.length));
  });

  it('returns an empty string on Enter alone', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.secret(secretQuestion);
    await output.waitFor('API key (Enter to skip)');
    input.press(keys.enter);
    await expect(answer).resolves.toBe('');
  });

  it('shows the rule a key breaks, without the key, and waits for a valid one', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.secret(secretQuestion);
    const state = track(answer);
    await output.waitFor('API key (Enter to skip)');
    input.press('has space', keys.enter);
    await output.waitFor(ruleStart(API_KEY_RULE));
    expect(state.settled).toBe(false);
    input.press(...Array<Key>(9).fill(keys.backspace), SECRET, keys.enter);
    await expect(answer).resolves.toBe(SECRET);
    expect(output.raw).not.toContain('has space');
    expect(output.raw).not.toContain(SECRET);
  });
});

describe('clackPrompter: cancel', () => {
  const prompts: [string, string, (prompter: ReturnType<typeof clackPrompter>) => Promise<unknown>][] = [
    ['text', 'Azure OpenAI resource name', (p) => p.ask(resourceQuestion)],
    ['text with an initial value', 'Where should the project go?', (p) => p.ask(directoryQuestion)],
    ['select', 'Which SDK?', (p) => p.ask(sdkQuestion)],
    ['confirm', 'Install?', (p) => p.confirm({ field: 'install', message: 'Install?', initial: true })],
    ['secret', 'API key', (p) => p.secret(secretQuestion)],
  ];
  const cases = prompts.flatMap(([kind, message, start]) =>
    (
      [
        ['Escape', keys.escape],
        ['Ctrl-C', keys.ctrlC],
      ] as const
    ).map(([keyName, key]) => ({ kind, message, start, keyName, key })),
  );

  it.each(cases)('$keyName at a $kind prompt rejects with CancelError', async ({ message, start, key }) => {
    const { input, output, prompter } = setup();
    const answer = start(prompter);
    await output.waitFor(message);
    input.press('a', key);
    await expect(answer).rejects.toBeInstanceOf(CancelError);
  });
});

describe('resolveOptions through the terminal', () => {
  const env: Environment = {
    cwd: '/projects',
    platform: 'linux',
    userAgent: undefined,
    reasonToSkipGit: async () => undefined,
  };

  /** Every question of a run without flags, in order, with the keys that answer it. */
  const conversation: { readonly message: string; readonly answer: readonly (Key | string)[] }[] = [
    { message: 'Where should the project go?', answer: ['my-app', keys.enter] },
    { message: 'Which SDK?', answer: [keys.enter] },
    { message: 'What should the project be?', answer: [keys.enter] },
    { message: 'Write environment setup scripts for which OS?', answer: [keys.enter] },
    { message: 'Azure OpenAI resource name', answer: ['contoso', keys.enter] },
    { message: 'Model deployment name', answer: ['gpt-4o-mini', keys.enter] },
    { message: 'Which model is deployed there?', answer: ['gpt-5-mini', keys.enter] },
    { message: 'How should the app authenticate?', answer: [keys.enter] },
    { message: 'API key (Key 1', answer: [SECRET, keys.enter] },
    { message: 'Install dependencies with npm?', answer: [keys.right, keys.enter] },
    { message: 'Make a git repository with a first commit?', answer: [keys.enter] },
  ];

  async function answer(input: MockReadable, output: MockWritable, count: number): Promise<void> {
    for (const step of conversation.slice(0, count)) {
      await output.waitFor(step.message);
      input.press(...step.answer);
    }
  }

  it('asks every question in order and builds the options from the answers', async () => {
    const { input, output, prompter } = setup();
    const result = resolveOptions(parseArgs([]), env, prompter);
    await answer(input, output, conversation.length);
    const options: ProjectOptions = await result;
    expect(options).toMatchObject({
      directory: '/projects/my-app',
      directoryArg: 'my-app',
      sdk: 'openai',
      os: 'linux',
      resource: 'contoso',
      deployment: 'gpt-4o-mini',
      model: 'gpt-5-mini',
      endpoint: 'https://contoso.openai.azure.com/openai/v1/',
      auth: 'key',
      apiKey: SECRET,
      install: false,
      git: true,
    });
    expect(output.raw).not.toContain(SECRET);
  });

  it.each(
    conversation.flatMap((step, n) => [
      { n, message: step.message, keyName: 'Escape', key: keys.escape },
      { n, message: step.message, keyName: 'Ctrl-C', key: keys.ctrlC },
    ]),
  )('$keyName after $n answers, at "$message", rejects with CancelError', async ({ n, message, key }) => {
    const { input, output, prompter } = setup();
    const result = resolveOptions(parseArgs([]), env, prompter);
    const state = track(result);
    await answer(input, output, n);
    await output.waitFor(message);
    expect(state.settled).toBe(false);
    input.press(key);
    await expect(result).rejects.toBeInstanceOf(CancelError);
    // Nothing is asked after the cancel.
    const next = conversation[n + 1];
    if (next) expect(output.text).not.toContain(next.message);
  });
});

describe('clackPrompter: control characters from a template or az', () => {
  const CLIPBOARD = '\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007';
  const TITLE = '\u001b]2;owned\u0007';
  /** Only clack's own sequences (CSI: ESC [) may be in the output: no OSC, no BEL, no C1, no bidi override. */
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  const raw = /\u001b[^[]|[\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('shows them escaped in a text question, its placeholder and its error', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask({
      field: 'var.v',
      flag: '--var v',
      message: `${CLIPBOARD}Service name\u202e`,
      validate: (value) => (value === 'ok' ? undefined : `must match ${TITLE}[a-z]+`),
      initial: `de${TITLE}fault`,
    });
    await output.waitFor('\\x1b]52;c;');
    input.press('x', keys.enter);
    await output.waitFor('must match \\x1b]2;owned\\x07');
    input.press(keys.backspace, 'ok', keys.enter);
    await expect(answer).resolves.toBe('ok');
    expect(output.raw).not.toMatch(raw);
    expect(output.text).toContain('Service name\\u202e');
  });

  it('shows them escaped in choice labels and hints', async () => {
    const { input, output, prompter } = setup();
    const answer = prompter.ask({
      ...sdkQuestion,
      message: `Pick${TITLE}`,
      choices: [{ value: 'openai', label: `res${CLIPBOARD}`, hint: `\u009b2J${TITLE}` }],
    });
    await output.waitFor('res\\x1b]52');
    input.press(keys.enter);
    await expect(answer).resolves.toBe('openai');
    expect(output.raw).not.toMatch(raw);
  });
});
