// The programmatic API: the same pipeline as the command line, without it. Flags (or a ProjectOptions you build) in,
// a plan out, then the project; `main` is the command line itself.

export { parseArgs } from './cli/args.js';
export { main } from './cli/main.js';
export { resolveOptions } from './options/resolve.js';
export { create } from './run/create.js';
export { type CreateResult, type ExecuteHooks, execute, type PlannedCommand } from './run/execute.js';
export { type Plan, plan, type Step, type StepName } from './run/plan.js';
export { CancelError, StepError, UsageError } from './shared/errors.js';
export type { CliArgs, Environment, FileEntry, FileMap, ProjectOptions, Prompter } from './types.js';
