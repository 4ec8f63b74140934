// checkOptions: ProjectOptions built by a program (the package's create() and plan()) meet the same rules as flags
// before anything is rendered or written; the command line's own options pass by construction.
import { PLACEHOLDER_DEPLOYMENT, PLACEHOLDER_RESOURCE } from '../azure/endpoint.js';
import { UsageError } from '../shared/errors.js';
import {
  oneOf,
  show,
  validateApiKey,
  validateApiVersion,
  validateDeployment,
  validateModel,
  validateNode,
  validatePackageName,
  validateResource,
} from '../shared/validate.js';
import { APPS, AUTHS, OSES, PACKAGE_MANAGERS, type ProjectOptions, SDKS, type Validator } from '../types.js';

const ENDPOINT_RULE = 'must be an https:// URL of printable ASCII, such as https://contoso.openai.azure.com/openai/v1/';

const optional =
  (rule: Validator, ...allowed: string[]): Validator =>
  (value) =>
    allowed.includes(value) ? undefined : rule(value);

/** Each option's rule, by its name in ProjectOptions; undefined passes where the option may be left out. */
const RULES: Readonly<Record<string, Validator>> = {
  directory: (value) =>
    value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) ? undefined : 'must be an absolute path',
  packageName: validatePackageName,
  sdk: oneOf(SDKS),
  app: oneOf(APPS),
  auth: oneOf(AUTHS),
  os: oneOf(OSES),
  packageManager: oneOf(PACKAGE_MANAGERS),
  resource: optional(validateResource, PLACEHOLDER_RESOURCE),
  deployment: optional(validateDeployment, PLACEHOLDER_DEPLOYMENT),
  model: validateModel,
  node: validateNode,
  // Made from --resource or --endpoint (checked there) with a path added: only what every endpoint must be.
  endpoint: (value) => {
    const url = value.replaceAll(PLACEHOLDER_RESOURCE, 'x').replaceAll(PLACEHOLDER_DEPLOYMENT, 'x');
    return URL.canParse(url) && /^https:\/\/[!-~]+$/.test(url) ? undefined : ENDPOINT_RULE;
  },
  apiVersion: validateApiVersion,
  apiKey: validateApiKey,
};

export function checkOptions(options: ProjectOptions): void {
  if (typeof options !== 'object' || options === null) throw new UsageError('options: must be an object');
  const problems = Object.entries(RULES).flatMap(([name, rule]) => {
    const value: unknown = options[name as keyof ProjectOptions];
    if (value === undefined && !['directory', 'sdk', 'app', 'auth', 'os', 'deployment'].includes(name)) return [];
    const problem = typeof value === 'string' ? rule(value) : 'must be a string';
    return problem ? [`options.${name} ${typeof value === 'string' ? show(value) : String(value)}: ${problem}`] : [];
  });
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
}
