import { sanitiseForTerminal } from '../domain/text.js';

/**
 * Text for one line of Markdown (a table cell, heading or paragraph). On top of the
 * terminal sanitiser, Unicode line/paragraph separators become spaces: some viewers
 * break lines on them, which would split a table row.
 */
export function mdText(value: string | null | undefined, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  return sanitiseForTerminal(value).replace(/[\u2028\u2029\u0085]/g, ' ');
}

/** Multi-line text for fenced code: line breaks survive, every other control is made visible. */
export function mdCode(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => sanitiseForTerminal(line.replace(/\t/g, '    ')).replace(/[\u2028\u2029\u0085]/g, ' '))
    .join('\n')
    // the fence supplies the final line break
    .replace(/\n+$/, '');
}

/** A fence info string: letters, digits and a few separators, or nothing. */
export function fenceLanguage(value: string | null | undefined): string | null {
  if (!value) return null;
  const lang = /^[a-z0-9_+.-]+/.exec(value.trim().toLowerCase())?.[0] ?? '';
  return lang.length ? lang.slice(0, 32) : null;
}

/** Mermaid labels are quoted strings in its own grammar: keep a plain, quote-free subset. */
export function mermaidLabel(value: string): string {
  return sanitiseForTerminal(value).replace(/[^A-Za-z0-9 ._/-]/g, '_').slice(0, 40);
}

/** Only absolute http(s) URLs become links; anything else is shown as text. */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}
