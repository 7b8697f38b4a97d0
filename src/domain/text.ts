/**
 * Every string that came from AWS passes through here before it reaches a terminal.
 *
 * Tag values and names are attacker-reachable (anyone who can tag a certificate can
 * write them), so escape sequences that could set the window title (OSC), move the
 * cursor or recolour the screen (CSI), and bidi overrides that reorder what a reader
 * sees, are made visible instead of interpreted.
 */
// ESC-initiated sequences: CSI, OSC (terminated by BEL or ST), and two-byte escapes.
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;
// C0/C1 controls; line breaks (incl. U+2028/2029) become spaces: a newline would break a table row.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// Bidi embeddings/overrides/isolates and zero-width/invisible formatting characters.
const BIDI = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

// Any character one of the three expressions above acts on: most strings hold none and are returned as they are.
const NEEDS_WORK = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export function sanitiseForTerminal(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value
    .replace(ANSI_SEQUENCE, '\uFFFD')
    .replace(CONTROL, (c) => ('\n\r\t\u2028\u2029'.includes(c) ? ' ' : '\uFFFD'))
    .replace(BIDI, '\uFFFD');
}

/** Nullable convenience: null/undefined become an em dash. */
export function safe(value: string | null | undefined, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  return sanitiseForTerminal(value);
}

// What JSON.stringify leaves raw but a terminal would act on or reorder: DEL, C1 controls (U+009B is
// a one-character CSI), line/paragraph separators, and the bidi/invisible formatting set above. C0
// controls need nothing: JSON.stringify already writes them as escapes.
const JSON_INERT = /[\u007f-\u009f\u2028\u2029\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * JSON that is safe on a terminal and still exactly the same data: the characters above are written
 * as `\uXXXX` escapes. They can only occur inside string literals, so escaping them in the
 * serialised text never changes what a JSON parser reads back.
 */
export function toInertJson(value: unknown, space: number = 2): string {
  return JSON.stringify(value, null, space).replace(JSON_INERT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A one-line message for stderr. Error messages echo what the user typed (a region, a path, a
 * format) and that may hold escapes too; it is also cut, so a pasted megabyte stays one line.
 */
export function terminalLine(value: string, max = 1000): string {
  const chars = [...sanitiseForTerminal(value)];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
