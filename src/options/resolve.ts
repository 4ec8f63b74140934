// resolveOptions: raw CliArgs into complete, validated ProjectOptions (flag > answer > default). Every value goes
// through the generic resolveField; the few that depend on each other (endpoint, key, git) have a module each.
import { basename, resolve } from 'node:path';
import { flavourNote, PLACEHOLDER_DEPLOYMENT, PLACEHOLDER_RESOURCE, resourceBase } from '../azure/endpoint.js';
import {
  apiVersionTakesCompletionTokens,
  FIRST_REASONING_API_VERSION,
  modelKind,
  REASONING_API_VERSION,
} from '../azure/models.js';
import { CancelError, UsageError } from '../shared/errors.js';
import { oneOf, toPackageName, validateDirectory } from '../shared/validate.js';
import type {
  App,
  Auth,
  CliArgs,
  Environment,
  OsChoice,
  PackageManager,
  ProjectOptions,
  Prompter,
  Provisioning,
  Sdk,
  TemplateChoice,
} from '../types.js';
import { resolveApiKey } from './api-key.js';
import { DEFAULT_DIRECTORY, defaultApiVersion, FIELDS, type FieldDefinition, PROVISION_FIELDS } from './definitions.js';
import { type EndpointChoice, endpointFor, resolveEndpoint } from './endpoint.js';
import { type FieldValue, newProblems, type Problems, resolveField } from './field.js';
import { detectPackageManager } from './package-manager.js';

type Field = (definition: FieldDefinition, value: FieldValue) => Promise<string>;

export async function resolveOptions(
  args: CliArgs,
  env: Environment,
  prompter?: Prompter,
  template?: TemplateChoice,
): Promise<ProjectOptions> {
  const problems = newProblems();
  const notes: string[] = [];
  const field: Field = (definition, value) => resolveField(definition, value, prompter, problems);

  // The folders on the way to the project are checked where they will be made: those that exist are left alone.
  const directoryField = { ...FIELDS.directory, validate: (value: string) => validateDirectory(value, env.cwd) };
  const directoryArg = await field(directoryField, {
    given: args.directory,
    fallback: args.yes ? DEFAULT_DIRECTORY : undefined,
    suggested: DEFAULT_DIRECTORY,
  });
  const overwrite = args.overwrite || (await askOverwrite(directoryArg, env, prompter));
  const sdk = (await field(FIELDS.sdk, { given: args.sdk, fallback: 'openai' })) as Sdk;
  const app = (await field(FIELDS.app, { given: args.app, fallback: 'console' })) as App;
  const os = (await field(FIELDS.os, { given: args.os, fallback: currentOs(env.platform) })) as OsChoice;
  const chosen = await resolveEndpoint(args, env, prompter, problems, notes);
  const changed = chosen.pasted && flavourNote(sdk, chosen.pasted, chosen.deployment);
  if (changed) notes.push(`--endpoint: ${changed}`);
  const auth = (await field(FIELDS.auth, { given: args.auth, fallback: 'key' })) as Auth;
  const { endpoint, provision } = await settleProvisioning(chosen, auth, args, env, prompter, problems);
  // A new resource's key is read with az once it exists.
  const apiKey = provision ? undefined : await resolveApiKey(auth, env, prompter, endpoint.picked, problems.messages);
  const apiVersion = await resolveApiVersion(sdk, endpoint.model, args, field, problems);
  const node = await field(FIELDS.node, { given: args.node, fallback: env.nodeVersion ?? process.versions.node });
  const packageManager = (await field(FIELDS.packageManager, {
    given: args.packageManager,
    fallback: detectPackageManager(env.userAgent),
  })) as PackageManager;
  // A custom template's variables (and --var, which goes with it): their rules load only for a run that has them.
  const vars =
    args.vars.length > 0 || template?.manifest
      ? await (await import('./variables.js')).resolveVariables(args, template?.manifest, prompter, problems)
      : {};
  refuseProblems(problems, args.yes);

  const directory = resolve(env.cwd, directoryArg);
  return {
    directory,
    directoryArg,
    packageName: toPackageName(basename(directory)),
    sdk,
    app,
    auth,
    os,
    resource: endpoint.resource,
    customEndpoint: endpoint.customEndpoint,
    deployment: endpoint.deployment,
    model: endpoint.model,
    node,
    endpoint: endpointFor(sdk, endpoint),
    placeholders: endpoint.resource === PLACEHOLDER_RESOURCE || endpoint.deployment === PLACEHOLDER_DEPLOYMENT,
    apiVersion,
    packageManager,
    install: await resolveInstall(args, packageManager, prompter),
    git: await resolveGit(args, directory, env, prompter),
    overwrite,
    dryRun: args.dryRun,
    verify: args.verify,
    apiKey: apiKey?.value,
    apiKeySource: apiKey?.source,
    template,
    vars,
    notes,
    ...(provision ? { provision } : {}),
  };
}

// --- provisioning: checked with az once the auth (and so the role) is known; a value asked again is followed ---
async function settleProvisioning(
  chosen: EndpointChoice,
  auth: Auth,
  args: CliArgs,
  env: Environment,
  prompter: Prompter | undefined,
  problems: Problems,
): Promise<{ endpoint: EndpointChoice; provision: Provisioning | undefined }> {
  if (!chosen.provision) {
    const stray = (['resourceGroup', 'location', 'modelVersion', 'sku', 'capacity'] as const).filter(
      (key) => args[key] !== undefined,
    );
    for (const key of stray) problems.messages.push(`${PROVISION_FIELDS[key].flag} goes with --provision`);
    return { endpoint: chosen, provision: undefined };
  }
  const asked = { ...chosen.provision, role: auth === 'entra' };
  if (env.apiKey?.source === '--api-key-stdin') {
    problems.messages.push("--api-key-stdin: --provision reads the new resource's key with az");
  }
  if (problems.messages.length > 0 || problems.missing.length > 0) return { endpoint: chosen, provision: asked };
  const provision = await (await import('./provision.js')).settleProvision(asked, env, prompter, args.dryRun);
  const { account, deployment, model } = provision;
  return { endpoint: { ...chosen, resource: account, deployment, model, base: resourceBase(account) }, provision };
}
// --- end of provisioning ---

/** --api-version: azure-inference only, and one that takes max_completion_tokens when the model may need it. */
async function resolveApiVersion(
  sdk: Sdk,
  model: string | undefined,
  args: CliArgs,
  field: Field,
  problems: Problems,
): Promise<string | undefined> {
  if (sdk === 'openai') {
    if (args.apiVersion !== undefined) {
      problems.messages.push(
        '--api-version applies to --sdk azure-inference only: the openai flavour uses the versionless v1 API',
      );
    }
    return undefined;
  }
  const apiVersion = await field(FIELDS.apiVersion, { given: args.apiVersion, fallback: defaultApiVersion(model) });
  const kind = modelKind(model);
  if (kind !== 'classic' && !apiVersionTakesCompletionTokens(apiVersion)) {
    problems.messages.push(
      `--api-version ${apiVersion} predates max_completion_tokens (${FIRST_REASONING_API_VERSION}), which ${
        kind === 'reasoning'
          ? `the reasoning model ${model} needs instead of max_tokens`
          : 'the example sends when --model is not given'
      }: leave --api-version out (${REASONING_API_VERSION} is used)${kind === 'unknown' ? ', or name a classic model with --model (gpt-4.1, gpt-4o)' : ''}`,
    );
  }
  return apiVersion;
}

/** One usage error naming every problem, the missing values first; nothing is written. */
function refuseProblems({ messages, missing }: Problems, yes: boolean): void {
  const all = [...messages];
  if (missing.length > 0) {
    // --yes fills the directory, resource and deployment; a template variable without a default must be given.
    const yesHelps = !yes && missing.some((flag) => !flag.startsWith('--var '));
    all.unshift(
      `Missing ${missing.join(', ')}. There is no terminal to ask in: pass ${missing.length > 1 ? 'them' : 'it'}${yesHelps ? ", or --yes to use defaults and the guide's placeholders" : ''}.`,
    );
  }
  if (all.length > 0) throw new UsageError(all.join('\n'));
}

/** --install/--no-install, else a question in a terminal, else install. */
async function resolveInstall(args: CliArgs, packageManager: PackageManager, prompter: Prompter | undefined) {
  if (args.install !== undefined) return args.install;
  if (!prompter) return true;
  const message = `Install dependencies with ${packageManager}?`;
  return prompter.confirm({ field: 'install', message, initial: true });
}

/** In a terminal, a non-empty folder is a question: continue (overwrite) or cancel. */
async function askOverwrite(directoryArg: string, env: Environment, prompter: Prompter | undefined) {
  if (!prompter || !(await env.hasFiles?.(resolve(env.cwd, directoryArg)))) return false;
  const choice = await prompter.ask({
    field: 'overwrite',
    flag: '--overwrite',
    message: `${directoryArg} is not empty. What now?`,
    validate: oneOf(['cancel', 'continue']),
    choices: [
      { value: 'cancel', label: 'Cancel' },
      {
        value: 'continue',
        label: 'Continue',
        hint: "write only the template's files; same names are replaced, nothing is deleted",
      },
    ],
  });
  if (choice !== 'continue') throw new CancelError();
  return true;
}

/** --git/--no-git, else a question in a terminal where git would run, else 'auto' (decided when planning). */
async function resolveGit(
  args: CliArgs,
  directory: string,
  env: Environment,
  prompter: Prompter | undefined,
): Promise<boolean | 'auto'> {
  if (args.git !== undefined) return args.git;
  if (!prompter || !env.reasonToSkipGit || (await env.reasonToSkipGit(directory)) !== undefined) return 'auto';
  return prompter.confirm({ field: 'git', message: 'Make a git repository with a first commit?', initial: true });
}

export function currentOs(platform: NodeJS.Platform): Exclude<OsChoice, 'all'> {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'linux';
}
