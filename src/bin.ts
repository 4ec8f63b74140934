#!/usr/bin/env node
// The executable: runs the CLI and exits with its code.
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs (in the OS temp folder): later runs start faster. Absent on Node 20.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('./cli.js');
process.exitCode = await main(process.argv.slice(2));
