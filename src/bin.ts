#!/usr/bin/env node
// The executable: runs the CLI and exits with its code.
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (in the OS temp folder): later runs start faster. Absent on Node 20.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// Older Node.js lacks what the CLI uses (util.parseArgs negation, fs entry paths): say so instead of misbehaving.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 16)) {
  process.stderr.write(
    `create-azure-inference-app needs Node.js 20.16 or later (the projects it makes need ^20.19.0 || >=22.12.0); this is ${process.versions.node}.\n`,
  );
  process.exit(1);
}
const argv = process.argv.slice(2);
const [only] = argv;
if (argv.length === 1 && (only === '-h' || only === '--help')) {
  // The commonest quick questions answered without loading the pipeline.
  process.stdout.write((await import('./help.js')).HELP);
} else if (argv.length === 1 && (only === '-v' || only === '--version')) {
  process.stdout.write(`${(await import('./version.js')).readVersion()}\n`);
} else {
  const { main } = await import('./cli.js');
  process.exitCode = await main(argv);
}
