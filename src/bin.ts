#!/usr/bin/env node
// The executable: checks Node.js, then runs the CLI and exits with its code.
import module from 'node:module';
import { join } from 'node:path';
import { requireWithCodeCache } from './code-cache.js';

/** Set by scripts/build.js: a hash of dist/main.cjs, so a cache is never used with another build's code. */
declare const MAIN_BUNDLE_HASH: string;

// Compiled code is kept beside the bundle, where only who can change the code can change it, and goes with it when
// the package is removed. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
const cacheDir = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : join(__dirname, '.cache');
// Node 22.1+ caches the libraries some runs load later (prompts, execa) itself. Absent on Node 20.
if (cacheDir) (module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache?.(cacheDir);
// Older Node.js lacks what the CLI uses (util.parseArgs negation, fs entry paths): say so instead of misbehaving.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 16)) {
  process.stderr.write(
    `create-azure-inference-app needs Node.js 20.16 or later (the projects it makes need ^20.19.0 || >=22.12.0); this is ${process.versions.node}.\n`,
  );
  process.exitCode = 1;
} else {
  // The CLI is bundled beside this file (scripts/build.js) as CommonJS: Node's ESM loader would cost more start-up
  // time than the rest of a run, and so would compiling it afresh each time.
  const cli = requireWithCodeCache<typeof import('./cli.js')>(
    join(__dirname, 'main.cjs'),
    cacheDir && join(cacheDir, `main-${MAIN_BUNDLE_HASH}-${process.versions.v8}-${process.arch}.bin`),
  );
  cli.exports.main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    cli.save();
  });
}
