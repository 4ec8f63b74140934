// The codes of the move from OpenAI to Azure: clients, calls, keys, model names, project files (AZM001 to AZM041).
import type { CatalogueEntry } from './entry.js';

export const OPENAI_CODES = {
  AZM001: {
    levels: ['info'],
    title: 'client moved to the Azure OpenAI v1 API',
    todo: 'set AZURE_OPENAI_CHAT_ENDPOINT (and AZURE_OPENAI_CHAT_KEY, or sign in for Entra ID) where the app runs',
  },
  AZM002: {
    levels: ['warning'],
    title: '`organization` or `project` removed from a moved client',
    todo: 'nothing on Azure replaces them; remove what else reads them if it only served OpenAI',
  },
  AZM003: {
    levels: ['info'],
    title: 'client of another provider (its baseURL names another host): left unchanged',
    todo: 'nothing',
  },
  AZM004: {
    levels: ['warning'],
    title: 'client whose baseURL is chosen at run time: left unchanged',
    todo: 'if it can point at OpenAI, move that case to Azure by hand',
  },
  AZM005: {
    levels: ['info', 'warning'],
    title: 'already on Azure: left unchanged (a warning for the retired Azure AI Inference SDK beside openai code)',
    todo: 'nothing (code on the retired Azure AI Inference SDK and api-version clients move by their own rules, AZM200 to AZM238)',
  },
  AZM006: {
    levels: ['warning'],
    title: 'client options are not an object literal (a variable or a spread): left unchanged',
    todo: 'check by hand whether it talks to OpenAI',
  },
  AZM007: {
    levels: ['warning'],
    title: 'a hard-coded OpenAI key was removed from a moved client',
    todo: 'revoke the key: it is still in the history',
  },
  AZM008: {
    levels: ['info', 'warning'],
    title: 'code outside a client reads OPENAI_API_KEY: left unchanged',
    todo: 'when it was for a client that moved, read AZURE_OPENAI_CHAT_KEY (key) or drop it (Entra ID)',
  },
  AZM009: {
    levels: ['info'],
    title: 'uses the openai package (types, a client from elsewhere): nothing here to change',
    todo: 'nothing',
  },
  AZM010: {
    levels: ['info', 'warning'],
    title: 'a model name that is now sent as a deployment name',
    todo: 'name a deployment after the model, or pass --deployment <model>=<deployment>',
  },
  AZM011: {
    levels: ['warning', 'error'],
    title: 'max_tokens with a (possibly) reasoning deployment',
    todo: 'use max_completion_tokens',
  },
  AZM012: {
    levels: ['warning', 'error'],
    title: 'temperature with a (possibly) reasoning deployment',
    todo: 'remove it: reasoning deployments accept only 1',
  },
  AZM013: {
    levels: ['warning'],
    title: 'logic that depends on a model name (a comparison, a regular expression, a lookup table)',
    todo: 'make it read the model, not the deployment name the request now carries',
  },
  AZM014: {
    levels: ['error'],
    title: 'choices[0] of a streamed chunk',
    todo: "use choices[0]?.delta: Azure's first chunk has no choices",
  },
  AZM015: {
    levels: ['info', 'warning'],
    title: 'an API other than chat completions',
    todo: 'create the deployment it needs on the Azure resource',
  },
  AZM016: {
    levels: ['error'],
    title: "the key is not the client's own read of OPENAI_API_KEY (a user's key, a parameter, a shared variable)",
    todo: 'decide who holds the Azure credential; the client is left byte for byte',
  },
  AZM017: {
    levels: ['warning'],
    title: 'client runs in a browser (dangerouslyAllowBrowser)',
    todo: 'move the call behind a server route, or use Entra ID',
  },
  AZM018: {
    levels: ['error'],
    title: 'the v3 openai SDK (Configuration, OpenAIApi)',
    todo: 'move the code to the current openai package first',
  },
  AZM019: {
    levels: ['warning'],
    title: 'a v3 SDK call',
    todo: 'rewrite it with the current openai package',
  },
  AZM020: {
    levels: ['error'],
    title: 'a request to api.openai.com outside the SDK',
    todo: 'point it at the Azure endpoint by hand (and mind which key it sends)',
  },
  AZM021: {
    levels: ['info'],
    title: 'the model comes from a variable, a parameter or the environment',
    todo: 'make its value an Azure deployment name',
  },
  AZM022: {
    levels: ['error'],
    title: 'the moderation API, which Azure OpenAI does not have',
    todo: 'keep it on OpenAI or rewrite it for Azure AI Content Safety',
  },
  AZM023: {
    levels: ['warning'],
    title: 'client used only for APIs Azure lacks: left on OpenAI',
    todo: 'nothing, or rewrite those calls for Azure services',
  },
  AZM024: {
    levels: ['error'],
    title: 'Entra ID in an edge-runtime module (DefaultAzureCredential cannot run there): client left unchanged',
    todo: 'move the call to a Node.js route, or use key authentication here',
  },
  AZM025: {
    levels: ['info'],
    title: 'a test file or mock: reported, not rewritten',
    todo: 'pass --include-tests to rewrite it too',
  },
  AZM030: {
    levels: ['info'],
    title: 'package.json dependency added or changed',
    todo: 'install the dependencies',
  },
  AZM031: {
    levels: ['info'],
    title: '.env example: the Azure variables the migrated code reads were added',
    todo: 'fill in the values in your own .env',
  },
  AZM032: {
    levels: ['info', 'warning'],
    title: 'setup-env.sh / setup-env.ps1 written, updated, or (your own) left unchanged',
    todo: 'run one before starting the app; make your own script set the variables listed',
  },
  AZM033: {
    levels: ['error'],
    title: 'the openai version in package.json is older than the rewritten code needs',
    todo: 'upgrade openai (pass --upgrade-sdk to let migrate do it) and check the changelog',
  },
  AZM034: {
    levels: ['error'],
    title: 'package.json could not be read as JSON: its dependencies were not checked or changed',
    todo: 'fix the file, then add the dependencies the migrated code needs by hand',
  },
  AZM035: {
    levels: ['warning'],
    title: 'openai left at its version: the project still uses the v3 SDK',
    todo: 'move the v3 code first, then upgrade openai',
  },
  AZM040: {
    levels: ['error'],
    title: 'with --sdk azure-inference: a client that talks to OpenAI',
    todo: 'rewrite it with @azure-rest/ai-inference by hand, or use --sdk openai',
  },
  AZM041: {
    levels: ['warning'],
    title: "with --sdk azure-inference: a parameter outside the SDK's typed request body",
    todo: 'pass it untyped with the "extra-parameters: pass-through" header',
  },
} as const satisfies Record<string, CatalogueEntry>;
