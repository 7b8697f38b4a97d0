import type { Parents, PhrasingContent, Root, Table } from 'mdast';
import { toMarkdown, type Handle, type Info, type Options, type State } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { plainText } from './plain-text.js';

/*
 * The report's syntax tree as Markdown text, by mdast-util-to-markdown with GFM. Two shortcuts
 * keep a large account's report (10,000 certificates: over 100,000 table cells) fast, and both
 * write exactly what the library writes without them (test/report/serialise.test.ts compares):
 *
 * - text that needs no escape is not put through every escape pattern (see plain-text.ts);
 * - a table cell holding one text node is written by the text handler directly. The library
 *   serialises every cell as phrasing that could hold emphasis, pairing and re-checking attention
 *   markers; with a single text node there is nothing to pair and the result is that node's text.
 */

const gfm = gfmToMarkdown();
const gfmTable = gfm.extensions?.find((e) => e.handlers?.table)?.handlers?.table as Handle;

const table: Handle = (node: Table, parent: Parents | undefined, state: State, info: Info) => {
  // GFM's table handler writes each cell through state.containerPhrasing: for this table only,
  // cells of one text node take the direct way.
  const containerPhrasing = state.containerPhrasing;
  state.containerPhrasing = function (this: State, cell, cellInfo) {
    const only = cell.children.length === 1 ? (cell.children[0] as PhrasingContent) : undefined;
    if (only?.type !== 'text') return containerPhrasing.call(this, cell, cellInfo);
    // The position the library's phrasing loop gives an only child.
    state.indexStack.push(0);
    try {
      return state.handle(only, cell, state, cellInfo);
    } finally {
      state.indexStack.pop();
    }
  };
  try {
    return gfmTable(node, parent, state, info);
  } finally {
    state.containerPhrasing = containerPhrasing;
  }
};

const OPTIONS: Options = {
  extensions: [gfm],
  bullet: '-',
  fence: '`',
  fences: true,
  rule: '-',
  handlers: { text: plainText, table },
};

/** `shortcuts: false` is the library alone: the reference the shortcuts are checked against. */
export function serialiseMarkdown(tree: Root, { shortcuts = true }: { shortcuts?: boolean } = {}): string {
  return toMarkdown(tree, shortcuts ? OPTIONS : { ...OPTIONS, handlers: {} });
}
