// package.json after a move off the retired SDK: @azure-rest/ai-inference, @azure/core-auth and @azure/core-sse go when
// no file imports them any more, openai comes in at the version the project's Node takes (the scaffolder's pins), and
// @azure/identity when a client now takes a token provider. Edited in place: the rest of the file stays byte for byte.
import { pinSets } from '../../project/versions.js';
import { type JsonObject, memberObject, setMember, topObject } from '../json-edit.js';
import type { Finding } from '../types.js';

export const RETIRED_PACKAGES = ['@azure-rest/ai-inference', '@azure/core-auth', '@azure/core-sse'] as const;

export interface PackageNeeds {
  /** Retired packages some file still imports. */
  still: Set<string>;
  /** Retired packages a moved file no longer imports: only these (and, once the SDK goes, its unused companions) go. */
  dropped: Set<string>;
  entra: boolean;
}

/** The pin set for the Node a project runs on: Node 20's when engines.node admits 20 (or, without engines, the running Node is 20). */
function pinsFor(engines: string | undefined, running = process.versions.node) {
  const twenty = engines
    ? /(?:^|[\s|^~>=])(?:1\d|20)(?:\.|\b)/.test(engines) && !/^\s*>=\s*2[2-9]/.test(engines)
    : Number(running.split('.')[0]) < 22;
  return twenty ? pinSets.node20.packages : pinSets.current.packages;
}

export function azureSdkPackageJson(
  text: string,
  needs: PackageNeeds,
): { text: string; findings: Finding[] } | undefined {
  let pkg: { dependencies?: Record<string, string>; engines?: { node?: string }; overrides?: Record<string, unknown> };
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!topObject(text)) return undefined;
  const deps = pkg.dependencies ?? {};
  const pins = pinsFor(pkg.engines?.node);
  const notes: string[] = [];
  let out = text;
  const dependencies = () => memberObject(out, topObject(out) as JsonObject, 'dependencies');
  // Once the SDK itself goes, its companions go too when no file imports them.
  const sdk = RETIRED_PACKAGES[0];
  const sdkGoes = sdk in deps && needs.dropped.has(sdk) && !needs.still.has(sdk);
  for (const name of RETIRED_PACKAGES) {
    if (!(name in deps) || needs.still.has(name) || !(needs.dropped.has(name) || sdkGoes)) continue;
    // Every entry of that name goes: a package.json may list one twice (JSON.parse keeps the last).
    for (let object = dependencies(); object?.members.some((m) => m.key === name); object = dependencies())
      out = removeMember(out, object, name);
    notes.push(`${name} removed`);
    // An npm override that refers to the dependency ("$name") needs it: it keeps the version instead.
    const overrides = memberObject(out, topObject(out) as JsonObject, 'overrides');
    if (overrides && pkg.overrides?.[name] === `$${name}`)
      out = setMember(out, overrides, name, JSON.stringify(deps[name]));
  }
  const add = (name: 'openai' | '@azure/identity') => {
    if (deps[name]) return;
    const object = dependencies();
    if (!object) return;
    out = setMember(out, object, name, JSON.stringify(pins[name]));
    notes.push(`${name} ${pins[name]} added`);
  };
  add('openai');
  if (needs.entra) add('@azure/identity');
  if (notes.length === 0) return undefined;
  return {
    text: out,
    findings: [{ line: 1, column: 1, level: 'info', code: 'AZM212', message: `package.json: ${notes.join(', ')}` }],
  };
}

/** `text` without the member `key` of `object`, and the separator that went with it. */
function removeMember(text: string, object: JsonObject, key: string): string {
  const i = object.members.findIndex((m) => m.key === key);
  const member = object.members[i];
  if (!member) return text;
  const previous = object.members[i - 1];
  const next = object.members[i + 1];
  if (previous) return text.slice(0, previous.valueEnd) + text.slice(member.valueEnd);
  if (next) return text.slice(0, member.start) + text.slice(next.start);
  return text.slice(0, object.open + 1) + text.slice(object.close);
}
