// The types and imports of a moved file: the retired SDK's types become the OpenAI SDK's, each import loses the names
// no longer used (and goes when none is left), openai is imported in the file's style, and getBearerTokenProvider
// joins the @azure/identity import when a client now takes a token provider.
import { type Node, stringValue } from '../parse.js';
import { source, walkAll } from './ast.js';
import type { Context } from './context.js';
import type { Plan } from './edits.js';
import { CORE_AUTH, CORE_SSE, type Imported, INFERENCE } from './recognise.js';

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
  const byLocal = new Map<string, Imported>();
  for (const n of imports.names) if (n.local.type === 'Identifier') byLocal.set(n.local.name, n);
  const typeUses = new Map<Imported, number>();
  const typeConsumed = new Map<Imported, number>();
  const count = (m: Map<Imported, number>, i: Imported) => m.set(i, (m.get(i) ?? 0) + 1);
  const inferenceName = (node: Node | undefined): Imported | undefined => {
    if (node?.type !== 'Identifier') return undefined;
    const found = byLocal.get(node.name);
    return found && INFERENCE.test(found.module) ? found : undefined;
  };
  const handled = new Set<Node>();
  walkAll(ctx.program, (node) => {
    if (handled.has(node)) return;
    // `A | B` where both become the same OpenAI type: one of it.
    if (node.type === 'TSUnionType') {
      const members = node.types.map((t) =>
        t.type === 'TSTypeReference' ? inferenceName(t.typeName as Node) : undefined,
      );
      const targets = new Set(members.map((m) => (m ? TYPES[m.imported] : undefined)));
      const [only] = targets;
      if (members.length > 1 && targets.size === 1 && only) {
        plan.edits.push({ start: node.start ?? 0, end: node.end ?? 0, text: only });
        plan.openaiTypes.add('OpenAI');
        for (const t of node.types) handled.add(t);
        for (const m of members)
          if (m) {
            count(typeUses, m);
            count(typeConsumed, m);
          }
        return;
      }
    }
    if (node.type === 'TSIndexedAccessType' && node.objectType.type === 'TSTypeReference') {
      const name = inferenceName(node.objectType.typeName as Node);
      if (
        name?.imported === 'GetChatCompletionsBodyParam' &&
        node.indexType.type === 'TSLiteralType' &&
        stringValue(node.indexType.literal as Node) === 'body'
      ) {
        plan.edits.push({
          start: node.start ?? 0,
          end: node.end ?? 0,
          text: `Omit<OpenAI.ChatCompletionCreateParams, ${imports.quote}model${imports.quote}>`,
        });
        plan.openaiTypes.add('OpenAI');
        handled.add(node.objectType);
        count(typeUses, name);
        count(typeConsumed, name);
        return;
      }
    }
    if (node.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && node.typeName.name === 'ReturnType') {
      const arg = node.typeParameters?.params[0];
      const factory = arg?.type === 'TSTypeQuery' ? inferenceName(arg.exprName as Node) : undefined;
      if (factory?.imported === 'default') {
        plan.edits.push({ start: node.start ?? 0, end: node.end ?? 0, text: 'OpenAI' });
        plan.openaiTypes.add('OpenAI');
        handled.add(arg as Node);
        count(typeUses, factory);
        count(typeConsumed, factory);
        return;
      }
    }
    if (node.type === 'TSTypeQuery') {
      const name = inferenceName(node.exprName as Node);
      if (name) {
        count(typeUses, name);
        ctx.report(node, 'AZM214', `typeof ${name.local.type === 'Identifier' ? name.local.name : ''}`);
      }
      return;
    }
    if (node.type === 'TSTypeReference') {
      const name = inferenceName(node.typeName as Node);
      if (!name) return;
      count(typeUses, name);
      const mapped = TYPES[name.imported];
      if (!mapped) {
        ctx.report(node, 'AZM214', name.imported);
        return;
      }
      plan.edits.push({ start: node.typeName.start ?? 0, end: node.typeName.end ?? 0, text: mapped });
      if (mapped === 'ClientOptions') plan.clientOptions = true;
      else plan.openaiTypes.add('OpenAI');
      count(typeConsumed, name);
    }
  });
  // A name goes from its import when every use of it is replaced or removed.
  const gone = (n: Imported): boolean => {
    const values = ctx.refs.filter((r) => r.binding === n.local);
    if (values.some((r) => !plan.consumed.has(r.node.start ?? 0))) return false;
    return (typeUses.get(n) ?? 0) === (typeConsumed.get(n) ?? 0);
  };
  const taken = imports.names.some(
    (n) => n.local.type === 'Identifier' && n.local.name === 'OpenAI' && !INFERENCE.test(n.module),
  );
  if (taken) ctx.report(imports.inference[0] as Node, 'AZM208', 'the name OpenAI is already taken in this file');
  const q = imports.quote;
  const semi = (statement: Node) => (text[(statement.end ?? 1) - 1] === ';' ? ';' : '');
  const openaiLine = (statement: Node): string => {
    const s = semi(statement);
    if (imports.commonjs) return `const OpenAI = require(${q}openai${q})${s}`;
    if (plan.openaiValue)
      return `import OpenAI${plan.clientOptions ? ', { type ClientOptions }' : ''} from ${q}openai${q}${s}`;
    const lines: string[] = [];
    if (plan.openaiTypes.size > 0) lines.push(`import type OpenAI from ${q}openai${q}${s}`);
    if (plan.clientOptions) lines.push(`import type { ClientOptions } from ${q}openai${q}${s}`);
    return lines.join(eol(text));
  };
  const statements = new Map<Node, Imported[]>();
  for (const n of imports.names) {
    if (!(INFERENCE.test(n.module) || n.module === CORE_AUTH || n.module === CORE_SSE)) continue;
    statements.set(n.statement, [...(statements.get(n.statement) ?? []), n]);
  }
  let openaiPlaced = false;
  let identityAfter: Node | undefined;
  for (const [statement, names] of statements) {
    const kept = names.filter((n) => !gone(n));
    const isInference = names.some((n) => INFERENCE.test(n.module));
    let replacement: string | undefined;
    if (kept.length < names.length) replacement = kept.length === 0 ? '' : rebuild(text, statement, kept, q);
    if (isInference && !openaiPlaced && (plan.openaiValue || plan.openaiTypes.size > 0 || plan.clientOptions)) {
      openaiPlaced = true;
      identityAfter = statement;
      const line = openaiLine(statement);
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
  if (plan.identity) identity(ctx, plan, identityAfter);
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** An import (or require) of the same module with only the names kept. */
function rebuild(text: string, statement: Node, kept: Imported[], q: string): string {
  const s = text[(statement.end ?? 1) - 1] === ';' ? ';' : '';
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
  const s = text[(after.end ?? 1) - 1] === ';' ? ';' : '';
  const line = imports.commonjs
    ? `const { getBearerTokenProvider } = require(${q}@azure/identity${q})${s}`
    : `import { getBearerTokenProvider } from ${q}@azure/identity${q}${s}`;
  plan.edits.push({ start: after.end ?? 0, end: after.end ?? 0, text: `${eol(text)}${line}` });
}
