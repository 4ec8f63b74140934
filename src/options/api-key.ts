// The API key's one owner: where it may come from (standard input, the environment, az, a masked prompt), the
// variable that carries it, and what keeps it out of output, process environments and git. Never a flag.
import { UsageError } from '../shared/errors.js';
import { validateApiKey } from '../shared/validate.js';
import type { Auth, AzureResource, Environment, Prompter } from '../types.js';

/** The variable the generated project reads the key from, and the CLI accepts it in. */
export const KEY_VARIABLE = 'AZURE_OPENAI_CHAT_KEY';
/** The only file a key is written to (mode 0600, git-ignored). */
export const KEY_FILE = '.env';
/** More than any key: standard input beyond this is refused, not read into memory without end. */
const STDIN_LIMIT = 4096;

/** Reads the key piped to --api-key-stdin: one line, bounded. */
export async function readKeyFromStdin(input: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  if (input.isTTY) {
    throw new UsageError(
      '--api-key-stdin reads the key from a pipe, for example: printenv MY_KEY | create-azure-inference-app ...',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > STDIN_LIMIT) {
      throw new UsageError(`--api-key-stdin: the input is over ${STDIN_LIMIT} bytes, which is no API key`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The key given outside the prompts: standard input first, then the environment. */
export function keyFromEnvironment(
  env: NodeJS.ProcessEnv,
  stdin: string | undefined,
): Environment['apiKey'] | undefined {
  if (stdin !== undefined) return { value: stdin, source: '--api-key-stdin' };
  const value = env[KEY_VARIABLE];
  return value ? { value, source: KEY_VARIABLE } : undefined;
}

/**
 * The key this run saves to .env, if any; problems are recorded, never showing the key. That it was saved is said
 * after the write, not here: a later refusal would make it untrue.
 */
export async function resolveApiKey(
  auth: Auth,
  env: Environment,
  prompter: Prompter | undefined,
  picked: AzureResource | undefined,
  problems: string[],
): Promise<{ value: string; source: string } | undefined> {
  const given = env.apiKey;
  if (given && auth === 'key') {
    const broken = validateApiKey(given.value);
    if (broken) {
      problems.push(`The API key from ${given.source}: ${broken}`);
      return undefined;
    }
    return given;
  }
  if (given?.source === '--api-key-stdin') {
    problems.push('--api-key-stdin goes with --auth key: Microsoft Entra ID needs no key');
    return undefined;
  }
  if (!prompter || auth !== 'key') return undefined;
  if (picked && env.azure) {
    const fromAz = await (await import('../azure/pick.js')).pickKey(prompter, env.azure, picked);
    if (fromAz !== undefined) return { value: fromAz, source: 'az' };
  }
  const answer = await prompter.secret({
    field: 'apiKey',
    message: 'API key (Key 1 from Keys and Endpoint; saved only to .env, which git ignores; Enter to skip)',
    validate: (value) => (value === '' ? undefined : validateApiKey(value)),
  });
  return answer === '' ? undefined : { value: answer, source: 'the prompt' };
}
