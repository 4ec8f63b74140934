// The one generic step of option resolution: a value comes from its flag when valid, else from a question (which
// shows why the flag was refused), else from its default; without a terminal, a bad or missing value is recorded.
import { show } from '../shared/validate.js';
import type { Prompter } from '../types.js';
import type { FieldDefinition } from './definitions.js';

export interface FieldValue {
  /** The value given on the command line, if any. */
  readonly given: string | undefined;
  /** Used when nothing was given and nobody is asked; undefined means the value is required. */
  readonly fallback: string | undefined;
  /** What a question offers when there is no flag and no fallback. */
  readonly suggested?: string;
}

/** The problems with the options, collected across all fields so one error names every bad or missing value. */
export interface Problems {
  /** What is wrong: a value that breaks its rule, flags that do not go together. */
  readonly messages: string[];
  /** The flags of required values that were not given and could not be asked. */
  readonly missing: string[];
}

export function newProblems(): Problems {
  return { messages: [], missing: [] };
}

export async function resolveField(
  definition: FieldDefinition,
  { given, fallback, suggested }: FieldValue,
  prompter: Prompter | undefined,
  problems: Problems,
): Promise<string> {
  const error = given === undefined ? undefined : definition.validate(given);
  if (given !== undefined && error === undefined) return given;
  if (prompter && (definition.asked !== false || error !== undefined)) {
    const initial = given ?? fallback ?? suggested;
    return prompter.ask({
      ...definition.question,
      flag: definition.flag,
      validate: definition.validate,
      ...(error === undefined ? {} : { error }),
      ...(initial === undefined ? {} : { initial }),
    });
  }
  if (error !== undefined) problems.messages.push(`${definition.flag} ${show(given ?? '')}: ${error}`);
  else if (fallback === undefined) problems.missing.push(definition.flag);
  return fallback ?? '';
}
