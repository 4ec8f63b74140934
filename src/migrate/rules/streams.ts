// Stream loops that read the first choice of every chunk: Azure's first chunk has none.
import { type FileContext, report } from '../findings.js';
import { memberChain, type Node, unwrap } from '../parse.js';

/** `chunk.choices[0].delta` on a streamed chunk: Azure's first chunk has no choices, so it throws. */
export function checkStreamChoice(ctx: FileContext, node: Node, ancestors: readonly Node[]): void {
  if (node.type !== 'MemberExpression') return;
  const indexed = unwrap(node.object as Node);
  if (indexed.type !== 'MemberExpression' && indexed.type !== 'OptionalMemberExpression') return;
  if (!indexed.computed || indexed.property.type !== 'NumericLiteral' || indexed.property.value !== 0) return;
  const chain = memberChain(indexed.object as Node);
  if (chain.length !== 2 || chain[1] !== 'choices' || !chain[0]) return;
  if (!isStreamChunk(chain[0], ancestors)) return;
  report(
    ctx,
    node,
    'error',
    'AZM014',
    `${chain[0]}.choices[0] on a streamed chunk: Azure's first chunk has no choices (and content-filter chunks no delta); use ${chain[0]}.choices[0]?.delta`,
    ancestors,
  );
}

function isStreamChunk(name: string, ancestors: readonly Node[]): boolean {
  return ancestors.some((a) => {
    if (a.type === 'ForOfStatement' && a.await && a.left.type === 'VariableDeclaration') {
      const id = a.left.declarations[0]?.id;
      return id?.type === 'Identifier' && id.name === name;
    }
    if ((a.type === 'ArrowFunctionExpression' || a.type === 'FunctionExpression') && /chunk/i.test(name)) {
      return a.params.some((p) => p.type === 'Identifier' && p.name === name);
    }
    return false;
  });
}
