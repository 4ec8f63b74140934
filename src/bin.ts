#!/usr/bin/env node
// The executable: checks Node.js, then runs the CLI and exits with its code.
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { requireWithCodeCache } from './code-cache.js';

// Older Node.js lacks what the CLI uses (util.parseArgs negation, fs entry paths): say so instead of misbehaving.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 16)) {
  process.stderr.write(
    `create-azure-inference-app needs Node.js 20.16 or later (the projects it makes need ^20.19.0 || >=22.12.0); this is ${process.versions.node}.\n`,
  );
  process.exitCode = 1;
} else {
  // The CLI is bundled beside this file (scripts/build.js) as CommonJS: Node's ESM loader would cost more start-up
  // time than the rest of a run, and so would compiling it afresh each time. Its compiled code is kept beside it, where
  // only who can change the code can change it, and goes with it when the package is removed;
  // NODE_DISABLE_COMPILE_CACHE=1 turns that off, as it does Node's own cache.
  const cli = requireWithCodeCache<typeof import('./cli.js')>(
    join(__dirname, 'main.cjs'),
    process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : join(__dirname, '.cache'),
  );
  const argv = process.argv.slice(2);
  let settled = false;
  cli.exports.main(argv).then(
    (code) => {
      settled = true;
      process.exitCode = code;
      // The cache holds what the run compiled: worth keeping after a scaffold, not after --help or a usage error.
      const quickAnswer = argv.some((arg) => ['-h', '--help', '-v', '--version'].includes(arg));
      if (code === 0 && !quickAnswer) cli.save();
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
