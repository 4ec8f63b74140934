// The template context: every value a template can read, built in one place from ProjectOptions.
import { basename } from 'node:path';
import { COMPLETION_TOKEN_BUDGET, type ModelKind, modelKind } from '../azure/models.js';
import { runScript } from '../options/package-manager.js';
import { createCommand, replayArgs } from '../options/replay.js';
import type { ProjectOptions } from '../types.js';
import { dependenciesOf, exampleScript, isTestFile } from './package-json.js';
import { type PinnedPackage, pinSetFor, versionsFor } from './versions.js';

/** The token audience for Azure OpenAI with Microsoft Entra ID. */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

export interface TemplateContext {
  /** npm package name of the generated project. */
  readonly projectName: string;
  /** The project folder's name. */
  readonly directoryName: string;
  readonly sdk: ProjectOptions['sdk'];
  /** console, or web (a chat page and its server as well). */
  readonly app: ProjectOptions['app'];
  readonly web: boolean;
  readonly azureInference: boolean;
  readonly openai: boolean;
  readonly auth: ProjectOptions['auth'];
  readonly keyAuth: boolean;
  readonly entraAuth: boolean;
  readonly os: ProjectOptions['os'];
  /** A bash setup script is written (linux, macos, all). */
  readonly bash: boolean;
  /** A PowerShell setup script is written (windows, all). */
  readonly powershell: boolean;
  /** The Azure resource name, or '' when a custom endpoint was given. */
  readonly resource: string;
  readonly deployment: string;
  /** The model behind the deployment, '' when not known. */
  readonly model: string;
  /** What the model accepts: classic (the guide's temperature and max_tokens), reasoning, or unknown. */
  readonly modelKind: ModelKind;
  /** The example sends the guide's temperature and max_tokens (classic models). */
  readonly classicParameters: boolean;
  /** The model is a reasoning model (o-series, gpt-5 family). */
  readonly reasoningModel: boolean;
  /** The example's max_completion_tokens (reasoning models, and models not known). */
  readonly tokenBudget: number;
  /** The value of AZURE_OPENAI_CHAT_ENDPOINT. */
  readonly endpoint: string;
  /** The resource or deployment is still the guide's placeholder. */
  readonly placeholders: boolean;
  /** The api-version (azure-inference), '' for openai. */
  readonly apiVersion: string;
  readonly scope: string;
  readonly packageManager: ProjectOptions['packageManager'];
  readonly pnpm: boolean;
  readonly yarn: boolean;
  /** The API key was saved in .env when the project was written: the setup scripts need not ask for it. */
  readonly keySaved: boolean;
  /** Transitive packages held at Node 20 versions, for package managers that take them outside package.json; empty
   * when the project has no Azure package that pulls them in (openai with key auth). */
  readonly transitivePins: readonly { readonly name: string; readonly version: string }[];
  /** The pin set: 'current' (Node 22.18+, .ts run by Node) or 'node20' (tsx). */
  readonly pinSet: 'current' | 'node20';
  /** The .ts files run with tsx (the Node 20 set) rather than by Node itself. */
  readonly tsx: boolean;
  /** package.json engines.node, and the oldest Node.js it allows, as people say it (22.18). */
  readonly nodeEngines: string;
  readonly nodeMinimum: string;
  /** Commands as the user types them with the chosen package manager. */
  readonly commands: {
    readonly install: string;
    /** Installs only what the scripts need to run (no TypeScript, no types). */
    readonly installProduction: string;
    /** Runs example.ts: `npm start`, or `npm run example` in a web app. */
    readonly start: string;
    /** A web app's server: `serve` runs it (`npm start`), `dev` restarts it when a file changes. */
    readonly serve: string;
    readonly dev: string;
    readonly stream: string;
    readonly responses: string;
    readonly tools: string;
    readonly test: string;
    readonly typecheck: string;
  };
  /** The command that makes this project again with the openai flavour (for the retirement notice). */
  readonly openaiCommand: string;
  readonly versions: Readonly<Partial<Record<PinnedPackage, string>>>;
  /** The custom template's variables (--var), by name; {} without a custom template. */
  readonly vars: Readonly<Record<string, string>>;
  /** Which of the project's scripts and tests it has: a template may remove built-in ones (see projectFiles). */
  readonly has: ProjectFiles;
}

export interface ProjectFiles {
  readonly example: boolean;
  readonly stream: boolean;
  readonly responses: boolean;
  readonly tools: boolean;
  /** Some test/*.test.ts. */
  readonly tests: boolean;
}

/** What `files` (the project's output paths) holds of the scripts and tests README.md and package.json talk about. */
export function projectFiles(files: ReadonlySet<string>): ProjectFiles {
  return {
    example: files.has('example.ts'),
    stream: files.has('stream.ts'),
    responses: files.has('responses.ts'),
    tools: files.has('tools.ts'),
    tests: [...files].some(isTestFile),
  };
}

export function buildContext(options: ProjectOptions): TemplateContext {
  const pm = options.packageManager;
  const { set } = pinSetFor(options.node);
  const kind = modelKind(options.model);
  return {
    projectName: options.packageName,
    directoryName: basename(options.directory),
    sdk: options.sdk,
    app: options.app,
    web: options.app === 'web',
    azureInference: options.sdk === 'azure-inference',
    openai: options.sdk === 'openai',
    auth: options.auth,
    keyAuth: options.auth === 'key',
    entraAuth: options.auth === 'entra',
    os: options.os,
    ...shells(options.os),
    resource: options.resource ?? '',
    deployment: options.deployment,
    model: options.model ?? '',
    modelKind: kind,
    classicParameters: kind === 'classic',
    reasoningModel: kind === 'reasoning',
    tokenBudget: COMPLETION_TOKEN_BUDGET,
    endpoint: options.endpoint,
    placeholders: options.placeholders,
    apiVersion: options.apiVersion ?? '',
    scope: COGNITIVE_SERVICES_SCOPE,
    packageManager: pm,
    pnpm: pm === 'pnpm',
    yarn: pm === 'yarn',
    keySaved: options.auth === 'key' && options.apiKey !== undefined,
    transitivePins: dependenciesOf(options).some((name) => name.startsWith('@azure'))
      ? Object.entries(set.transitive).map(([name, version]) => ({ name, version }))
      : [],
    pinSet: set.name,
    tsx: set.runner === 'tsx',
    nodeEngines: set.engines,
    nodeMinimum: set.minimum,
    commands: {
      install: `${pm} install`,
      installProduction: {
        npm: 'npm install --omit=dev',
        pnpm: 'pnpm install --prod',
        yarn: 'yarn install --production',
        bun: 'bun install --production',
      }[pm],
      start: runScript(pm, exampleScript(options.app)),
      serve: runScript(pm, 'start'),
      dev: runScript(pm, 'dev'),
      stream: runScript(pm, 'stream'),
      responses: runScript(pm, 'responses'),
      tools: runScript(pm, 'tools'),
      test: runScript(pm, 'test'),
      typecheck: runScript(pm, 'typecheck'),
    },
    openaiCommand: openaiCommand(options),
    versions: versionsFor(options.node),
    vars: options.vars,
    // The built-in files of the flavour; render.ts puts in what the project really has.
    has: { example: true, stream: true, responses: options.sdk === 'openai', tools: true, tests: true },
  };
}

function openaiCommand(options: ProjectOptions): string {
  // The project as it is, not how this run went: no --no-install, --no-git or --overwrite. Variables with line
  // breaks are left for the command to ask: the README shows it on one line.
  const vars = Object.fromEntries(Object.entries(options.vars).filter(([, value]) => !/[\r\n]/.test(value)));
  const args = replayArgs({
    ...options,
    sdk: 'openai',
    apiVersion: undefined,
    install: true,
    git: 'auto',
    overwrite: false,
    vars,
  });
  args[0] = `${basename(options.directory)}-openai`;
  // The generated README is read on any OS: POSIX quoting is the common ground for a one-line command.
  return createCommand(options.packageManager, args, 'linux');
}

/** Which kinds of setup script an OS choice gets. */
export function shells(os: ProjectOptions['os']): { bash: boolean; powershell: boolean } {
  return { bash: os !== 'windows', powershell: os === 'windows' || os === 'all' };
}
