import type { Parents, Text } from 'mdast';
import { defaultHandlers, type Info, type State, type Unsafe } from 'mdast-util-to-markdown';

/*
 * The serialiser's escaping, without its cost where it would change nothing.
 *
 * mdast-util-to-markdown makes every text node safe by trying each of its ~50 "unsafe" patterns
 * on it; over the 100,000+ cells of a large account's tables that is most of the report's time.
 * Most cells (a region, a status, a date, a domain) match none of the patterns in scope, and
 * then the library returns the value as it was. This handler proves that case with the
 * library's own patterns and compiled expressions (a pattern can only escape its own character,
 * so only the patterns whose character occurs are tried) and hands every other node to the
 * library's text handler. The output is therefore byte for byte what the library writes.
 *
 * What the library writes for a text node depends only on its value, the characters around it,
 * the construct stack and the neighbouring nodes' types, so a short value that did need the
 * library (`RSA_2048`: an underscore is tried, then found to be inside a word) is remembered per
 * context: a column repeats a few such values thousands of times.
 */

// The library's compiled expressions are global and carry `lastIndex`; probes are private copies.
const probes = new WeakMap<Unsafe, RegExp>();
// Per serialisation and context (construct stack and neighbouring nodes' types): the patterns that
// apply there, and what the library wrote for short values that needed it.
interface Context {
  patterns: Unsafe[];
  written: Map<string, string>;
}
const contexts = new WeakMap<State, Map<string, Context>>();
const REMEMBERED_LENGTH = 64;

export function plainText(node: Text, parent: Parents | undefined, state: State, info: Info): string {
  const siblings = parent && 'children' in parent ? (parent.children as Array<{ type: string }>) : [];
  const index = state.indexStack[state.indexStack.length - 1];
  const context = contextOf(state, siblings[index - 1], siblings[index + 1]);
  const value = node.value;
  if (needsNoEscape(value, context.patterns, state, info)) return value;
  const before = info.before ?? '';
  const after = info.after ?? '';
  // `encode` asks for other characters to be written as references: rare, and not remembered.
  const key = value.length <= REMEMBERED_LENGTH && !(info as { encode?: unknown }).encode ? `${before}\u0000${after}\u0000${value}` : null;
  const known = key === null ? undefined : context.written.get(key);
  if (known !== undefined) return known;
  const written = defaultHandlers.text(node, parent, state, info);
  if (key !== null) context.written.set(key, written);
  return written;
}

function needsNoEscape(value: string, patterns: Unsafe[], state: State, info: Info): boolean {
  const before = info.before ?? '';
  const after = info.after ?? '';
  // Backslashes are escaped by a pass of their own, which also looks at the next character.
  if (value.includes('\\') || after.includes('\\')) return false;
  const whole = before + value + after;
  const start = before.length;
  const end = start + value.length;
  for (const pattern of patterns) {
    if (!value.includes(pattern.character)) continue;
    const subject = whole.slice(pattern.beforeNode ? start : 0, pattern.afterNode ? end : undefined);
    if (probe(state, pattern).test(subject)) return false;
  }
  return true;
}

function contextOf(state: State, beforeNode?: { type: string }, afterNode?: { type: string }): Context {
  let byKey = contexts.get(state);
  if (!byKey) contexts.set(state, (byKey = new Map()));
  const key = `${state.stack.join(' ')}|${beforeNode?.type ?? ''}|${afterNode?.type ?? ''}`;
  let context = byKey.get(key);
  if (!context) {
    // The same tests the library's safe() makes before trying a pattern.
    const patterns = state.unsafe.filter(
      (p) =>
        listInScope(state.stack, p.inConstruct, true) &&
        !listInScope(state.stack, p.notInConstruct, false) &&
        nodeInScope(p.beforeNode, beforeNode) &&
        nodeInScope(p.afterNode, afterNode),
    );
    byKey.set(key, (context = { patterns, written: new Map() }));
  }
  return context;
}

function listInScope(stack: readonly string[], list: Unsafe['inConstruct'], none: boolean): boolean {
  const names = typeof list === 'string' ? [list] : list;
  if (!names || names.length === 0) return none;
  return names.some((name) => stack.includes(name));
}

function nodeInScope(types: Unsafe['beforeNode'], node?: { type: string }): boolean {
  if (!types) return true;
  if (!node) return false;
  return typeof types === 'string' ? types === node.type : (types as string[]).includes(node.type);
}

function probe(state: State, pattern: Unsafe): RegExp {
  let re = probes.get(pattern);
  if (!re) {
    const compiled = state.compilePattern(pattern);
    re = new RegExp(compiled.source, compiled.flags.replace('g', ''));
    probes.set(pattern, re);
  }
  return re;
}
