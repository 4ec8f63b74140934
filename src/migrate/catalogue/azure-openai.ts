// The codes of the move from api-version clients (AzureOpenAI, OpenAI on /openai/deployments/<d>) to the v1 API.
import type { CatalogueEntry } from './entry.js';

export const AZURE_OPENAI_CODES = {
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
      "a client with a deployment used where a call's model cannot be set (passed on, exported to a module that cannot take its deployment, options not an object literal): the file is left",
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
    title:
      "an Entra ID client, and the project's openai is older than 5.18, which takes a token provider as apiKey: the file is left",
    todo: 'upgrade openai to 5.18 or later (check its changelog), then run again',
  },
} as const satisfies Record<string, CatalogueEntry>;
