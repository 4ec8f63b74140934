// Every rewritten TypeScript fixture type-checks against the real openai package (@azure/identity is declared by a
// stub with its two functions' real signatures, to keep its 40 packages out of devDependencies).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { fixtures } from './helpers.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Fixtures that are JavaScript, or not rewritten and import other SDKs (v3, @azure/openai, Vercel AI, LangChain), or
 * keep a type import of the retired Azure AI Inference SDK on purpose (azsdk-types-only), or keep its client beside a
 * moved AzureOpenAI client (azopenai-mixed-retired): that SDK is not installed here.
 */
const skipped = new Set([
  'v3-sdk',
  'not-openai',
  'already-azure',
  'deno-npm',
  'raw-fetch',
  'require-cjs',
  'entra-cjs',
  'azsdk-types-only',
  'azopenai-mixed-retired',
]);

it('rewritten fixtures type-check with openai and tsc --noEmit', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'azure-migrate-tsc-'));
  try {
    const cases = (await readdir(fixtures)).filter((name) => !skipped.has(name));
    for (const name of cases) await cp(join(fixtures, name, 'expected'), join(dir, name), { recursive: true });
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(
      join(dir, 'identity.d.ts'),
      `declare module '@azure/identity' {
  export interface TokenCredential { getToken(scopes: string | string[]): Promise<{ token: string } | null> }
  export class DefaultAzureCredential implements TokenCredential { getToken(scopes: string | string[]): Promise<{ token: string } | null> }
  export function getBearerTokenProvider(credential: TokenCredential, scopes: string | string[]): () => Promise<string>;
}\n`,
    );
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['**/*.ts', '**/*.mts', '**/*.cts'],
        exclude: ['node_modules'],
      }),
    );
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', dir]).catch((error: { stdout: string }) => error);
    expect(result.stdout).toBe('');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
