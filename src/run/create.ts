// create: the programmatic API under the CLI: plan, then execute.
import type { ProjectOptions } from '../types.js';
import { type CreateResult, type ExecuteHooks, execute } from './execute.js';
import { plan } from './plan.js';

export type { CreateResult, ExecuteHooks } from './execute.js';

/** Makes the project `options` describe (or, with options.dryRun, says what it would do). */
export async function create(
  options: ProjectOptions,
  hooks: ExecuteHooks & { readonly templatesDir?: string } = {},
): Promise<CreateResult> {
  return execute(await plan(options, hooks.templatesDir), hooks);
}
