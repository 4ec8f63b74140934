// The types and imports of a moved file: the retired SDK's types become the OpenAI SDK's, each import loses the names
// no longer used (and goes when none is left), openai is imported in the file's style, and getBearerTokenProvider
// joins the @azure/identity import when a client now takes a token provider.
import { type Node, stringValue } from '../parse.js';
import { eol, source, walkAll } from './ast.js';
import type { Context } from './context.js';
import type { Plan } from './edits.js';
import { CORE_AUTH, CORE_SSE, type FileImports, type Imported, INFERENCE } from './recognise.js';

/** The retired SDK's types with an OpenAI SDK equivalent (qualified by the default import, `OpenAI`). */
const TYPES: Record<string, string> = {
  ModelClient: 'OpenAI',
  ModelClientOptions: 'ClientOptions',
  ChatRequestMessage: 'OpenAI.ChatCompletionMessageParam',
  ChatRequestSystemMessage: 'OpenAI.ChatCompletionSystemMessageParam',
  ChatRequestUserMessage: 'OpenAI.ChatCompletionUserMessageParam',
  ChatRequestAssistantMessage: 'OpenAI.ChatCompletionAssistantMessageParam',
  ChatRequestToolMessage: 'OpenAI.ChatCompletionToolMessageParam',
  ChatCompletionsToolDefinition: 'OpenAI.ChatCompletionTool',
  ChatCompletionsOutput: 'OpenAI.ChatCompletion',
  GetChatCompletions200Response: 'OpenAI.ChatCompletion',
  GetChatCompletionsDefaultResponse: 'OpenAI.ChatCompletion',
  ChatCompletionsToolCall: 'OpenAI.ChatCompletionMessageToolCall',
};

export function planImports(ctx: Context, plan: Plan): void {
  const { text, imports } = ctx;
  const typesKept = planTypes(ctx, plan);
  // A name goes from its import when every use of it is replaced or removed.
  const gone = (n: Imported): boolean =>
    !typesKept.has(n) && ctx.refs.every((r) => r.binding !== n.local || plan.consumed.has(r.node.start ?? 0));
  const taken = imports.names.some(
    (n) => n.local.type === 'Identifier' && n.local.name === 'OpenAI' && !INFERENCE.test(n.module),
  );
  if (taken) ctx.report(imports.inference[0] as Node, 'AZM208', 'the name OpenAI is already taken in this file');
  const needsOpenai = plan.openaiValue || plan.openaiTypes.size > 0 || plan.clientOptions;
  let openaiAfter: Node | undefined;
  for (const [statement, names] of retiredStatements(imports)) {
    const kept = names.filter((n) => !gone(n));
    let replacement: string | undefined;
    if (kept.length < names.length)
      replacement = kept.length === 0 ? '' : rebuild(text, statement, kept, imports.quote);
    if (!openaiAfter && needsOpenai && names.some((n) => INFERENCE.test(n.module))) {
      openaiAfter = statement;
      const line = openaiImport(ctx, plan, statement);
      replacement =
        replacement === undefined
          ? `${source(text, statement)}${eol(text)}${line}`
          : replacement === ''
            ? line
            : `${line}${eol(text)}${replacement}`;
    }
    if (replacement === '') plan.removals.push(statement);
    else if (replacement !== undefined)
      plan.edits.push({ start: statement.start ?? 0, end: statement.end ?? 0, text: replacement });
  }
  if (plan.identity) identity(ctx, plan, openaiAfter);
}

/** Plans the OpenAI type for each use of a retired one; returns the imported names that some type use still needs. */
function planTypes(ctx: Context, plan: Plan): Set<Imported> {
  const nameOf = inferenceNames(ctx.imports);
  const kept = new Set<Imported>();
  const done = new Set<Node>();
  walkAll(ctx.program, (node) => {
    if (done.has(node)) return;
    const whole = wholeType(node, nameOf, ctx.imports.quote);
    if (whole) {
      plan.edits.push({ start: node.start ?? 0, end: node.end ?? 0, text: whole.text });
      plan.openaiTypes.add('OpenAI');
      for (const n of whole.inner) done.add(n);
      return;
    }
    if (node.type === 'TSTypeQuery') {
      const name = nameOf(node.exprName as Node);
      if (name) {
        kept.add(name);
        ctx.report(node, 'AZM214', `typeof ${name.local.type === 'Identifier' ? name.local.name : ''}`);
      }
      return;
    }
    if (node.type !== 'TSTypeReference') return;
    const name = nameOf(node.typeName as Node);
    if (!name) return;
    const mapped = TYPES[name.imported];
    if (!mapped) {
      kept.add(name);
      ctx.report(node, 'AZM214', name.imported);
      return;
    }
    plan.edits.push({ start: node.typeName.start ?? 0, end: node.typeName.end ?? 0, text: mapped });
    if (mapped === 'ClientOptions') plan.clientOptions = true;
    else plan.openaiTypes.add('OpenAI');
  });
  return kept;
}

type NameOf = (node: Node | undefined) => Imported | undefined;

/** What an identifier names when it is imported from the retired SDK. */
function inferenceNames(imports: FileImports): NameOf {
  const byLocal = new Map<string, Imported>();
  for (const n of imports.names) if (n.local.type === 'Identifier') byLocal.set(n.local.name, n);
  return (node) => {
    if (node?.type !== 'Identifier') return undefined;
    const found = byLocal.get(node.name);
    return found && INFERENCE.test(found.module) ? found : undefined;
  };
}

/** A type replaced whole, and the nodes inside it that the replacement takes care of. */
interface WholeType {
  text: string;
  inner: Node[];
}

function wholeType(node: Node, nameOf: NameOf, quote: string): WholeType | undefined {
  return sameTypeUnion(node, nameOf) ?? bodyParamType(node, nameOf, quote) ?? factoryReturnType(node, nameOf);
}

/** `A | B` where both become the same OpenAI type: one of it. */
function sameTypeUnion(node: Node, nameOf: NameOf): WholeType | undefined {
  if (node.type !== 'TSUnionType') return undefined;
  const members = node.types.map((t) => (t.type === 'TSTypeReference' ? nameOf(t.typeName as Node) : undefined));
  const replacements = new Set(members.map((m) => (m ? TYPES[m.imported] : undefined)));
  const [only] = replacements;
  if (members.length < 2 || replacements.size !== 1 || !only) return undefined;
  return { text: only, inner: node.types };
}

/** `GetChatCompletionsBodyParam['body']`: the OpenAI request without its model. */
function bodyParamType(node: Node, nameOf: NameOf, quote: string): WholeType | undefined {
  if (node.type !== 'TSIndexedAccessType' || node.objectType.type !== 'TSTypeReference') return undefined;
  const name = nameOf(node.objectType.typeName as Node);
  if (
    name?.imported !== 'GetChatCompletionsBodyParam' ||
    node.indexType.type !== 'TSLiteralType' ||
    stringValue(node.indexType.literal as Node) !== 'body'
  )
    return undefined;
  return { text: `Omit<OpenAI.ChatCompletionCreateParams, ${quote}model${quote}>`, inner: [node.objectType] };
}

/** `ReturnType<typeof ModelClient>`: the client, `OpenAI`. */
function factoryReturnType(node: Node, nameOf: NameOf): WholeType | undefined {
  if (node.type !== 'TSTypeReference' || node.typeName.type !== 'Identifier' || node.typeName.name !== 'ReturnType')
    return undefined;
  const arg = node.typeParameters?.params[0];
  const factory = arg?.type === 'TSTypeQuery' ? nameOf(arg.exprName as Node) : undefined;
  if (factory?.imported !== 'default') return undefined;
  return { text: 'OpenAI', inner: [arg as Node] };
}

/** The import statements of the retired SDK and its companions, each with the names it imports. */
function retiredStatements(imports: FileImports): Map<Node, Imported[]> {
  const statements = new Map<Node, Imported[]>();
  for (const n of imports.names) {
    if (!(INFERENCE.test(n.module) || n.module === CORE_AUTH || n.module === CORE_SSE)) continue;
    statements.set(n.statement, [...(statements.get(n.statement) ?? []), n]);
  }
  return statements;
}

/** The import of openai the moved file needs, in its style, to go with `statement`. */
function openaiImport(ctx: Context, plan: Plan, statement: Node): string {
  const { text, imports } = ctx;
  const q = imports.quote;
  const s = semicolon(text, statement);
  if (imports.commonjs) return `const OpenAI = require(${q}openai${q})${s}`;
  if (plan.openaiValue)
    return `import OpenAI${plan.clientOptions ? ', { type ClientOptions }' : ''} from ${q}openai${q}${s}`;
  const lines: string[] = [];
  if (plan.openaiTypes.size > 0) lines.push(`import type OpenAI from ${q}openai${q}${s}`);
  if (plan.clientOptions) lines.push(`import type { ClientOptions } from ${q}openai${q}${s}`);
  return lines.join(eol(text));
}

/** `;` when the statement ends with one (the file's style), else nothing. */
function semicolon(text: string, statement: Node): string {
  return text[(statement.end ?? 1) - 1] === ';' ? ';' : '';
}

/** An import (or require) of the same module with only the names kept. */
function rebuild(text: string, statement: Node, kept: Imported[], q: string): string {
  const s = semicolon(text, statement);
  const module = kept[0]?.module ?? '';
  if (statement.type === 'ImportDeclaration') {
    const def = kept.find((k) => k.specifier.type === 'ImportDefaultSpecifier');
    const named = kept.filter((k) => k.specifier.type === 'ImportSpecifier').map((k) => source(text, k.specifier));
    const kind = statement.importKind === 'type' ? 'type ' : '';
    const parts = [def ? source(text, def.specifier) : '', named.length ? `{ ${named.join(', ')} }` : ''].filter(
      Boolean,
    );
    return `import ${kind}${parts.join(', ')} from ${q}${module}${q}${s}`;
  }
  const props = kept.map((k) => source(text, k.specifier));
  const keyword = statement.type === 'VariableDeclaration' ? statement.kind : 'const';
  return `${keyword} { ${props.join(', ')} } = require(${q}${module}${q})${s}`;
}

/** getBearerTokenProvider from @azure/identity: added to its import, or imported after openai. */
function identity(ctx: Context, plan: Plan, after: Node | undefined): void {
  const { text, imports } = ctx;
  const q = imports.quote;
  if (imports.names.some((n) => n.module === '@azure/identity' && n.imported === 'getBearerTokenProvider')) return;
  const existing = imports.identityStatement;
  if (existing?.type === 'ImportDeclaration') {
    const last = existing.specifiers[existing.specifiers.length - 1];
    if (last?.type === 'ImportSpecifier') {
      plan.edits.push({ start: last.end ?? 0, end: last.end ?? 0, text: ', getBearerTokenProvider' });
      return;
    }
  }
  if (!after) return;
  const s = semicolon(text, after);
  const line = imports.commonjs
    ? `const { getBearerTokenProvider } = require(${q}@azure/identity${q})${s}`
    : `import { getBearerTokenProvider } from ${q}@azure/identity${q}${s}`;
  plan.edits.push({ start: after.end ?? 0, end: after.end ?? 0, text: `${eol(text)}${line}` });
}
