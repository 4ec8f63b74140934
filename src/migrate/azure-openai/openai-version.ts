// Which openai the project asks for, read from its package.json once per run: a token provider as apiKey needs 5.18.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lowestVersion } from '../project-files/package-json.js';
import { readFileSafely } from '../read.js';
import type { MigrateOptions } from '../types.js';

const cache = new WeakMap<MigrateOptions, [number, number] | undefined>();

/** The lowest openai version package.json admits; undefined when there is none or it cannot be read. */
export function projectOpenai(options: MigrateOptions): [number, number] | undefined {
  if (cache.has(options)) return cache.get(options);
  const version = read(options.path);
  cache.set(options, version);
  return version;
}

function read(path: string): [number, number] | undefined {
  const place = resolve(path);
  const root = statSync(place, { throwIfNoEntry: false })?.isDirectory() ? place : dirname(place);
  const file = readFileSafely(join(root, 'package.json'));
  if (file.kind !== 'text') return undefined;
  try {
    const pkg = JSON.parse(file.text.replace(/^\ufeff/, '')) as Record<string, Record<string, unknown> | undefined>;
    for (const section of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const range = pkg[section]?.openai;
      if (typeof range === 'string') return lowestVersion(range);
    }
  } catch {}
  return undefined;
}

/** Whether a version is older than the one a function as apiKey needs. */
export function beforeTokenProviders(version: [number, number] | undefined): boolean {
  return version !== undefined && (version[0] < 5 || (version[0] === 5 && version[1] < 18));
}
