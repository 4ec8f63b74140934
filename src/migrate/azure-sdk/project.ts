// The project step of the move off the retired SDK: which retired packages some file still imports (the moved files
// say so themselves; the others are read for an import of them), then package.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../types.js';
import { azureSdkPackageJson, RETIRED_PACKAGES } from './package-json.js';

export interface AzureSdkPackages {
  still: string[];
  /** Retired packages the file imported before the move and no longer does. */
  dropped: string[];
  openai: boolean;
  entra: boolean;
}

export function azureSdkPackageItem(
  root: string,
  files: readonly string[],
  analyses: ReadonlyMap<string, { rewritten: number; azureSdk?: AzureSdkPackages }>,
): { before: string; after?: string; findings: Finding[] } | undefined {
  let before: string;
  try {
    before = readFileSync(resolve(root, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
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
    const text = readFileSync(resolve(root, file), 'utf8');
    for (const name of RETIRED_PACKAGES) {
      if (text.includes(`'${name}'`) || text.includes(`"${name}"`) || text.includes(`\`${name}\``)) still.add(name);
    }
  }
  const edit = azureSdkPackageJson(before, { still, dropped, entra });
  if (!edit) return undefined;
  return { before, after: edit.text === before ? undefined : edit.text, findings: edit.findings };
}
