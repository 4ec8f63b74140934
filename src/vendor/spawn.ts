// Starting a process as execa did, with its cross-spawn: on Windows a command such as npm, pnpm or yarn (a .cmd shim)
// is run through cmd.exe, quietly, with its arguments escaped for it; elsewhere the command is started as given.
// Bundled on its own (dist/vendor/) and loaded only by runs that start a process.
import { type ChildProcess, type SpawnOptions, spawn as spawnProcess } from 'node:child_process';
import { basename } from 'node:path';
import crossSpawn from 'cross-spawn';

export function spawn(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const parsed = crossSpawn._parse(command, [...args], options);
  if (process.platform === 'win32' && basename(parsed.command, '.exe') === 'cmd') parsed.args.unshift('/q');
  return spawnProcess(parsed.command, parsed.args, parsed.options);
}
