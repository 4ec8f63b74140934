// Runs `migrate` from source (npx tsx src/migrate/cli-entry.ts [path] [options]), for trying it without a build.
import { runMigrate } from './index.js';

process.exitCode = await runMigrate(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
