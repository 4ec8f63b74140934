// The human report on stderr: each listed file with its findings, then a summary and what to do next.
import { TODO_TAG } from './findings.js';
import type { MigrateResult } from './types.js';

export function formatReport(result: MigrateResult): string {
  const lines: string[] = [];
  for (const file of result.files) {
    lines.push(`${file.path}${file.changed ? ' (changed)' : ''}`);
    for (const f of file.findings) {
      lines.push(`  ${`${f.line}:${f.column}`.padEnd(8)} ${f.level.padEnd(7)} ${f.code}  ${f.message}`);
    }
  }
  const s = result.summary;
  if (result.files.length === 0) lines.push('No file uses the openai package or calls an OpenAI endpoint.');
  lines.push(
    '',
    `${s.filesScanned} files scanned, ${s.filesListed} listed, ${s.filesChanged} ${s.dryRun ? 'to change' : 'changed'}; ` +
      `${s.clientsRewritten} client(s) moved to Azure, ${s.clientsLeft} left as they were; ` +
      `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} note(s).`,
  );
  if (s.errors > 0) {
    lines.push(`Errors need a person: each is listed above; code that must change by hand carries ${TODO_TAG}.`);
  }
  if (s.dryRun && s.filesChanged > 0)
    lines.push('Dry run: nothing written. Run again with --write to apply these changes.');
  if (!s.dryRun && s.filesChanged > 0) {
    lines.push('Set AZURE_OPENAI_CHAT_ENDPOINT (and AZURE_OPENAI_CHAT_KEY for key auth) before running the code.');
  }
  return `${lines.join('\n')}\n`;
}
