// setup-env.sh and setup-env.ps1 for the migrated project, rendered from the scaffolder's own templates (and so its
// bash and PowerShell quoting): written when absent, updated when an earlier run (or the scaffolder) wrote them,
// never over a script of the user's own, which is reported instead.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLACEHOLDER_DEPLOYMENT } from '../../azure/endpoint.js';
import { KEY_VARIABLE } from '../../options/api-key.js';
import { buildContext } from '../../project/context.js';
import { fromSpecification } from '../../project/handlebars.js';
import { builtinFolder, renderTemplate } from '../../project/render.js';
import type { ProjectOptions } from '../../types.js';
import { fileFinding } from '../catalogue.js';
import { ENDPOINT_VAR, endpointUrl } from '../replacement.js';
import type { Finding, MigrateOptions } from '../types.js';

export const SETUP_SCRIPTS = ['setup-env.sh', 'setup-env.ps1'] as const;
export type SetupScript = (typeof SETUP_SCRIPTS)[number];

const UTF8_BOM = '\ufeff';
/** The scaffolder's scripts talk about its example; a migrated project has its own code. */
const WORDING: [string, string] = ['variables this project reads', 'variables the app reads'];
const DEPLOYMENT_VAR = 'AZURE_OPENAI_CHAT_DEPLOYMENT';

/**
 * A scaffolded script as migrate writes it: in its words, and setting only what migrated code reads (the endpoint and
 * the key): the deployment is in each request's `model`, so AZURE_OPENAI_CHAT_DEPLOYMENT is left out.
 */
function forMigration(scaffolded: string): string {
  return scaffolded
    .replace(...WORDING)
    .replace(new RegExp(`^[^\\n]*${DEPLOYMENT_VAR} *=[^\\n]*\\n`, 'gm'), '')
    .replaceAll(`, ${DEPLOYMENT_VAR} and `, ' and ')
    .replaceAll(` and ${DEPLOYMENT_VAR};`, ';');
}
/** The line that carries the endpoint: the one line that differs between two projects' scripts of one auth. */
const ENDPOINT_LINE: Record<SetupScript, RegExp> = {
  'setup-env.sh': new RegExp(`^export ${ENDPOINT_VAR}=.*$`, 'm'),
  'setup-env.ps1': new RegExp(`^\\$env:${ENDPOINT_VAR} = .*$`, 'm'),
};

export interface ScriptEdit {
  /** The new text (a .ps1 starts with a BOM), or undefined when the file stays as it is. */
  text?: string;
  /** File mode for a new file. */
  mode?: number;
  findings: Finding[];
}

/** The options the scaffolder's template context is built from: only what the setup scripts read matters. */
function projectOptions(root: string, options: MigrateOptions, auth: MigrateOptions['auth']): ProjectOptions {
  const endpoint = endpointUrl(options);
  return {
    directory: root,
    directoryArg: '.',
    packageName: basename(root).toLowerCase() || 'app',
    sdk: 'openai',
    app: 'console',
    auth,
    os: 'all',
    resource: options.resource,
    customEndpoint: options.endpoint,
    deployment: options.deployments.default ?? PLACEHOLDER_DEPLOYMENT,
    model: undefined,
    node: process.versions.node.split('.')[0] ?? '22',
    endpoint,
    placeholders: options.resource === undefined && options.endpoint === undefined,
    apiVersion: undefined,
    packageManager: 'npm',
    install: false,
    git: false,
    overwrite: false,
    dryRun: true,
    verify: false,
    apiKey: undefined,
    apiKeySource: undefined,
    template: undefined,
    vars: {},
    notes: [],
  };
}

/** One script rendered from templates/_shared (precompiled in the bundle, compiled from the file otherwise). */
async function renderScript(script: SetupScript, project: ProjectOptions): Promise<string> {
  const key = `_shared/${script}.hbs`;
  const context = buildContext(project);
  const bundled = (await builtinFolder('_shared'))?.[`${script}.hbs`];
  if (bundled?.spec !== undefined) return fromSpecification(bundled.spec)(context);
  return renderTemplate(readFileSync(join(templatesDir(), key), 'utf8'), context, key);
}

/** templates/ of this package, from source (tests, the benchmark): found by walking up from this module. */
function templatesDir(): string {
  const from = fileURLToPath(new URL('.', import.meta.url));
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', '_shared'))) return join(dir, 'templates');
    if (dirname(dir) === dir) throw new Error(`The built-in templates are missing (looked up from ${from})`);
  }
}

/** Both scripts for these options, in the scaffolder's words and in migrate's, as written to disk. */
async function renderings(root: string, options: MigrateOptions, auth: MigrateOptions['auth']) {
  const project = projectOptions(root, options, auth);
  const out = {} as Record<SetupScript, { scaffolded: string; migrated: string; earlier: string }>;
  for (const script of SETUP_SCRIPTS) {
    const text = await renderScript(script, project);
    const scaffolded = script.endsWith('.ps1') ? UTF8_BOM + text : text;
    // Scripts an earlier version of migrate wrote still set the deployment: they are ours too.
    out[script] = { scaffolded, migrated: forMigration(scaffolded), earlier: scaffolded.replace(...WORDING) };
  }
  return out;
}

/** A script's text with its endpoint value blanked, line endings and BOM normalised: equal for scripts we wrote. */
function shape(script: SetupScript, text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .replace(ENDPOINT_LINE[script], '<endpoint>');
}

/** What to do with each setup script, given its current text (undefined when absent). */
export async function updateSetupScripts(
  root: string,
  options: MigrateOptions,
  current: Record<SetupScript, string | undefined>,
): Promise<Record<SetupScript, ScriptEdit>> {
  const wanted = await renderings(root, options, options.auth);
  const other = await renderings(root, options, options.auth === 'key' ? 'entra' : 'key');
  const out = {} as Record<SetupScript, ScriptEdit>;
  for (const script of SETUP_SCRIPTS) {
    const text = current[script];
    const next = wanted[script].migrated;
    const finding = (level: Finding['level'], message: string): Finding[] => [
      fileFinding(level, 'AZM032', `${script}: ${message}`),
    ];
    if (text === undefined) {
      out[script] = {
        text: next,
        ...(script.endsWith('.sh') ? { mode: 0o755 } : {}),
        findings: finding(
          'info',
          `written: sets ${ENDPOINT_VAR}${options.auth === 'key' ? ` and asks for ${KEY_VARIABLE}` : ''}`,
        ),
      };
      continue;
    }
    if (text === next) {
      out[script] = { findings: [] };
      continue;
    }
    const ours = [wanted, other].some((r) =>
      [r[script].migrated, r[script].scaffolded, r[script].earlier].some(
        (known) => shape(script, text) === shape(script, known),
      ),
    );
    if (ours) {
      // Keep the file's line endings: git may have checked it out with CRLF.
      const crlf = text.includes('\r\n');
      out[script] = {
        text: crlf ? next.replace(/\r?\n/g, '\r\n') : next,
        findings: finding('info', `updated for ${ENDPOINT_VAR} ${endpointUrl(options)}`),
      };
      if (crlf && text === out[script].text) out[script] = { findings: [] };
      continue;
    }
    out[script] = {
      findings: finding(
        'warning',
        `your own script, left unchanged: make it set ${ENDPOINT_VAR} (${endpointUrl(options)})${options.auth === 'key' ? ` and ${KEY_VARIABLE}` : ''}`,
      ),
    };
  }
  return out;
}
