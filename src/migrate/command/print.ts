// The human report on stderr: each listed file with its findings, then a summary and what to do next. Every line goes
// through the terminal sanitiser: file names, finding messages (which quote code) and reasons come from outside.
import { visible } from '../../shared/text.js';
import { TODO_TAG } from '../findings.js';
import type { MigrateResult } from '../types.js';
import { quotePath } from './diff.js';

/** One line of text from outside: line breaks in it become spaces, control characters escapes. */
const oneLine = (text: string) => visible(text.replace(/\r?\n|\r/g, ' '));

export function formatReport(result: MigrateResult): string {
  const lines: string[] = [];
  const s = result.summary;
  for (const file of result.files) {
    const mark = file.changed ? (s.dryRun ? ' (to change)' : ' (changed)') : '';
    lines.push(`${quotePath(file.path)}${mark}`);
    for (const f of file.findings) {
      lines.push(`  ${`${f.line}:${f.column}`.padEnd(8)} ${f.level.padEnd(7)} ${f.code}  ${oneLine(f.message)}`);
    }
  }
  if (result.files.length === 0) lines.push('No file uses the openai package or calls an OpenAI endpoint.');
  lines.push(
    '',
    `${s.filesScanned} files scanned, ${s.filesListed} listed, ${s.filesChanged} ${s.dryRun ? 'to change' : 'changed'}; ` +
      `${s.clientsRewritten} client(s) ${s.dryRun ? 'to move' : 'moved'}, ${s.clientsLeft} left as they were; ` +
      `${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} note(s).`,
  );
  if (s.errors > 0) {
    lines.push(
      s.dryRun
        ? `Errors need a person: each is listed above (with --write, a file that changes also gets a ${TODO_TAG} comment where a person must act).`
        : `Errors need a person: each is listed above; a file that changed carries a ${TODO_TAG} comment where a person must act, and a file left as it was is listed again by the next run.`,
    );
  }
  lines.push(...closing(result));
  return `${lines.join('\n')}\n`;
}

const VARIABLES = 'set the variables the findings above name where the code runs';

/**
 * The last lines: what the run wrote (or would write), and then what is left to do. The variables are worth setting
 * only once the clients moved: after a --write that wrote every file, or as the step after --write on a dry run.
 */
function closing({ summary: s, incomplete }: MigrateResult): string[] {
  const moved = s.clientsRewritten > 0;
  if (s.dryRun) {
    if (s.filesChanged === 0) return [];
    return [
      `Dry run: nothing written. Run again with --write to apply these changes${moved ? `, then ${VARIABLES}` : ''}.`,
    ];
  }
  const advice = moved ? [`Before running the code, ${VARIABLES}.`] : [];
  if (!incomplete) return advice;
  const reason = oneLine(incomplete.reason);
  if (incomplete.written.length === 0) return [`Nothing was written (${reason}): every file is as it was.`];
  if (incomplete.left.length === 0) {
    return [`All ${incomplete.written.length} file(s) were written before the run stopped (${reason}).`, ...advice];
  }
  // The run that finishes the job gives the advice.
  return [
    `Not finished (${reason}): ${incomplete.written.length} file(s) written (marked changed above), ` +
      `${incomplete.left.length} not:`,
    ...incomplete.left.map((path) => `  ${quotePath(path)}`),
    ...(incomplete.finish ? [`To finish, run:\n  ${visible(incomplete.finish)}`] : []),
  ];
}
