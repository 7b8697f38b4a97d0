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

export function sanitiseForTerminal(value: string): string {
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

/** True when the text holds anything the sanitiser would change. */
export function isHostile(value: string): boolean {
  return sanitiseForTerminal(value) !== value;
}
