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
  Sdk,
  TemplateChoice,
} from '../types.js';
import { resolveApiKey } from './api-key.js';
import { DEFAULT_DIRECTORY, defaultApiVersion, FIELDS, PROVISION_FIELDS } from './definitions.js';
import { newFindings, resolveField } from './field.js';
import { detectPackageManager } from './package-manager.js';
import { endpointFor, resolveTarget } from './target.js';

export async function resolveOptions(
  args: CliArgs,
  env: Environment,
  prompter?: Prompter,
  template?: TemplateChoice,
): Promise<ProjectOptions> {
  const findings = newFindings();
  const notes: string[] = [];
  const field = (definition: Parameters<typeof resolveField>[0], value: Parameters<typeof resolveField>[1]) =>
    resolveField(definition, value, prompter, findings);

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
  let target = await resolveTarget(args, env, prompter, findings, notes);
  const changed = target.pasted && flavourNote(sdk, target.pasted, target.deployment);
  if (changed) notes.push(`--endpoint: ${changed}`);
  const auth = (await field(FIELDS.auth, { given: args.auth, fallback: 'key' })) as Auth;
  // --- provisioning: checked with az once the auth (and so the role) is known; a value asked again is followed ---
  let provision = target.provision && { ...target.provision, role: auth === 'entra' };
  if (!provision) {
    const stray = (['resourceGroup', 'location', 'modelVersion', 'sku', 'capacity'] as const).filter(
      (key) => args[key] !== undefined,
    );
    for (const key of stray) findings.problems.push(`${PROVISION_FIELDS[key].flag} goes with --provision`);
  } else if (env.apiKey?.source === '--api-key-stdin') {
    findings.problems.push("--api-key-stdin: --provision reads the new resource's key with az");
  }
  if (provision && findings.problems.length === 0 && findings.missing.length === 0) {
    provision = await (await import('./provision.js')).settleProvision(provision, env, prompter, args.dryRun);
    const { account, deployment, model } = provision;
    target = { ...target, resource: account, deployment, model, base: resourceBase(account) };
  }
  // A new resource's key is read with az once it exists.
  const apiKey = provision ? undefined : await resolveApiKey(auth, env, prompter, target.picked, findings.problems);

  let apiVersion: string | undefined;
  if (sdk === 'openai') {
    if (args.apiVersion !== undefined) {
      findings.problems.push(
        '--api-version applies to --sdk azure-inference only: the openai flavour uses the versionless v1 API',
      );
    }
  } else {
    apiVersion = await field(FIELDS.apiVersion, { given: args.apiVersion, fallback: defaultApiVersion(target.model) });
    const kind = modelKind(target.model);
    if (kind !== 'classic' && !apiVersionTakesCompletionTokens(apiVersion)) {
      findings.problems.push(
        `--api-version ${apiVersion} predates max_completion_tokens (${FIRST_REASONING_API_VERSION}), which ${
          kind === 'reasoning'
            ? `the reasoning model ${target.model} needs instead of max_tokens`
            : 'the example sends when --model is not given'
        }: leave --api-version out (${REASONING_API_VERSION} is used)${kind === 'unknown' ? ', or name a classic model with --model (gpt-4.1, gpt-4o)' : ''}`,
      );
    }
  }
  const node = await field(FIELDS.node, {
    given: args.node,
    fallback: env.nodeVersion ?? process.versions.node,
  });
  const packageManager = (await field(FIELDS.packageManager, {
    given: args.packageManager,
    fallback: detectPackageManager(env.userAgent),
  })) as PackageManager;
  // A custom template's variables (and --var, which goes with it): their rules load only for a run that has them.
  const vars =
    args.vars.length > 0 || template?.manifest
      ? await (await import('./variables.js')).resolveVariables(args, template?.manifest, prompter, findings)
      : {};

  const { problems, missing } = findings;
  if (missing.length > 0) {
    // --yes fills the directory, resource and deployment; a template variable without a default must be given.
    const yesHelps = !args.yes && missing.some((flag) => !flag.startsWith('--var '));
    problems.unshift(
      `Missing ${missing.join(', ')}. There is no terminal to ask in: pass ${missing.length > 1 ? 'them' : 'it'}${yesHelps ? ", or --yes to use defaults and the guide's placeholders" : ''}.`,
    );
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const directory = resolve(env.cwd, directoryArg);
  const install =
    args.install ??
    (prompter
      ? await prompter.confirm({
          field: 'install',
          message: `Install dependencies with ${packageManager}?`,
          initial: true,
        })
      : true);
  return {
    directory,
    directoryArg,
    packageName: toPackageName(basename(directory)),
    sdk,
    app,
    auth,
    os,
    resource: target.resource,
    customEndpoint: target.customEndpoint,
    deployment: target.deployment,
    model: target.model,
    node,
    endpoint: endpointFor(sdk, target),
    placeholders: target.resource === PLACEHOLDER_RESOURCE || target.deployment === PLACEHOLDER_DEPLOYMENT,
    apiVersion,
    packageManager,
    install,
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
