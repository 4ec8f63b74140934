// Code that branches on a model name (a comparison, a pattern, a lookup table): on Azure the request carries a
// deployment name, which may differ.
import { type FileContext, report } from '../findings.js';
import { memberChain, type Node, propertyName, stringValue, unwrap } from '../parse.js';

/** A regular expression about model names: `/^(o[1-9]|gpt-5)/`. */
const MODEL_PATTERN = /gpt|(?:^|[^a-z])o(?:\[[^\]]*\]|[1-9])|dall-?e|whisper|davinci|embedding/i;

/**
 * Code that branches on a model name: `model === "gpt-4o"`, `model.startsWith("o1")`, `case "gpt-4":`,
 * `/^(o[1-9]|gpt-5)/.test(model)`, and lookup tables (an object keyed by model names, a list of them).
 */
export function checkModelLogic(ctx: FileContext, node: Node, ancestors: readonly Node[]): void {
  let literal: Node | undefined;
  let what: string | undefined;
  if (node.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(node.operator)) {
    literal = [node.left as Node, node.right as Node].find((side) => isModelName(stringValue(side)));
  } else if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = memberChain(node.callee as Node).pop() ?? '';
    const arg = node.arguments[0] as Node | undefined;
    const object = unwrap(node.callee.object as Node);
    if (['startsWith', 'includes', 'endsWith'].includes(method) && isModelName(stringValue(arg))) literal = arg;
    else if (
      ['test', 'exec'].includes(method) &&
      object.type === 'RegExpLiteral' &&
      MODEL_PATTERN.test(object.pattern)
    ) {
      literal = object;
      what = `the pattern /${object.pattern}/`;
    } else if (
      ['match', 'search'].includes(method) &&
      arg?.type === 'RegExpLiteral' &&
      MODEL_PATTERN.test(arg.pattern)
    ) {
      literal = arg;
      what = `the pattern /${arg.pattern}/`;
    }
  } else if (node.type === 'SwitchCase' && node.test && isModelName(stringValue(node.test as Node))) {
    literal = node.test as Node;
  } else if (node.type === 'ObjectExpression') {
    const key = node.properties
      .map((p) => (p.type === 'ObjectProperty' || p.type === 'ObjectMethod' ? propertyName(p as Node) : undefined))
      .find(isModelName);
    if (key !== undefined) {
      literal = node;
      what = `a table keyed by model names ("${key}")`;
    }
  } else if (node.type === 'ArrayExpression' && node.elements.length >= 2) {
    const values = node.elements.map((e) => (e ? stringValue(e as Node) : undefined));
    const first = values.find(isModelName);
    if (first !== undefined && values.every((v) => v !== undefined)) {
      literal = node;
      what = `a list of model names ("${first}")`;
    }
  }
  if (literal) {
    report(
      ctx,
      literal,
      'warning',
      'AZM013',
      `logic depends on ${what ?? `the model name "${stringValue(literal)}"`}: on Azure the request carries a deployment name, which may differ`,
      ancestors,
    );
  }
}

const MODEL_NAME =
  /^(?:gpt-?\d|gpt-4o|o[1-9](?:-|$)|chatgpt|text-embedding|dall-e|whisper|tts-|davinci|gpt-image|codex)/i;
export function isModelName(value: string | undefined): boolean {
  return value !== undefined && MODEL_NAME.test(value);
}
