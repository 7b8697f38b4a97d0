import { sanitiseForTerminal } from '../../domain/text.js';

export interface Column<T> {
  header: string;
  value(row: T): string;
  /** Colour a cell (ANSI) after padding, so alignment ignores escape codes. */
  colour?(row: T, padded: string): string;
  align?: 'left' | 'right';
  max?: number;
}

export interface TableOptions<T> {
  colour: boolean;
  /** Put before every line (the audit indents its blocks under their headings). */
  indent?: string;
  /** Lines that follow a row, starting under the second column (the audit's fixes). Sanitised by the caller. */
  after?(row: T, index: number): string[];
}

/**
 * The one plain aligned text table of the CLI (inventory, audit): its lines, header first. Every cell passes
 * the terminal sanitiser: values are from AWS and may hold escape sequences.
 */
export function tableLines<T>(rows: readonly T[], columns: Column<T>[], opts: TableOptions<T>): string[] {
  const indent = opts.indent ?? '';
  const cells = rows.map((r) => columns.map((c) => clip(sanitiseForTerminal(c.value(r)), c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => [...row[i]].length)));
  const pad = (s: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, widths[i] - [...s].length));
    return columns[i].align === 'right' ? gap + s : s + gap;
  };
  const header = columns.map((c, i) => pad(c.header, i)).join('  ').trimEnd();
  const lines = [indent + (opts.colour ? `\u001b[1m${header}\u001b[22m` : header)];
  const under = indent + ' '.repeat(widths[0] + 2);
  rows.forEach((r, ri) => {
    const line = columns
      .map((c, i) => {
        const padded = pad(cells[ri][i], i);
        return opts.colour && c.colour ? c.colour(r, padded) : padded;
      })
      .join('  ');
    lines.push(indent + line.trimEnd());
    for (const extra of opts.after?.(r, ri) ?? []) lines.push(under + extra);
  });
  return lines;
}

export function renderTable<T>(rows: T[], columns: Column<T>[], colour: boolean): string {
  return tableLines(rows, columns, { colour }).join('\n') + '\n';
}

function clip(s: string, max?: number): string {
  if (!max) return s;
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : s;
}

export const ansi = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  green: (s: string) => `\u001b[32m${s}\u001b[39m`,
  dim: (s: string) => `\u001b[2m${s}\u001b[22m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
};
