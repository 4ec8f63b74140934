// The package's own version, read from its package.json (found by walking up: bundling moves code into chunks).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function readVersion(): string {
  for (let dir = fileURLToPath(new URL('.', import.meta.url)); ; dir = dirname(dir)) {
    const pkg = (() => {
      try {
        return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      } catch {
        return undefined;
      }
    })();
    if (pkg?.name === 'create-azure-inference-app' && pkg.version) return pkg.version;
    if (dirname(dir) === dir) return 'unknown';
  }
}
