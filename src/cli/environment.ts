// The facts of this machine that option resolution reads: where we are, who launched us, the key given outside the
// prompts, and (in a terminal) the user's folder contents, git and a signed-in Azure CLI.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { keyFromEnvironment, readKeyFromStdin } from '../options/api-key.js';
import { nearestExisting, reasonToSkipGit } from '../run/git.js';
import { holdsUserFiles } from '../run/write.js';
import type { CliArgs, Environment } from '../types.js';

export async function readEnvironment(args: CliArgs, interactive: boolean): Promise<Environment> {
  const stdin = args.apiKeyStdin ? await readKeyFromStdin(process.stdin) : undefined;
  const apiKey = keyFromEnvironment(process.env, stdin);
  return {
    cwd: process.cwd(),
    platform: process.platform,
    userAgent: process.env.npm_config_user_agent,
    nodeVersion: process.versions.node,
    ...(apiKey ? { apiKey } : {}),
    hasFiles: (path) => holdsUserFiles(path),
    // The user's own resources are offered only in a terminal, only when az is installed, and not in a dry run.
    ...(interactive && !args.dryRun && onPath('az') ? { azure: (await import('../azure/az.js')).azRunner() } : {}),
    // --provision reads with az before creating anything (some reads, such as the model list, take a while).
    ...(args.provision && !args.dryRun ? { azure: (await import('../azure/az.js')).azRunner(60_000) } : {}),
    reasonToSkipGit: (path) => reasonToSkipGit(nearestExisting(path)),
  };
}

/** Questions only with a person at a terminal: both ends a TTY, not CI, no --yes, no machine output. */
export function isInteractive(args: CliArgs): boolean {
  const ci = process.env.CI !== undefined && !['', '0', 'false'].includes(process.env.CI);
  return !args.yes && !args.json && !args.apiKeyStdin && !ci && !!process.stdin.isTTY && !!process.stdout.isTTY;
}

/** Whether a command is on PATH, without running it. */
function onPath(command: string): boolean {
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      try {
        accessSync(join(dir, command + extension), constants.X_OK);
        return true;
      } catch {
        // Not here.
      }
    }
  }
  return false;
}
