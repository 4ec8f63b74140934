// Shared by the migrate tests: fixture folders copied to a temporary folder, and a folder read back as a file map.
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrateOptions } from '../../src/migrate/index.js';

export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

export async function copyToTemp(from: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'azure-migrate-'));
  await cp(from, dir, { recursive: true });
  return dir;
}

/** Every file under dir, by relative path with forward slashes. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[relative(dir, full).split(sep).join('/')] = await readFile(full, 'utf8');
  }
  return out;
}

export function options(path: string, overrides: Partial<MigrateOptions> = {}): MigrateOptions {
  return {
    path,
    sdk: 'openai',
    auth: 'key',
    deployments: { byModel: {} },
    write: false,
    force: false,
    strict: false,
    ...overrides,
  };
}

/** A module with one OpenAI client and one chat call: what a migration moves. */
export const CLIENT = `import OpenAI from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

export async function ask(question: string): Promise<string> {
  const response = await openai.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: question }],
  });
  return response.choices[0]?.message.content ?? '';
}
`;
