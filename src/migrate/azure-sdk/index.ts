// Moves a file off the retired Azure AI Inference SDK (@azure-rest/ai-inference) to the OpenAI SDK on the v1 API:
// the clients, each chat call, the responses read from them, the error checks and the streams. All or nothing per
// file: when one use cannot be moved, nothing in the file is, and the findings say why.
import MagicString from 'magic-string';
import { lineEnding, todoAt } from '../findings.js';
import { type Node, parseFile } from '../parse.js';
import type { Finding, MigrateOptions } from '../types.js';
import { planCalls } from './calls.js';
import { planClients } from './clients.js';
import { type Context, type ExportedKind, fileContext, type ImportedKind } from './context.js';
import { applyEdits, emptyPlan, type Plan } from './edits.js';
import { planImports } from './imports.js';
import type { AzureSdkPackages } from './project.js';
import { type FileImports, fileImports, INFERENCE } from './recognise.js';

export interface AzureSdkAnalysis {
  relevant: boolean;
  output?: string;
  findings: Finding[];
  exports: Map<string, ExportedKind>;
  importsClients: boolean;
  rewritten: number;
  /** Clients an earlier run moved: none here (the retired SDK's own rules count only this run's moves). */
  movedBefore: number;
  left: number;
  failed?: boolean;
  /** The retired packages the file still imports after the move, and whether it now imports openai. */
  packages: AzureSdkPackages;
}

const RETIRED =
  /@azure-rest\/ai-inference|\.path\(\s*["'`]\/?(?:chat\/completions|embeddings|images\/embeddings|info)\b/;
/** Findings that say something was changed. */
const CLAIMS = new Set(['AZM200', 'AZM201', 'AZM202', 'AZM209', 'AZM210', 'AZM215', 'AZM216', 'AZM218']);
const TEST_FILE =
  /(?:^|\/)(?:test|tests|__tests__|__mocks__|mocks?)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)fake[-_.]/;

export function migrateAzureSdk(
  path: string,
  text: string,
  options: MigrateOptions,
  imported: ImportedKind,
): AzureSdkAnalysis | undefined {
  if (!RETIRED.test(text)) return undefined;
  let ast: Node;
  try {
    ast = parseFile(path, text);
  } catch {
    return undefined;
  }
  const program = (ast.type === 'File' ? ast.program : ast) as Node;
  const imports = fileImports(program, text);
  const usesSdk = imports.inference.length > 0;
  if (!usesSdk && imports.relative.size === 0) return undefined;
  const ctx = fileContext({ path, text, program, options, imported, imports });
  if (usesSdk && TEST_FILE.test(path)) {
    ctx.report(
      imports.inference[0] as Node,
      'AZM211',
      'a test of the old wire format no longer applies once the code is on the OpenAI SDK: replace it (--include-tests does not rewrite these)',
    );
    return analysis(ctx);
  }
  const plan = emptyPlan();
  const clients = planClients(ctx, plan);
  const calls = planCalls(ctx, plan, clients);
  if (clients.constructions === 0 && calls === 0) {
    if (!ctx.blocked && !usesSdk) return ctx.importsClients ? analysis(ctx, { relevant: false }) : undefined;
    if (ctx.findings.length === 0) ctx.report(imports.inference[0] as Node, 'AZM217');
    return analysis(ctx);
  }
  planImports(ctx, plan);
  const left = clients.constructions;
  if (ctx.blocked) return analysis(ctx, { left });
  const output = rewrite(ctx, plan);
  if (output === undefined) return analysis(ctx, { failed: true, left });
  return analysis(ctx, {
    output: output === text ? undefined : output,
    rewritten: clients.constructions,
    packages: packagesAfter(ctx, plan, output),
  });
}

/** The result for the file as its findings stand; `extra` says what the move changed. */
function analysis(ctx: Context, extra: Partial<AzureSdkAnalysis> = {}): AzureSdkAnalysis {
  // A file left as it was says why, and claims no change.
  const findings = ctx.blocked ? ctx.findings.filter((f) => !CLAIMS.has(f.code)) : ctx.findings;
  return {
    relevant: ctx.findings.length > 0 || ctx.imports.inference.length > 0,
    findings: findings.sort((a, b) => a.line - b.line || a.column - b.column),
    // A client left here is no client to move elsewhere.
    exports: ctx.blocked ? new Map() : ctx.exports,
    importsClients: ctx.importsClients,
    rewritten: 0,
    movedBefore: 0,
    left: 0,
    packages: {
      still: stillImported(ctx.imports),
      dropped: [],
      openai: false,
      entra: false,
      from: clientModules(ctx),
      blocked: ctx.blocked,
    },
    ...extra,
  };
}

/**
 * The file's text with the plan applied and a TODO above each finding that asks something of a person, or undefined
 * (with a finding) when that text does not parse.
 */
function rewrite(ctx: Context, plan: Plan): string | undefined {
  const { path, text } = ctx;
  const edits = new MagicString(text);
  applyEdits(edits, text, plan);
  // What a person must still do stays in the code: the next run sees this file on the OpenAI SDK, not these findings.
  const todos = { text, edits, todos: new Set<string>(), eol: lineEnding(text) };
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
  for (const finding of ctx.findings) {
    if (finding.level === 'info') continue;
    // Above the finding's line, or, when that line is inside a rewritten span, above the line the span starts on.
    for (let line = finding.line; line >= 1; line--) {
      try {
        todoAt(todos, lineStarts[line - 1] ?? 0, finding.code, finding.message);
        break;
      } catch {}
    }
  }
  const output = edits.toString();
  try {
    parseFile(path, output);
  } catch (error) {
    ctx.findings.push({
      line: 1,
      column: 1,
      level: 'error',
      code: 'AZM091',
      message: `the rewrite did not parse (${(error as Error).message}): file left unchanged; please report this`,
    });
    return undefined;
  }
  return output;
}

/** The packages of the moved file: the retired ones it still imports and those it dropped, and what it now needs. */
function packagesAfter(ctx: Context, plan: Plan, output: string): AzureSdkPackages {
  const after = stillImported(fileImports((parseFile(ctx.path, output) as { program: Node }).program, output));
  return {
    still: after,
    dropped: stillImported(ctx.imports).filter((m) => !after.includes(m)),
    openai: plan.openaiValue || plan.openaiTypes.size > 0 || plan.clientOptions,
    entra: plan.identity,
    from: clientModules(ctx),
    blocked: false,
  };
}

/** The relative modules this file takes a client (or its type or factory) from. */
function clientModules(ctx: Context): string[] {
  return [
    ...new Set(
      [...ctx.imports.relative.values()]
        .filter((r) => ctx.imported(r.module, r.imported) === 'azure')
        .map((r) => r.module),
    ),
  ];
}

function stillImported(imports: FileImports): string[] {
  return [
    ...new Set(imports.names.map((n) => n.module).filter((m) => INFERENCE.test(m) || m.startsWith('@azure/core-'))),
  ];
}
