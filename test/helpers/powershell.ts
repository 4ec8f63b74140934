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

/**
 * The arguments of a one-command line such as `cd './-x'`, as PowerShell passes them: bare words as written,
 * single-quoted strings decoded, double-quoted strings decoded when they hold only backtick escapes and
 * $([char]0x..) subexpressions (what shellWord writes). Throws on a syntax error or anything else.
 */
export function readCommandArguments(source: string): string[] {
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  if (tree.rootNode.hasError) throw new Error(`syntax error in ${source}: ${tree.rootNode.toString()}`);
  const command = tree.rootNode.descendantsOfType('command')[0];
  const elements = command?.childForFieldName('command_elements');
  if (!command || !elements || tree.rootNode.descendantsOfType('command').length !== 1) {
    throw new Error(`not one command: ${source}`);
  }
  const values: string[] = [];
  for (const node of elements.children) {
    if (!node || node.type === 'command_argument_sep') continue;
    // A native command gets a bare word, and a -parameter, as written.
    if (node.type === 'generic_token' || node.type === 'command_parameter') {
      values.push(node.text);
      continue;
    }
    const literal = node.descendantsOfType('string_literal')[0];
    if (!literal || literal.text !== node.text) throw new Error(`not a string or word: ${node.toString()}`);
    const text = literal.text;
    if (literal.descendantsOfType('verbatim_string_characters').length > 0 || QUOTES.has([...text][0] ?? '')) {
      values.push(decodeVerbatimString(text));
      continue;
    }
    values.push(decodeExpandable(text));
  }
  return values;
}

/** "..." with `x escapes and $([char]0xHH) only. */
function decodeExpandable(literal: string): string {
  const body = literal.slice(1, -1);
  let value = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    const char = /^\$\(\[char\]0x([0-9a-f]+)\)/.exec(body.slice(i));
    if (char?.[1]) {
      value += String.fromCharCode(Number.parseInt(char[1], 16));
      i += char[0].length - 1;
    } else if (c === '`') {
      value += body[++i] ?? '';
    } else if (c === '$' || c === '"' || /[\u201c-\u201e]/.test(c)) {
      throw new Error(`unescaped ${c} in ${literal}`);
    } else {
      value += c;
    }
  }
  return value;
}
