// Writes a file whole and atomically (a temporary file in the same folder, then rename), and only inside the root.
import { randomBytes } from 'node:crypto';
import { chmod, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Whether target (which may not exist yet) resolves inside root, following symbolic links of its folder. */
export async function insideRoot(root: string, target: string): Promise<boolean> {
  const realRoot = await realpath(root);
  const folder = await realpath(dirname(resolve(target))).catch(() => undefined);
  if (!folder) return false;
  const rel = relative(realRoot, join(folder, basename(target)));
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** mode applies to a new file; an existing file keeps its own. */
export async function writeAtomic(root: string, target: string, text: string, mode?: number): Promise<void> {
  if (!(await insideRoot(root, target))) throw new Error(`refusing to write outside ${root}: ${target}`);
  const existing = await stat(target).then(
    (s) => s.mode & 0o777,
    () => mode,
  );
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    if (existing !== undefined) await chmod(temporary, existing);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
