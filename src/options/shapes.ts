// The shapes of the option table's entries (definitions.ts): a flag of the command line, and a value the generic
// resolver settles (field.ts).
import type { CliArgs, ProjectOptions, Validator } from '../types.js';

export type Group = 'Azure' | 'Project' | 'Run';

/** A flag of the command line. */
export interface FlagDefinition {
  /** Its key in CliArgs. */
  readonly key: keyof CliArgs;
  /** The long name, without dashes. */
  readonly name: string;
  readonly short?: string;
  /** `string` flags take a value, shown in --help as `hint`. */
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** The value's placeholder in --help: `<name>`. */
  readonly hint?: string;
  /** How --help spells a boolean whose useful form is the negation: `--no-install`. */
  readonly shown?: string;
  readonly group: Group;
  readonly help: string;
  /** The words that give `options`' value again on a command line (never a key: keys are not flags). */
  readonly replay?: (options: ProjectOptions) => readonly string[];
}

/** What the generic resolver needs to settle one value: flag > answer > default. */
export interface FieldDefinition {
  readonly flag: string;
  readonly validate: Validator;
  readonly question: {
    readonly field: string;
    readonly message: string;
    readonly choices?: readonly { readonly value: string; readonly label: string; readonly hint?: string }[];
  };
  /** False for values that take their default without asking, even in a terminal. */
  readonly asked?: boolean;
}
