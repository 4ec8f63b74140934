// Every finding `migrate` can report: its code, the levels it comes at, what it means and what to do. Findings are
// typed by these codes, so none can be reported without an entry here; docs/migrate.md lists the same table.
import type { Finding, Level } from './types.js';

export interface CatalogueEntry {
  /** The levels this code is reported at (e.g. a model name is info once mapped, a warning when not). */
  levels: readonly Level[];
  title: string;
  todo: string;
}

export const CATALOGUE = {
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
    levels: ['info'],
    title: 'already on Azure: left unchanged',
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
  AZM090: {
    levels: ['warning'],
    title: 'the file does not parse: not migrated',
    todo: 'fix the syntax error or migrate the file by hand',
  },
  AZM091: {
    levels: ['error'],
    title: 'the rewrite did not parse: the file was left unchanged',
    todo: 'report it: this is a bug in migrate',
  },
  AZM092: {
    levels: ['error'],
    title: 'the file could not be written',
    todo: 'fix the cause (permissions, disk space) and run again; the summary says what was written',
  },
  AZM093: {
    levels: ['warning'],
    title: 'not valid UTF-8: read as text it would be corrupted, so it is not edited',
    todo: 'convert the file to UTF-8 and run again, or migrate it by hand',
  },
  AZM094: {
    levels: ['info'],
    title: 'a symbolic link: not followed and not replaced',
    todo: 'migrate the file it points to where it lives, or edit it by hand',
  },
  AZM095: {
    levels: ['warning'],
    title: 'larger than 4 MiB: not read (bundled output or data, not hand-written code)',
    todo: 'migrate its source instead; if it is hand-written, edit it by hand',
  },
  AZM096: {
    levels: ['warning'],
    title: 'not a regular file (a FIFO, socket or device): not read',
    todo: 'nothing to migrate there unless it stands in for a real file; migrate that file instead',
  },
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
  // api-version clients (AzureOpenAI, OpenAI on /openai/deployments/<d>) moved to the OpenAI SDK on the v1 API.
  AZM230: {
    levels: ['info'],
    title: 'api-version client moved to the v1 API (/openai/v1/): endpoint, deployment and api-version removed',
    todo: 'nothing; each call now names the deployment in its model',
  },
  AZM231: {
    levels: ['info'],
    title: "the client's deployment is now this call's model",
    todo: 'nothing',
  },
  AZM232: {
    levels: ['warning'],
    title:
      "this call's model differs from the client's deployment, which the request was sent to before: it keeps its model",
    todo: 'make the model the deployment this call should reach (before, the client deployment answered it)',
  },
  AZM233: {
    levels: ['error'],
    title:
      "a client with a deployment used where a call's model cannot be set (passed on, exported, options not an object literal): the file is left",
    todo: 'move it by hand: new OpenAI({ baseURL: <endpoint>/openai/v1/, apiKey }) and model: <deployment> in every call',
  },
  AZM234: {
    levels: ['error'],
    title:
      'an API this tool does not move to the v1 API (audio, images, files, batches, assistants, fine-tuning): the file is left',
    todo: 'check that the v1 API serves it for your resource, then move the client by hand',
  },
  AZM235: {
    levels: ['error'],
    title: 'endpoint, base URL or deployment this tool cannot read (a parameter, a computed value): the file is left',
    todo: 'move it by hand: baseURL <endpoint>/openai/v1/ and model: <deployment> in every call',
  },
  AZM236: {
    levels: ['warning'],
    title: 'the Entra ID token provider is now the apiKey: a function as apiKey needs openai 5.18 or later',
    todo: 'check that package.json asks for openai 5.18 or later',
  },
  AZM237: {
    levels: ['warning'],
    title:
      "endpoint read at run time: the base URL is now its origin + /openai/v1/ (a gateway's path prefix is dropped)",
    todo: 'if the endpoint has a path (an API Management gateway), set baseURL to <endpoint>/openai/v1/ by hand',
  },
  AZM238: {
    levels: ['error'],
    title: "an Entra ID client, and the project's openai is older than 5.18, which takes a token provider as apiKey: the file is left",
    todo: 'upgrade openai to 5.18 or later (check its changelog), then run again',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type Code = keyof typeof CATALOGUE;

/** A finding about a whole file (package.json, a setup script): at its first line. */
export function fileFinding(level: Level, code: Code, message: string): Finding {
  return { line: 1, column: 1, level, code, message };
}
