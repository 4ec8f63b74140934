// Adds `DefaultAzureCredential` and `getBearerTokenProvider` from @azure/identity to a file whose client now uses
// Entra ID, in the file's own module style, after its openai import (never twice), and the module's one token
// provider after its imports: every client of the module shares it, none builds a credential per request.
import type { FileContext } from '../findings.js';
import { type Node, requireSpecifier } from '../parse.js';
import { tokenProviderDeclaration } from '../replacement.js';
import type { Imports } from './imports.js';

const NAMES = ['DefaultAzureCredential', 'getBearerTokenProvider'];

export function identityImport(
  ctx: FileContext,
  ast: Node,
  imports: Imports,
  provider: string,
  firstClient: number,
): void {
  const have = new Set<string>();
  const program = ast.type === 'File' ? ast.program : undefined;
  const body = program?.body ?? [];
  for (const statement of body) {
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
  const lastImport = body.filter((s) => s.type === 'ImportDeclaration' || s.type === 'TSImportEqualsDeclaration').pop();
  // Without a static openai import (only `await import("openai")`): at the top, after directives and other imports.
  const top = program?.directives.at(-1)?.end ?? program?.interpreter?.end ?? 0;
  const esm = anchor ? !anchor.require : lastImport !== undefined || program?.sourceType === 'module';
  const q = imports.quote;
  const semi = anchor ? (ctx.text[(anchor.node.end ?? 1) - 1] === ';' ? ';' : '') : ';';
  const importAt = anchor?.node.end ?? lastImport?.end ?? top;
  // After the last import, unless a client is built before it (a const is not hoisted as imports are).
  const afterImports = lastImport?.end ?? importAt;
  const declarationAt = esm && afterImports < firstClient ? afterImports : importAt;
  const insert = (at: number, line: string) =>
    ctx.edits.appendLeft(at, at === 0 ? `${line}${ctx.eol}` : `${ctx.eol}${line}`);
  if (missing.length > 0) {
    insert(
      importAt,
      esm
        ? `import { ${missing.join(', ')} } from ${q}@azure/identity${q}${semi}`
        : `const { ${missing.join(', ')} } = require(${q}@azure/identity${q})${semi}`,
    );
  }
  insert(declarationAt, `${tokenProviderDeclaration(provider, q)}${semi}`);
}
