#!/usr/bin/env node
// The executable: checks Node.js, then runs the CLI (dist/main.cjs beside it in the package) and exits with its code.
import { writeSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';

// Older Node.js lacks what the CLI uses (util.parseArgs negation, fs entry paths): say so instead of misbehaving.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 16)) {
  process.stderr.write(
    `create-azure-inference-app needs Node.js 20.16 or later (the projects it makes need ^20.19.0 || >=22.12.0); this is ${process.versions.node}.\n`,
  );
  process.exitCode = 1;
} else {
  // Node's own compile cache (22.1+) where it exists: later runs start faster; nothing of ours to keep up to date.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const cli = require(join(__dirname, 'main.cjs')) as typeof import('../index.js');
  let settled = false;
  cli.main(process.argv.slice(2)).then(
    (code) => {
      settled = true;
      process.exitCode = code;
      // Cancelled or stopped by a signal: what was still waiting (a prompt reading the terminal, a download) must not
      // keep the process alive. Everything to say has been written.
      if (code === 129 || code === 130 || code === 143) process.exit(code);
    },
    (error: unknown) => {
      settled = true;
      process.stderr.write(
        `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
  // A run whose work can never finish (nothing left for it to wait on) must not look like a success.
  process.on('exit', (code) => {
    if (!settled && code === 0) {
      // Synchronous: nothing written asynchronously after 'exit' arrives.
      writeSync(2, 'create-azure-inference-app stopped before it finished.\n');
      process.exitCode = 1;
    }
  });
}
