// What a client's options say about where it talks and with which key: reads of OPENAI_API_KEY, a key that is not
// the client's own, and base URLs (OpenAI's, Azure's, another provider's).
import { memberChain, type Node, propertyName, stringValue, unwrap } from '../parse.js';
import { patternNames } from '../scope.js';

/** `process.env.OPENAI_API_KEY` (also `["OPENAI_API_KEY"]` and Deno's `Deno.env.get("OPENAI_API_KEY")`). */
export function isOpenaiKeyRead(node: Node): boolean {
  const value = unwrap(node);
  if (value.type === 'CallExpression') {
    const chain = memberChain(value.callee as Node);
    return chain.join('.') === 'Deno.env.get' && stringValue(value.arguments[0] as Node) === 'OPENAI_API_KEY';
  }
  if (value.type !== 'MemberExpression') return false;
  return memberChain(value).join('.') === 'process.env.OPENAI_API_KEY';
}

/**
 * The client's own key: its read of OPENAI_API_KEY (with a literal fallback: `?? ""`), or a literal written into the
 * options. Anything else (a variable, a parameter, a property of a value, a function result) may be a user's key or
 * shared with other code, and is never replaced.
 */
export function ownKey(value: Node): boolean {
  const inner = unwrap(value);
  if (stringValue(inner) !== undefined) return true;
  if (inner.type === 'LogicalExpression' && (inner.operator === '??' || inner.operator === '||')) {
    return isOpenaiKeyRead(inner.left as Node) && stringValue(unwrap(inner.right as Node)) !== undefined;
  }
  return isOpenaiKeyRead(inner);
}

/** What a key that is not the client's own is, in words, for the finding. */
export function describeKey(prop: Node, value: Node | undefined, ancestors: readonly Node[]): string {
  if (prop.type === 'ObjectProperty' && prop.shorthand) return `the variable \`${propertyName(prop)}\``;
  if (!value) return 'not a plain value';
  let inner = unwrap(value);
  // `profile.openai_api_key || ""`: what matters is where the key comes from, not its fallback.
  while (inner.type === 'LogicalExpression') inner = unwrap(inner.left as Node);
  if (inner.type === 'Identifier') {
    const parameter = ancestors.some(
      (a) =>
        (a.type === 'FunctionDeclaration' ||
          a.type === 'ArrowFunctionExpression' ||
          a.type === 'FunctionExpression' ||
          a.type === 'ClassMethod' ||
          a.type === 'ObjectMethod') &&
        a.params.some((p) => patternNames(p as Node).includes(inner.name)),
    );
    return parameter ? `the parameter \`${inner.name}\`` : `the variable \`${inner.name}\``;
  }
  if (inner.type === 'MemberExpression' || inner.type === 'OptionalMemberExpression') {
    const chain = memberChain(inner);
    if (chain[0] === 'process' && chain[1] === 'env') return `the environment variable ${chain[2] ?? ''}`;
    return `a property of a value (${chain.join('.').replace(/\?/g, '…')})`;
  }
  if (inner.type === 'CallExpression' || inner.type === 'AwaitExpression') return 'the result of a call';
  return 'an expression';
}

/** `process.env.OPENAI_BASE_URL || "https://api.openai.com/v1"`: a base URL that is OpenAI's unless overridden. */
export function openaiFallback(value: Node): boolean {
  if (value.type !== 'LogicalExpression' || (value.operator !== '||' && value.operator !== '??')) return false;
  const fallback = stringValue(unwrap(value.right as Node));
  return fallback !== undefined && hostOf(fallback) === 'api.openai.com';
}

export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const AZURE_HOST = /\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com|azure-api\.net)$/;

/** An Azure OpenAI URL: an Azure host, a /openai/deployments path, or a template naming an AZURE_ variable. */
export function isAzureUrl(url: string): boolean {
  const host = hostOf(url.replace(/\$\{\d+\}/g, 'x'));
  return (host !== undefined && AZURE_HOST.test(host)) || /\/openai\/deployments\b|azure/i.test(url);
}

/** A template literal's text, expressions as ${0}, ${1}..., and `azure` kept when an expression names it. */
export function templateText(node: Node | undefined): string | undefined {
  if (node?.type !== 'TemplateLiteral') return undefined;
  const azure = node.expressions.some((e) => /azure/i.test(memberChain(e as Node).join('.')));
  return (
    node.quasis.map((q, i) => q.value.raw + (node.expressions[i] ? `\${${i}}` : '')).join('') + (azure ? '#azure' : '')
  );
}
