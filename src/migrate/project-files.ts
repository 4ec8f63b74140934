// The project around the code: package.json dependencies (openai at a version that fits the project's Node,
// @azure/identity for Entra ID) and .env.example entries. The only module that uses the scaffolder's quoting.

import { KEY_VARIABLE } from '../options/api-key.js';
import { dotenvQuote } from '../project/escape.js';
import { pinSets } from '../project/versions.js';
import { type JsonObject, memberObject, newObject, setMember, topObject } from './json-edit.js';
import { ENDPOINT_VAR, endpointUrl } from './target.js';
import type { Finding, MigrateOptions } from './types.js';

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

/** package.json with the dependencies the rewritten code needs; undefined when nothing changes. */
export function updatePackageJson(text: string, options: MigrateOptions, keepOpenai: boolean): ProjectEdit | undefined {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!topObject(text)) return undefined;
  const findings: Finding[] = [];
  const deps = { ...((pkg.dependencies as Record<string, string> | undefined) ?? {}) };
  const engines = (pkg.engines as { node?: string } | undefined)?.node;
  const pins = PINS[projectNode(engines) === 20 ? 'node20' : 'node22'];
  const at = (message: string, level: Finding['level'] = 'info') =>
    findings.push({ line: 1, column: 1, level, code: 'AZM030', message });
  const changed: [string, string][] = [];
  const current = deps.openai;
  // A function as apiKey (Entra ID) needs openai 5.18 or later; key auth works from 4.x on, so that stays.
  const major = current ? Number(/\d+/.exec(current)?.[0] ?? 0) : 0;
  const tooOld =
    !current ||
    major < 4 ||
    (options.auth === 'entra' && !/^[\^~]?(?:[6-9]|\d{2,})\.|^[\^~]?5\.(?:1[89]|[2-9]\d)/.test(current));
  if (keepOpenai) {
    at('openai left at its version: this project still uses the v3 SDK', 'warning');
  } else if (tooOld && current !== pins.openai) {
    changed.push(['openai', pins.openai]);
    at(
      `dependency openai ${current ? `${current} -> ` : ''}${pins.openai}${current && major < 5 ? ' (major upgrade: check the openai changelog)' : ''}`,
    );
  }
  if (options.auth === 'entra' && !deps['@azure/identity']) {
    changed.push(['@azure/identity', pins['@azure/identity']]);
    at(`dependency @azure/identity ${pins['@azure/identity']} added`);
  }
  if (findings.length === 0 || (findings.length === 1 && keepOpenai))
    return findings.length ? { text, findings } : undefined;
  // Only the dependencies change, in the file's own layout: the rest of it stays byte for byte.
  let out = text;
  for (const [name, version] of changed) {
    const top = topObject(out) as JsonObject;
    const dependencies = memberObject(out, top, 'dependencies');
    out = dependencies
      ? setMember(out, dependencies, name, JSON.stringify(version))
      : setMember(out, top, 'dependencies', newObject(out, top, [[name, JSON.stringify(version)]]));
  }
  return { text: out, findings };
}

/** .env.example with the Azure variables appended when missing (created when absent). */
export function updateEnvExample(text: string | undefined, options: MigrateOptions): ProjectEdit | undefined {
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
  const findings: Finding[] = [
    {
      line: 1,
      column: 1,
      level: 'info',
      code: 'AZM031',
      message: `.env.example: ${lines
        .filter((l) => !l.startsWith('#'))
        .map((l) => l.split('=')[0])
        .join(', ')} added`,
    },
  ];
  return { text: `${base}${lines.join(eol)}${eol}`, findings };
}
