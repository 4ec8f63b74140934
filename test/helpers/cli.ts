// Runs the built CLI (the package's bin, dist/cli.cjs) as a user would, and formats failures with the command and its output.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'dist', 'cli.cjs');

export interface CliRun {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  readonly input?: string;
  /** Another build's executable (a copy of dist/); the clone's own by default. */
  readonly cli?: string;
}

/** Runs the CLI with no terminal, CI unset unless given, and a clean npm user agent. */
export async function runCli(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  const result = await execa(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd,
    env: {
      CI: undefined,
      npm_config_user_agent: undefined,
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      ...options.env,
    },
    input: options.input ?? '',
    reject: false,
    stripFinalNewline: false,
  });
  return {
    command: `create-azure-inference-app ${args.join(' ')}`,
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}

/** The run, printed, for assertion messages. */
export function describeRun(run: CliRun): string {
  return `$ ${run.command}\nexit ${run.exitCode}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

export async function tempDir(prefix = 'caia-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
