// `migrate`: moves a codebase's OpenAI client code to Azure. A dry run with diffs and a report by default; --write
// applies it. migrate() is the engine (command/migrate.ts); runMigrate() the whole subcommand (command/run.ts).
// The parts: command/ (flags, the engine, printing, the guard and writing), rules/ (what one file's code becomes),
// project-files/ (package.json, .env.example, setup scripts), azure-sdk/ (the move off the retired Azure SDK), and
// the modules both rule sets share here (parse, scope, findings, catalogue, types).
export { type MigrateContext, migrate } from './command/migrate.js';
export { type MigrateIo, runMigrate, type Sink } from './command/run.js';
export type { Finding, MigrateOptions, MigrateResult } from './types.js';
