// The project around the code: package.json dependencies (openai at a version that fits the project's Node,
// @azure/identity for Entra ID) and .env.example entries. The only module that uses the scaffolder's quoting.

import { readdirSync } from 'node:fs';
import { KEY_VARIABLE } from '../../options/api-key.js';
import { dotenvQuote } from '../../project/escape.js';
import { pinSets } from '../../project/versions.js';
import { fileFinding } from '../catalogue.js';
import { type JsonObject, memberObject, newObject, setMember, topObject } from '../json-edit.js';
import { ENDPOINT_VAR, endpointUrl } from '../replacement.js';
import type { Finding, MigrateOptions } from '../types.js';

/** Pins as the scaffolder writes them (its versions table): the current set needs Node 22; the Node 20 set runs on 20. */
const PINS = {
  node22: {
    openai: pinSets.current.packages.openai ?? '',
    '@azure/identity': pinSets.current.packages['@azure/identity'] ?? '',
  },
  node20: {
    openai: pinSets.node20.packages.openai ?? '',
    '@azure/identity': pinSets.node20.packages['@azure/identity'] ?? '',
  },
} as const;

export interface ProjectEdit {
  text: string;
  findings: Finding[];
}

/** The Node line a project runs on: from engines.node (Node 20 when the range admits it), else the running one. */
export function projectNode(engines: string | undefined, running = process.versions.node): 20 | 22 {
  if (engines) return /(?:^|[\s|^~>=])(?:1[0-9]|20)(?:\.|\b)/.test(engines) && !/>=\s*2[2-9]/.test(engines) ? 20 : 22;
  return Number(running.split('.')[0]) >= 22 ? 22 : 20;
}

/** What the rewritten code needs of openai: a function as apiKey (Entra ID) came in 5.18.0 (`ApiKeySetter`). */
function needed(auth: MigrateOptions['auth']): { version: [number, number]; why: string } {
  return auth === 'entra'
    ? { version: [5, 18], why: 'a function as apiKey (the Entra ID token provider) needs openai 5.18 or later' }
    : { version: [4, 0], why: 'baseURL and apiKey as the rewritten clients set them need openai 4 or later' };
}

/** The lowest version a range admits, as [major, minor]; undefined when it cannot be read (a tag, a URL, `*`). */
export function lowestVersion(range: string): [number, number] | undefined {
  let lowest: [number, number] | undefined;
  for (const alternative of range.replace(/^npm:openai@/, '').split('||')) {
    const match = /^\s*(?:[\^~=v]|>=?)*\s*(\d+)(?:\.(\d+|x|\*))?/i.exec(alternative);
    if (!match) return undefined;
    const version: [number, number] = [Number(match[1]), Number.isNaN(Number(match[2])) ? 0 : Number(match[2] ?? 0)];
    if (!lowest || version[0] < lowest[0] || (version[0] === lowest[0] && version[1] < lowest[1])) lowest = version;
  }
  return lowest;
}

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;

/**
 * package.json with the dependencies the rewritten code needs; undefined when there is nothing to say. openai is raised
 * only with --upgrade-sdk (a major upgrade can break code this run never touched); otherwise an error finding says
 * which version is needed and why. A file that is not JSON is reported, never edited.
 */
export function updatePackageJson(text: string, options: MigrateOptions, keepOpenai: boolean): ProjectEdit | undefined {
  // A UTF-8 byte order mark is kept, and not in the way of the parser.
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const body = text.slice(bom.length);
  const pkg = packageObject(body);
  if (!pkg) {
    const needs = options.auth === 'entra' ? 'openai 5.18 or later and @azure/identity' : 'openai 4 or later';
    return {
      text,
      findings: [
        fileFinding(
          'error',
          'AZM034',
          `package.json is not one JSON object: its dependencies were not checked or changed; the migrated code needs ${needs}`,
        ),
      ],
    };
  }
  const engines = (pkg.engines as { node?: string } | undefined)?.node;
  const pins = PINS[projectNode(engines) === 20 ? 'node20' : 'node22'];
  const plan = planOpenai(pkg, options, keepOpenai, pins);
  if (plan.leave) return { text, findings: plan.findings };
  const { findings, changed } = plan;
  if (options.auth === 'entra' && !sectionOf(pkg, '@azure/identity')) {
    changed.push(['dependencies', '@azure/identity', pins['@azure/identity']]);
    findings.push(fileFinding('info', 'AZM030', `dependency @azure/identity ${pins['@azure/identity']} added`));
  }
  if (findings.length === 0) return undefined;
  // Only the dependencies change, in the file's own layout: the rest of it stays byte for byte.
  let out = body;
  for (const [where, name, version] of changed) {
    const top = topObject(out) as JsonObject;
    const dependencies = memberObject(out, top, where);
    out = dependencies
      ? setMember(out, dependencies, name, JSON.stringify(version))
      : setMember(out, top, where, newObject(out, top, [[name, JSON.stringify(version)]]));
  }
  return { text: bom + out, findings };
}

/** The package.json object, or undefined when the text is not one JSON object. */
function packageObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) && topObject(body)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The dependency section that lists name, if any. */
function sectionOf(pkg: Record<string, unknown>, name: string): (typeof SECTIONS)[number] | undefined {
  return SECTIONS.find((s) => typeof (pkg[s] as Record<string, unknown>)?.[name] === 'string');
}

/** What becomes of openai: the changes to make and the findings; `leave` when package.json must stay as it was. */
function planOpenai(
  pkg: Record<string, unknown>,
  options: MigrateOptions,
  keepOpenai: boolean,
  pins: (typeof PINS)[keyof typeof PINS],
): { findings: Finding[]; changed: [string, string, string][]; leave?: true } {
  const findings: Finding[] = [];
  const changed: [string, string, string][] = [];
  const openaiIn = sectionOf(pkg, 'openai');
  const current = openaiIn ? ((pkg[openaiIn] as Record<string, string>).openai as string) : undefined;
  const need = needed(options.auth);
  const lowest = current === undefined ? undefined : lowestVersion(current);
  const tooOld =
    lowest !== undefined &&
    (lowest[0] < need.version[0] || (lowest[0] === need.version[0] && lowest[1] < need.version[1]));
  if (keepOpenai) {
    findings.push(fileFinding('warning', 'AZM035', 'openai left at its version: this project still uses the v3 SDK'));
  } else if ((tooOld || current === undefined) && options.upgradeSdk) {
    changed.push([openaiIn ?? 'dependencies', 'openai', pins.openai]);
    const major = lowest !== undefined && lowest[0] < Number(pins.openai.split('.')[0]);
    findings.push(
      fileFinding(
        'info',
        'AZM030',
        `dependency openai ${current ? `${current} -> ` : ''}${pins.openai} (--upgrade-sdk)${major ? ': a major upgrade, check the openai changelog and code this run did not touch' : ''}`,
      ),
    );
  } else if (tooOld) {
    // Nothing is added either: the file stays as it was, as the finding says.
    const identity =
      options.auth === 'entra' && !sectionOf(pkg, '@azure/identity')
        ? ` and add @azure/identity ${pins['@azure/identity']}`
        : '';
    findings.push(
      fileFinding(
        'error',
        'AZM033',
        `openai ${current} is older than the migrated code needs: ${need.why}; package.json left unchanged (upgrade openai${identity}, or pass --upgrade-sdk, and check the openai changelog)`,
      ),
    );
    return { findings, changed, leave: true };
  } else if (current === undefined) {
    findings.push(
      fileFinding(
        'warning',
        'AZM033',
        `package.json does not list openai, which the migrated code imports: ${need.why} (add it, or pass --upgrade-sdk)`,
      ),
    );
  }
  return { findings, changed };
}

/**
 * Whether the project is an application, which reads its settings from the environment where it runs, rather than a
 * library, whose users configure it: an application has no package.json, or one that is private, has a `bin`, a
 * start/dev/serve script, or no entry point for importers (`main`, `module`, `exports`, `types`).
 */
export function isApplication(pkgText: string | undefined): boolean {
  if (pkgText === undefined) return true;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(pkgText.replace(/^\ufeff/, '')) as Record<string, unknown>;
  } catch {
    return true;
  }
  if (!pkg || typeof pkg !== 'object') return true;
  const scripts = (pkg.scripts ?? {}) as Record<string, unknown>;
  if (pkg.private === true || pkg.bin !== undefined) return true;
  if (['start', 'dev', 'serve'].some((name) => typeof scripts[name] === 'string')) return true;
  return !['main', 'module', 'exports', 'types', 'typings'].some((key) => pkg[key] !== undefined);
}

/** The project's example .env: `.env.example`, else its own `.env.local.example` (or another `.env*.example`). */
export function envExampleName(root: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(root).filter((name) => /^\.env(?:\.[\w-]+)*\.example$/.test(name));
  } catch {
    names = [];
  }
  return names.includes('.env.example') ? '.env.example' : (names.sort()[0] ?? '.env.example');
}

/** An example .env (`.env.example`, or the project's own `.env.local.example`...) with the Azure variables the migrated
 * code reads appended when missing (created when absent). */
export function updateEnvExample(
  text: string | undefined,
  options: MigrateOptions,
  name = '.env.example',
): ProjectEdit | undefined {
  const has = (name: string) => new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`, 'm').test(text ?? '');
  const eol = text?.includes('\r\n') ? '\r\n' : '\n';
  const lines: string[] = [];
  if (!has(ENDPOINT_VAR)) {
    lines.push('# The Azure OpenAI v1 endpoint: https://<resource>.openai.azure.com/openai/v1/');
    lines.push(`${ENDPOINT_VAR}=${dotenvQuote(endpointUrl(options))}`);
  }
  if (options.auth === 'key' && !has(KEY_VARIABLE)) {
    lines.push(`# The key from the resource's "Keys and Endpoint" page in the Azure portal.`);
    lines.push(`${KEY_VARIABLE}=`);
  }
  if (lines.length === 0) return undefined;
  const base = text === undefined || text === '' ? '' : text.endsWith('\n') ? text : `${text}${eol}`;
  const added = lines.filter((l) => !l.startsWith('#')).map((l) => l.split('=')[0]);
  const findings = [fileFinding('info', 'AZM031', `${name}: ${added.join(', ')} added`)];
  return { text: `${base}${lines.join(eol)}${eol}`, findings };
}
