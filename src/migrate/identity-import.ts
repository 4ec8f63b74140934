// Adds `DefaultAzureCredential` and `getBearerTokenProvider` from @azure/identity to a file whose client now uses
// Entra ID, in the file's own module style, after its openai import; never twice.
import type { FileContext } from './findings.js';
import type { Imports } from './imports.js';
import { type Node, requireSpecifier } from './parse.js';

const NAMES = ['DefaultAzureCredential', 'getBearerTokenProvider'];

export function identityImport(ctx: FileContext, ast: Node, imports: Imports): void {
  const have = new Set<string>();
  const program = ast.type === 'File' ? ast.program : undefined;
  for (const statement of program?.body ?? []) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === '@azure/identity') {
      for (const spec of statement.specifiers) have.add(spec.local.name);
    }
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        if (d.init && requireSpecifier(d.init as Node) === '@azure/identity' && d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties)
            if (p.type === 'ObjectProperty' && p.value.type === 'Identifier') have.add(p.value.name);
        }
      }
    }
  }
  const missing = NAMES.filter((name) => !have.has(name));
  const anchor = imports.anchor;
  if (missing.length === 0 || !anchor) return;
  const q = imports.quote;
  const semi = ctx.text[(anchor.node.end ?? 1) - 1] === ';' ? ';' : '';
  const line = anchor.require
    ? `const { ${missing.join(', ')} } = require(${q}@azure/identity${q})${semi}`
    : `import { ${missing.join(', ')} } from ${q}@azure/identity${q}${semi}`;
  ctx.edits.appendLeft(anchor.node.end ?? 0, `${ctx.eol}${line}`);
}
