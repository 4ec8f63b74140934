// Reading generated PowerShell without PowerShell: tree-sitter-powershell checks the syntax, and single-quoted
// (verbatim) strings are decoded with PowerShell's own rule, which the grammar does not fully know.
import { createRequire } from 'node:module';
import { Language, type Node, Parser } from 'web-tree-sitter';

// The grammar's WebAssembly build: no native addon to compile or match to this machine's C++ library.
await Parser.init();
const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
const parser = new Parser();
parser.setLanguage(await Language.load(wasm));

/** PowerShell ends a verbatim string at ' and at U+2018-U+201B; two in a row stand for the second one. */
const QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/** The value of a whole single-quoted PowerShell string literal; throws if `literal` is not exactly one. */
export function decodeVerbatimString(literal: string): string {
  const chars = [...literal];
  if (!QUOTES.has(chars[0] ?? '')) throw new Error(`not a single-quoted string: ${literal}`);
  let value = '';
  for (let i = 1; i < chars.length; i++) {
    const c = chars[i] as string;
    if (!QUOTES.has(c)) {
      value += c;
      continue;
    }
    const next = chars[i + 1];
    if (next !== undefined && QUOTES.has(next)) {
      value += next;
      i++;
      continue;
    }
    if (i !== chars.length - 1)
      throw new Error(`the string ends at character ${i}, before the literal does: ${literal}`);
    return value;
  }
  throw new Error(`unterminated string: ${literal}`);
}

export interface PowerShellScript {
  /** Syntax errors tree-sitter found, as "row:column type". */
  readonly errors: string[];
  /** `$env:NAME = '<literal>'` assignments: NAME -> decoded value. */
  readonly envAssignments: Map<string, string>;
}

export function readPowerShell(source: string): PowerShellScript {
  const tree = parser.parse(source.replace(/^\ufeff/, ''));
  if (!tree) throw new Error('tree-sitter returned no tree');
  const errors: string[] = [];
  const envAssignments = new Map<string, string>();
  const visit = (node: Node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.type}`);
    }
    if (node.type === 'assignment_expression') {
      const left = node.child(0)?.text ?? '';
      const value = node.childForFieldName('value')?.text ?? '';
      const name = /^\$env:(\w+)$/i.exec(left)?.[1];
      if (name && QUOTES.has([...value][0] ?? '')) envAssignments.set(name, decodeVerbatimString(value));
    }
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  return { errors, envAssignments };
}
