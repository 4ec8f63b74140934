// One run moves a file's api-version clients and its OpenAI clients: the api-version rules run on the text the
// OpenAI rules wrote, and the two results become one (one output, one report in the positions of the file as it was,
// the clients counted once). A second run finds both moved and changes nothing.
import type MagicString from 'magic-string';
import type { FileAnalysis } from '../rules/file-analysis.js';
import type { Finding, MigrateOptions } from '../types.js';
import type { Follow } from './follow.js';
import { type ApiVersionAnalysis, migrateAzureOpenai, type Position } from './index.js';

const LEFT = ': the file is left';
const LEFT_HERE = ": this file's api-version clients are left";

export function withApiVersionClients(
  path: string,
  text: string,
  options: MigrateOptions,
  openai: FileAnalysis & { edits?: MagicString },
  follow: Follow,
): FileAnalysis {
  const { edits, ...rules } = openai;
  if (rules.failed) return rules;
  const apiVersion = migrateAzureOpenai(path, rules.output ?? text, options, follow);
  if (!apiVersion) return rules;
  const back = rules.output !== undefined && edits ? positionsBefore(edits) : (p: Position) => p;
  if (rules.output !== undefined || rules.rewritten + rules.left > apiVersion.clients.length)
    return compose(rules, apiVersion, back);
  // No client of the OpenAI rules' own: of their findings only those about other Azure code stay (an Azure SDK
  // import); the others would be about the api-version clients' code. package.json is handled as for those alone.
  const others = { ...rules, findings: rules.findings.filter((f) => f.code === 'AZM005') };
  return Object.assign(compose(others, apiVersion, back), { packages: apiVersion.packages });
}

function compose(rules: FileAnalysis, apiVersion: ApiVersionAnalysis, back: (p: Position) => Position): FileAnalysis {
  const key = (p: Position) => `${p.line}:${p.column}`;
  const clients = new Set(apiVersion.clients.map((p) => key(back(p))));
  // The OpenAI rules see an api-version client as one already on Azure (AZM005): the api-version rules say what
  // became of it instead. A finding both report (a stream read as choices[0]) is listed once.
  const ownFindings = rules.findings.filter(
    (f) => !(f.code === 'AZM009' || (f.code === 'AZM005' && clients.has(key(f)))),
  );
  const seen = new Set(ownFindings.map((f) => `${key(f)}:${f.code}`));
  // Left by the api-version rules in a file whose other code moves: what stays is those clients, not the file.
  const partly = apiVersion.packages.blocked && rules.output !== undefined;
  const moved = apiVersion.findings
    .map((f) => ({ ...f, ...back(f), message: partly ? f.message.replace(LEFT, LEFT_HERE) : f.message }))
    .filter((f) => !seen.has(`${key(f)}:${f.code}`));
  const findings: Finding[] = [...ownFindings, ...moved].sort((a, b) => a.line - b.line || a.column - b.column);
  const count = apiVersion.clients.length;
  const composed: FileAnalysis = {
    ...rules,
    relevant: true,
    findings,
    output: apiVersion.output ?? rules.output,
    exports: new Map([...rules.exports, ...apiVersion.exports]),
    rewritten: rules.rewritten + apiVersion.rewritten,
    // The OpenAI rules counted the api-version clients as left.
    left: Math.max(0, rules.left - count) + apiVersion.left,
  };
  if (apiVersion.failed) composed.failed = true;
  if (apiVersion.followable.size > 0) composed.followable = apiVersion.followable;
  if (apiVersion.packages.blocked) composed.apiVersionBlocked = true;
  return composed;
}

/** Maps a 1-based position in the text the edits wrote back to the text they were made on. */
function positionsBefore(edits: MagicString): (p: Position) => Position {
  // Per line of the new text: [column there, line and column before] for each character that was in the file.
  const lines = edits
    .generateDecodedMap({ hires: true })
    .mappings.map((segments) =>
      segments.flatMap((s) => (s.length >= 4 ? [[s[0], s[2] ?? 0, s[3] ?? 0] as const] : [])),
    );
  return ({ line, column }) => {
    const segments = lines[line - 1] ?? [];
    const best = segments.findLast(([at]) => at <= column - 1);
    if (best) return { line: best[1] + 1, column: best[2] + (column - 1 - best[0]) + 1 };
    // A line the edits inserted (a TODO): the first place after it that was in the file.
    const next = lines.slice(line).find((s) => s.length > 0)?.[0];
    return next ? { line: next[1] + 1, column: next[2] + 1 } : { line, column };
  };
}
