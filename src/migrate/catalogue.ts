// Every finding `migrate` can report: its code, the levels it comes at, what it means and what to do. Findings are
// typed by these codes, so none can be reported without an entry here; docs/migrate.md lists the same table.
// The codes of each part are in catalogue/; those of the move off the retired Azure AI Inference SDK are here.

import { AZURE_OPENAI_CODES } from './catalogue/azure-openai.js';
import type { CatalogueEntry } from './catalogue/entry.js';
import { FILE_CODES } from './catalogue/files.js';
import { OPENAI_CODES } from './catalogue/openai.js';
import type { Node } from './parse.js';
import type { Finding, Level } from './types.js';

export type { CatalogueEntry } from './catalogue/entry.js';

export const CATALOGUE = {
  ...OPENAI_CODES,
  ...FILE_CODES,
  // The move off the retired Azure AI Inference SDK to the OpenAI SDK on the v1 API.
  AZM200: {
    levels: ['info'],
    title: 'client moved to the OpenAI SDK on the v1 API (/openai/v1/)',
    todo: 'set AZURE_OPENAI_CHAT_ENDPOINT to the resource endpoint (https://<resource>.openai.azure.com/) where the app runs',
  },
  AZM201: {
    levels: ['info'],
    title: 'chat call moved to client.chat.completions.create',
    todo: 'nothing; check the call with your own tests',
  },
  AZM202: {
    levels: ['warning'],
    title: 'the deployment name is read from AZURE_OPENAI_CHAT_DEPLOYMENT: set it where this runs',
    todo: 'set AZURE_OPENAI_CHAT_DEPLOYMENT to the deployment name, or pass --deployment',
  },
  AZM203: {
    levels: ['error'],
    title: 'credential not recognised: the file is left on the retired SDK',
    todo: 'move the client by hand: a key (AzureKeyCredential) or an @azure/identity credential moves; others need a person',
  },
  AZM204: {
    levels: ['error'],
    title: 'extra-parameters / model_extras have no OpenAI SDK equivalent: the file is left',
    todo: 'send the extra fields in the body by hand and check the model accepts them, then move the file by hand',
  },
  AZM205: {
    levels: ['error'],
    title: 'a route other than /chat/completions (embeddings, images, info): the file is left',
    todo: 'move these calls by hand (client.embeddings.create for embeddings); the Foundry /models API was retired',
  },
  AZM206: {
    levels: ['error'],
    title: 'client or request options that cannot move (custom pipeline, retries): the file is left',
    todo: 'move the client by hand; the OpenAI SDK takes maxRetries, timeout and fetch options instead',
  },
  AZM207: {
    levels: ['error'],
    title: 'a response used in a way this tool cannot move: the file is left',
    todo: 'move the file by hand: the OpenAI SDK returns the completion itself, not { status, body }',
  },
  AZM208: {
    levels: ['error'],
    title: 'a call of the retired SDK that this tool cannot follow: the file is left',
    todo: 'move the file by hand',
  },
  AZM209: {
    levels: ['info'],
    title: 'error check removed: the OpenAI SDK throws OpenAI.APIError for error answers',
    todo: 'catch OpenAI.APIError where the old code handled an error answer',
  },
  AZM210: {
    levels: ['info'],
    title: 'api-version removed: the v1 API has none',
    todo: 'nothing',
  },
  AZM211: {
    levels: ['warning'],
    title: 'test or mock of the retired SDK: reported, not rewritten',
    todo: 'move the test by hand, or run again with --include-tests where it applies',
  },
  AZM212: {
    levels: ['info'],
    title: 'package.json: dependencies of the retired SDK removed, openai added',
    todo: 'run your package manager install',
  },
  AZM213: {
    levels: ['warning'],
    title: 'GitHub Models endpoint: not an Azure OpenAI resource, left',
    todo: 'nothing, unless you meant to move to an Azure resource: then set its endpoint and move by hand',
  },
  AZM214: {
    levels: ['warning'],
    title: 'a type of the retired SDK with no OpenAI equivalent here: its import stays',
    todo: 'replace the type by an OpenAI type by hand, then remove the retired package',
  },
  AZM215: {
    levels: ['info'],
    title: 'streaming moved to async iteration over the SDK stream',
    todo: 'nothing; the first chunk from Azure may have empty choices, as before',
  },
  AZM216: {
    levels: ['info'],
    title:
      'tool calls filtered to function calls, the only kind the retired SDK asked for (the OpenAI SDK also types custom ones)',
    todo: 'nothing, unless you use custom tool calls',
  },
  AZM217: {
    levels: ['warning'],
    title: 'imports the retired SDK without a client or a call here: left as it is',
    todo: 'move it by hand with the module whose client it uses, or remove the import',
  },
  AZM218: {
    levels: ['warning'],
    title:
      'endpoint chosen at run time: the base URL is now its host + /openai/v1/ (Azure OpenAI and Foundry resources); if it can be GitHub Models (models.github.ai), set baseURL to that endpoint itself',
    todo: 'check every value the endpoint can take: an Azure resource works as is; GitHub Models needs its own baseURL',
  },
  AZM219: {
    levels: ['error'],
    title: 'left on the retired SDK: a module that uses its client cannot move',
    todo: 'move both modules by hand, or fix what blocks the other module and run again',
  },
  ...AZURE_OPENAI_CODES,
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof CATALOGUE;

/** A finding about a whole file (package.json, a setup script): at its first line. */
export function fileFinding(level: Level, code: Code, message: string): Finding {
  return { line: 1, column: 1, level, code, message };
}

/**
 * How the retired-SDK and api-version rules report: each code at its catalogue level (the first), its title followed
 * by the detail, once per node and code; `onError` runs for an error, which leaves the file as it is.
 */
export function catalogueReporter<C extends Code>(
  findings: Finding[],
  onError: () => void,
): (node: Node, code: C, detail?: string) => void {
  const seen = new Set<string>();
  return (node, code, detail) => {
    const key = `${node.start}:${code}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { levels, title } = CATALOGUE[code];
    const level = levels[0];
    if (level === 'error') onError();
    const loc = node.loc?.start;
    const message = detail ? `${title}: ${detail}` : title;
    findings.push({ line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, level, code, message });
  };
}
