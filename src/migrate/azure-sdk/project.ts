// The project step of the move off the retired SDK: which retired packages some file still imports (the moved files
// say so themselves; the others are read for an import of them), then package.json.
import { resolve } from 'node:path';
import { readFileSafely } from '../read.js';
import type { Finding } from '../types.js';
import { azureSdkPackageJson, RETIRED_PACKAGES } from './package-json.js';

export interface AzureSdkPackages {
  still: string[];
  /** Retired packages the file imported before the move and no longer does. */
  dropped: string[];
  openai: boolean;
  entra: boolean;
  /** Relative modules the file takes a client from. */
  from: string[];
  /** Left as it was because something in it cannot move. */
  blocked: boolean;
}

/**
 * The modules whose moved client a file left on the retired SDK still uses: moving them would break that file, so
 * they stay too. Returns each such module's path with the file that holds it back.
 */
export function heldBack(
  analyses: ReadonlyMap<string, { rewritten: number; azureSdk?: AzureSdkPackages }>,
  resolveModule: (file: string, module: string) => string | undefined,
): Map<string, string> {
  const held = new Map<string, string>();
  for (const [file, analysis] of analyses) {
    if (!analysis.azureSdk?.blocked) continue;
    for (const module of analysis.azureSdk.from) {
      const target = resolveModule(file, module);
      if (target && analyses.get(target)?.azureSdk && !held.has(target)) held.set(target, file);
    }
  }
  return held;
}

export function azureSdkPackageItem(
  root: string,
  files: readonly string[],
  analyses: ReadonlyMap<string, { rewritten: number; azureSdk?: AzureSdkPackages }>,
): { before: string; after?: string; findings: Finding[] } | undefined {
  // Read as every file is: never through a link, a regular UTF-8 file only (otherwise its own finding says why).
  const pkg = readFileSafely(resolve(root, 'package.json'));
  if (pkg.kind !== 'text') return undefined;
  const before = pkg.text;
  const still = new Set<string>();
  const dropped = new Set<string>();
  let entra = false;
  for (const file of files) {
    const analysis = analyses.get(file);
    if (analysis?.azureSdk) {
      for (const name of analysis.azureSdk.still) still.add(name);
      for (const name of analysis.azureSdk.dropped) dropped.add(name);
      entra ||= analysis.azureSdk.entra;
      continue;
    }
    const read = readFileSafely(resolve(root, file));
    if (read.kind === 'absent') continue;
    // A file that was not read (a link, a FIFO, too large) may import them: none is removed then.
    const text =
      read.kind === 'text'
        ? read.text
        : read.kind === 'binary'
          ? read.latin1
          : RETIRED_PACKAGES.map((n) => `'${n}'`).join();
    for (const name of RETIRED_PACKAGES) {
      if (text.includes(`'${name}'`) || text.includes(`"${name}"`) || text.includes(`\`${name}\``)) still.add(name);
    }
  }
  const edit = azureSdkPackageJson(before, { still, dropped, entra });
  if (!edit) return undefined;
  return { before, after: edit.text === before ? undefined : edit.text, findings: edit.findings };
}
