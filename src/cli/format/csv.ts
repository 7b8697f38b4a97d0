import { sanitiseForTerminal } from '../../domain/text.js';

/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * get a leading apostrophe: a tag value is data, not a formula.
 *
 * `terminal`: the CSV is going to a terminal, not a file or a pipe, so every cell passes the
 * terminal sanitiser first (a tag could otherwise retitle the window or plant a hyperlink).
 * Without it the cells are the data, byte for byte.
 */
export function csvCell(value: unknown, terminal = false): string {
  let s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (terminal) s = sanitiseForTerminal(s);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[], terminal = false): string {
  return values.map((v) => csvCell(v, terminal)).join(',');
}
