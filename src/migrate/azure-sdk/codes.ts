// The findings of the move off the retired Azure AI Inference SDK (and api-version clients) to the OpenAI SDK on the
// v1 API: one block of codes, AZM200 to AZM219, each with its level and what to do.
import type { Level } from '../types.js';

export const AZURE_SDK_CODES = {
  AZM200: { level: 'info', title: 'client moved to the OpenAI SDK on the v1 API (/openai/v1/)' },
  AZM201: { level: 'info', title: 'chat call moved to client.chat.completions.create' },
  AZM202: {
    level: 'warning',
    title: 'the deployment name is read from AZURE_OPENAI_CHAT_DEPLOYMENT: set it where this runs',
  },
  AZM203: { level: 'error', title: 'credential not recognised: the file is left on the retired SDK' },
  AZM204: { level: 'error', title: 'extra-parameters / model_extras have no OpenAI SDK equivalent: the file is left' },
  AZM205: {
    level: 'error',
    title: 'a route other than /chat/completions (embeddings, images, info): the file is left',
  },
  AZM206: {
    level: 'error',
    title: 'client or request options that cannot move (custom pipeline, retries): the file is left',
  },
  AZM207: { level: 'error', title: 'a response used in a way this tool cannot move: the file is left' },
  AZM208: { level: 'error', title: 'a call of the retired SDK that this tool cannot follow: the file is left' },
  AZM209: { level: 'info', title: 'error check removed: the OpenAI SDK throws OpenAI.APIError for error answers' },
  AZM210: { level: 'info', title: 'api-version removed: the v1 API has none' },
  AZM211: { level: 'warning', title: 'test or mock of the retired SDK: reported, not rewritten' },
  AZM212: { level: 'info', title: 'package.json: dependencies of the retired SDK removed, openai added' },
  AZM213: { level: 'warning', title: 'GitHub Models endpoint: not an Azure OpenAI resource, left' },
  AZM214: { level: 'warning', title: 'a type of the retired SDK with no OpenAI equivalent here: its import stays' },
  AZM215: { level: 'info', title: 'streaming moved to async iteration over the SDK stream' },
  AZM216: {
    level: 'info',
    title:
      'tool calls filtered to function calls, the only kind the retired SDK asked for (the OpenAI SDK also types custom ones)',
  },
  AZM217: { level: 'warning', title: 'imports the retired SDK without a client or a call here: left as it is' },
  AZM218: {
    level: 'warning',
    title:
      'endpoint chosen at run time: the base URL is now its host + /openai/v1/ (Azure OpenAI and Foundry resources); if it can be GitHub Models (models.github.ai), set baseURL to that endpoint itself',
  },
  AZM219: { level: 'error', title: 'left on the retired SDK: a module that uses its client cannot move' },
} as const satisfies Record<string, { level: Level; title: string }>;

export type AzureSdkCode = keyof typeof AZURE_SDK_CODES;
