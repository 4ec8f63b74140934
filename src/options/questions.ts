// The values the generic resolver (field.ts) settles, each with its flag, question and rule. Part of the option
// table (definitions.ts); the defaults, which depend on each other and on the machine, are resolve.ts's.
import { validateEndpoint, validateResourceInput } from '../azure/endpoint.js';
import {
  oneOf,
  validateApiVersion,
  validateDeployment,
  validateDirectory,
  validateModel,
  validateNode,
} from '../shared/validate.js';
import { APPS, AUTHS, OSES, PACKAGE_MANAGERS, SDKS } from '../types.js';
import type { FieldDefinition } from './shapes.js';

const choices = (values: readonly string[]) => values.map((value) => ({ value, label: value }));

/** The values the generic resolver settles, with their questions, rules and defaults. */
export const FIELDS = {
  directory: {
    flag: '[directory]',
    validate: validateDirectory,
    question: { field: 'directory', message: 'Where should the project go?' },
  },
  sdk: {
    flag: '--sdk',
    validate: oneOf(SDKS),
    question: {
      field: 'sdk',
      message: 'Which SDK?',
      choices: [
        { value: 'openai', label: 'OpenAI SDK on Azure (recommended)', hint: "Microsoft's supported path, the v1 API" },
        {
          value: 'azure-inference',
          label: 'Azure AI Inference',
          hint: "the migration guide's SDK; retired 2026-08-26",
        },
      ],
    },
  },
  app: {
    flag: '--app',
    validate: oneOf(APPS),
    question: {
      field: 'app',
      message: 'What should the project be?',
      choices: [
        { value: 'console', label: 'Console scripts', hint: 'an example, streaming, tool calling' },
        { value: 'web', label: 'Web chat', hint: 'the same, plus a chat page and a server that streams the reply' },
      ],
    },
  },
  os: {
    flag: '--os',
    validate: oneOf(OSES),
    question: { field: 'os', message: 'Write environment setup scripts for which OS?', choices: choices(OSES) },
  },
  endpoint: {
    flag: '--endpoint',
    validate: validateEndpoint,
    question: { field: 'endpoint', message: 'Endpoint URL' },
  },
  resource: {
    flag: '--resource',
    // A pasted endpoint URL is taken too: options/endpoint.ts reads the name (or the endpoint) from it.
    validate: validateResourceInput,
    question: {
      field: 'resource',
      message: 'Azure OpenAI resource name (the <name> in <name>.openai.azure.com), or its endpoint URL',
    },
  },
  deployment: {
    flag: '--deployment',
    validate: validateDeployment,
    question: { field: 'deployment', message: 'Model deployment name' },
  },
  model: {
    flag: '--model',
    validate: (value) => (value === '' ? undefined : validateModel(value)),
    question: {
      field: 'model',
      message: 'Which model is deployed there? (gpt-4.1, gpt-5-mini, o4-mini, ...; Enter if unsure)',
    },
  },
  auth: {
    flag: '--auth',
    validate: oneOf(AUTHS),
    question: {
      field: 'auth',
      message: 'How should the app authenticate?',
      choices: [
        { value: 'key', label: 'API key', hint: 'as in the guide' },
        { value: 'entra', label: 'Microsoft Entra ID', hint: 'keyless, with az login or a managed identity' },
      ],
    },
  },
  apiVersion: {
    flag: '--api-version',
    validate: validateApiVersion,
    question: { field: 'apiVersion', message: 'API version' },
    asked: false,
  },
  node: {
    flag: '--node',
    validate: validateNode,
    question: { field: 'node', message: 'Node.js version the project will run on (24, or 22.18.0)' },
    asked: false,
  },
  packageManager: {
    flag: '--package-manager',
    validate: oneOf(PACKAGE_MANAGERS),
    question: { field: 'packageManager', message: 'Which package manager?', choices: choices(PACKAGE_MANAGERS) },
    asked: false,
  },
} as const satisfies Record<string, FieldDefinition>;
