// Shared set-up for tests that run generated projects: the Azure stand-in, a fake az, a user's environment, and
// commands run in the project's folder through bash.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { type Standin, type StandinOptions, startAzureStandin } from './azure-standin.js';
import { tempDir } from './cli.js';
import { makeFakeAz } from './fake-az.js';
import { writeCaBundle } from './tls.js';

export const KEY = "test-key-'$(id)'`id`";
export const TOKEN = 'entra-token-for-tests';
export const DEPLOYMENT = 'gpt-4o-mini';
export const REPLY = 'There are 5,280 feet in a mile.';

export const FLAVOURS = [
  { sdk: 'azure-inference', auth: 'key' },
  { sdk: 'azure-inference', auth: 'entra' },
  { sdk: 'openai', auth: 'key' },
  { sdk: 'openai', auth: 'entra' },
] as const;

export interface Fixture {
  readonly standin: Standin;
  readonly work: string;
  readonly az: { readonly bin: string; readonly log: string };
  /** The environment of a user's shell: the test CA trusted, the fake az first on PATH, no Azure variables. */
  env(options: {
    auth: 'key' | 'entra';
    path?: readonly string[];
    extra?: Record<string, string>;
  }): Record<string, string>;
  close(): Promise<void>;
}

/** The stand-in's deployments, api-version, tool-call arguments and reply can be set; by default one classic deployment, api-version 2024-06-01, REPLY. */
export async function startFixture(
  options: Pick<StandinOptions, 'deployments' | 'apiVersion' | 'toolArguments' | 'reply'> = {},
): Promise<Fixture> {
  const work = await tempDir('caia-project-');
  const standin = await startAzureStandin({
    reply: REPLY,
    ...options,
    dir: join(work, 'ca'),
    deployment: DEPLOYMENT,
    apiKey: KEY,
    bearerToken: TOKEN,
  });
  const az = await makeFakeAz(work, { token: TOKEN });
  // The test CA joins whatever extra CAs this machine already trusts (a proxy's, for the npm registry), so that
  // installs run in the same environment still reach the registry.
  const caBundle = await writeCaBundle(join(work, 'ca-bundle.pem'), await readFile(standin.caCertPath, 'utf8'));
  return {
    standin,
    work,
    az,
    env: ({ auth, path = [], extra = {} }) => ({
      PATH: [...path, az.bin, process.env.PATH].join(':'),
      HOME: process.env.HOME ?? work,
      NODE_EXTRA_CA_CERTS: caBundle,
      AZURE_TOKEN_CREDENTIALS: 'AzureCliCredential',
      ...(auth === 'key' ? { AZURE_OPENAI_CHAT_KEY: KEY } : {}),
      ...extra,
    }),
    close: () => standin.close(),
  };
}

export interface ShellRun {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a bash command in `dir` with exactly `env` (nothing inherited) and no terminal. */
export async function sh(dir: string, command: string, env: Record<string, string>): Promise<ShellRun> {
  const result = await execa('bash', ['--norc', '--noprofile', '-c', command], {
    cwd: dir,
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  return { command, exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function describeShell(run: ShellRun): string {
  return `$ ${run.command}\nexit ${run.exitCode}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** Every version of each named package installed anywhere below node_modules (any package manager's layout). */
export async function installedVersions(dir: string, names: readonly string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const wanted = new Set(names);
  const entries = await readdir(join(dir, 'node_modules'), { recursive: true });
  for (const entry of entries) {
    if (!entry.endsWith('package.json')) continue;
    const text = await readFile(join(dir, 'node_modules', entry), 'utf8').catch(() => '');
    let pkg: { name?: unknown; version?: unknown };
    try {
      pkg = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof pkg.name !== 'string' || typeof pkg.version !== 'string' || !wanted.has(pkg.name)) continue;
    if (!entry.endsWith(`${pkg.name}/package.json`)) continue;
    found.set(pkg.name, (found.get(pkg.name) ?? new Set()).add(pkg.version));
  }
  return found;
}
