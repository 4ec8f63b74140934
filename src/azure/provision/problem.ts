// A check of --provision that failed on a value the user can change: which one, and the values that would work.
import { UsageError } from '../../shared/errors.js';

export type ProblemField = 'resource' | 'location' | 'model' | 'modelVersion' | 'sku' | 'capacity' | 'deployment';

/** Something the user must choose again: the field, and values that would work (nearest first). */
export class ProvisionProblem extends UsageError {
  constructor(
    message: string,
    readonly field: ProblemField,
    readonly choices: readonly string[] = [],
  ) {
    super(message);
  }
}
