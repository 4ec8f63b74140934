// The project files a migration updates beside the code: package.json, .env.example and the setup scripts of the
// folder the migrated path is.
import { resolve } from 'node:path';
import { entry, type Pending } from '../command/pending.js';
import { fileProblem } from '../findings.js';
import { readFileSafely } from '../read.js';
import type { MigrateOptions } from '../types.js';
import { envExampleName, isApplication, updateEnvExample, updatePackageJson } from './package-json.js';
import { SETUP_SCRIPTS, type SetupScript, updateSetupScripts } from './setup-scripts.js';

/** package.json, .env.example and the setup scripts of the folder the migrated path is. */
export async function projectFiles(root: string, options: MigrateOptions, v3: boolean): Promise<Pending[]> {
  const out: Pending[] = [];
  // A project file that is there but cannot be read safely (a link, a FIFO...) is reported and never replaced.
  const read = (name: string): string | undefined | null => {
    const found = readFileSafely(resolve(root, name));
    if (found.kind === 'text') return found.text;
    if (found.kind === 'absent') return undefined;
    const code = { symlink: 'AZM094', special: 'AZM096', large: 'AZM095', binary: 'AZM093' } as const;
    out.push({ result: { path: name, changed: false, findings: [fileProblem(code[found.kind])] } });
    return null;
  };
  const pkgText = read('package.json');
  if (typeof pkgText === 'string') {
    const edit = updatePackageJson(pkgText, options, v3);
    if (edit)
      out.push(
        entry('package.json', pkgText, edit.text === pkgText ? undefined : edit.text, edit.findings, options.write),
      );
  }
  // The moved clients read their endpoint and key from the environment: an application gets them written down (next
  // to its own example .env when it has one); a library's users configure it themselves.
  if (options.sdk === 'openai' && isApplication(typeof pkgText === 'string' ? pkgText : undefined)) {
    const envName = envExampleName(root);
    const envText = read(envName);
    if (envText !== null) {
      const edit = updateEnvExample(envText, options, envName);
      if (edit) out.push(entry(envName, envText ?? '', edit.text, edit.findings, options.write));
    }
    out.push(...(await setupScripts(root, options, read)));
  }
  return out;
}

/** The setup scripts, those that are there but cannot be read safely left out (`read` has reported them). */
async function setupScripts(
  root: string,
  options: MigrateOptions,
  read: (name: string) => string | undefined | null,
): Promise<Pending[]> {
  const out: Pending[] = [];
  const current = {} as Record<SetupScript, string | undefined>;
  const refused = new Set<SetupScript>();
  for (const script of SETUP_SCRIPTS) {
    const text = read(script);
    if (text === null) refused.add(script);
    else current[script] = text;
  }
  const scripts = await updateSetupScripts(root, options, current);
  for (const script of SETUP_SCRIPTS) {
    if (refused.has(script)) continue;
    const { text, mode, findings } = scripts[script];
    const item = entry(script, current[script] ?? '', text, findings, options.write);
    if (text !== undefined || findings.length > 0) out.push(mode === undefined ? item : { ...item, mode });
  }
  return out;
}
