/**
 * THE keymap: every key the TUI answers, in one table. The footer hints and the `?` help render from
 * it, and `route()` resolves a key for the current mode and screen from it — so what is shown is what works.
 *
 * Keys route by mode: in the filter input and the text prompts (export path, workload name) every printable
 * key is text (typing "q1/" filters for "q1/"), only the bindings marked for that mode act.
 */
import type { Key } from 'ink';
import type { Mode, Screen } from './state/app-state.js';

export type Command =
  | 'view.overview'
  | 'view.certificates'
  | 'view.findings'
  | 'view.advisor'
  | 'view.report'
  | 'view.next'
  | 'view.prev'
  | 'copy.arn'
  | 'open.console'
  | 'cursor.down'
  | 'cursor.up'
  | 'cursor.top'
  | 'cursor.bottom'
  | 'cursor.page-down'
  | 'cursor.page-up'
  | 'filter.open'
  | 'filter.confirm'
  | 'filter.cancel'
  | 'filter.backspace'
  | 'open'
  | 'back'
  | 'sort.next'
  | 'sort.reverse'
  | 'refresh'
  | 'help'
  | 'help.close'
  | 'quit'
  | 'interrupt'
  | 'advisor.choice-down'
  | 'advisor.choice-up'
  | 'advisor.answer'
  | 'advisor.back'
  | 'advisor.forward'
  | 'advisor.result'
  | 'advisor.reset'
  | 'advisor.reset-confirm'
  | 'advisor.reset-cancel'
  | 'advisor.export'
  | 'advisor.workload'
  | 'advisor.workload-save'
  | 'advisor.workload-cancel'
  | 'advisor.workload-backspace'
  | 'findings.open'
  | 'findings.group'
  | 'report.export-md'
  | 'report.export-json'
  | 'prompt.confirm'
  | 'prompt.cancel'
  | 'prompt.backspace'
  | 'confirm.yes'
  | 'confirm.no';

const TABLE: Screen[] = ['certificates'];
/** Screens with a selected certificate: a table row, the opened detail, a finding's. */
const WITH_CERTIFICATE: Screen[] = ['certificates', 'detail', 'findings'];
const SCROLLABLE: Screen[] = ['overview', 'certificates', 'detail', 'findings', 'report'];
const ALL: Screen[] = ['overview', 'certificates', 'detail', 'findings', 'advisor', 'report'];

export interface Binding {
  command: Command;
  /** Key tokens, as produced by `keyTokens()`: 'j', 'G', 'up', 'pagedown', 'return', 'escape', 'ctrl+c'… */
  keys: string[];
  /** How the keys are shown: "↑/k". */
  label: string;
  description: string;
  modes: Mode[];
  screens: Screen[];
  /** Shown in the footer (the help overlay shows everything). */
  footer: boolean;
  group: 'Views' | 'Move' | 'Filter & sort' | 'General';
}

export const KEYMAP: readonly Binding[] = [
  { command: 'view.overview', keys: ['1'], label: '1', description: 'Overview', modes: ['normal'], screens: ALL, footer: false, group: 'Views' },
  { command: 'view.certificates', keys: ['2'], label: '2', description: 'Certificates', modes: ['normal'], screens: ALL, footer: false, group: 'Views' },
  { command: 'view.findings', keys: ['3'], label: '3', description: 'Findings', modes: ['normal'], screens: ALL, footer: false, group: 'Views' },
  { command: 'view.advisor', keys: ['4'], label: '4', description: 'Advisor', modes: ['normal'], screens: ALL, footer: false, group: 'Views' },
  { command: 'view.report', keys: ['5'], label: '5', description: 'Report', modes: ['normal'], screens: ALL, footer: false, group: 'Views' },
  { command: 'view.next', keys: ['tab', ']'], label: 'Tab/]', description: 'next view', modes: ['normal'], screens: ALL, footer: false, group: 'Views' },
  { command: 'view.prev', keys: ['shift+tab', '['], label: 'S-Tab/[', description: 'previous view', modes: ['normal'], screens: ALL, footer: false, group: 'Views' },
  { command: 'cursor.down', keys: ['down', 'j'], label: '↓/j', description: 'down', modes: ['normal', 'filter', 'help'], screens: SCROLLABLE, footer: true, group: 'Move' },
  { command: 'cursor.up', keys: ['up', 'k'], label: '↑/k', description: 'up', modes: ['normal', 'filter', 'help'], screens: SCROLLABLE, footer: true, group: 'Move' },
  { command: 'cursor.top', keys: ['g', 'home'], label: 'g', description: 'top', modes: ['normal', 'help'], screens: SCROLLABLE, footer: false, group: 'Move' },
  { command: 'cursor.bottom', keys: ['G', 'end'], label: 'G', description: 'bottom', modes: ['normal', 'help'], screens: SCROLLABLE, footer: false, group: 'Move' },
  { command: 'cursor.page-down', keys: ['pagedown', 'ctrl+d'], label: 'PgDn', description: 'page down', modes: ['normal', 'filter', 'help'], screens: SCROLLABLE, footer: false, group: 'Move' },
  { command: 'cursor.page-up', keys: ['pageup', 'ctrl+u'], label: 'PgUp', description: 'page up', modes: ['normal', 'filter', 'help'], screens: SCROLLABLE, footer: false, group: 'Move' },
  { command: 'filter.open', keys: ['/'], label: '/', description: 'filter', modes: ['normal'], screens: ['overview', 'certificates', 'detail', 'findings'], footer: true, group: 'Filter & sort' },
  { command: 'filter.confirm', keys: ['return'], label: 'Enter', description: 'confirm filter', modes: ['filter'], screens: ALL, footer: true, group: 'Filter & sort' },
  { command: 'filter.cancel', keys: ['escape'], label: 'Esc', description: 'clear filter', modes: ['filter'], screens: ALL, footer: true, group: 'Filter & sort' },
  { command: 'filter.backspace', keys: ['backspace', 'delete'], label: '⌫', description: 'delete a character', modes: ['filter'], screens: ALL, footer: false, group: 'Filter & sort' },
  { command: 'open', keys: ['return'], label: 'Enter', description: 'open', modes: ['normal'], screens: TABLE, footer: true, group: 'Move' },
  { command: 'back', keys: ['escape'], label: 'Esc', description: 'back', modes: ['normal'], screens: ['certificates', 'detail'], footer: true, group: 'General' },
  { command: 'sort.next', keys: ['s'], label: 's', description: 'sort column', modes: ['normal'], screens: ['certificates', 'findings'], footer: true, group: 'Filter & sort' },
  { command: 'sort.reverse', keys: ['S'], label: 'S', description: 'reverse sort', modes: ['normal'], screens: ['certificates', 'findings'], footer: false, group: 'Filter & sort' },
  // OSC 52: the terminal sets its own clipboard, so it works over SSH and in tmux (see terminal/clipboard.ts).
  { command: 'copy.arn', keys: ['y'], label: 'y', description: 'copy the ARN', modes: ['normal'], screens: WITH_CERTIFICATE, footer: false, group: 'General' },
  { command: 'open.console', keys: ['o'], label: 'o', description: 'console URL', modes: ['normal'], screens: WITH_CERTIFICATE, footer: false, group: 'General' },
  // Findings (3) and Report (5).
  { command: 'findings.open', keys: ['return'], label: 'Enter', description: 'open certificate', modes: ['normal'], screens: ['findings'], footer: true, group: 'Move' },
  // Not in the footer (it is full at 80 columns): the Findings summary line offers it when several accounts are read.
  { command: 'findings.group', keys: ['a'], label: 'a', description: 'findings by account / by severity', modes: ['normal'], screens: ['findings'], footer: false, group: 'Filter & sort' },
  { command: 'report.export-md', keys: ['e'], label: 'e', description: 'export Markdown', modes: ['normal'], screens: ['report'], footer: true, group: 'General' },
  { command: 'report.export-json', keys: ['E', 'J'], label: 'E', description: 'export JSON', modes: ['normal'], screens: ['report'], footer: true, group: 'General' },
  // The advisor (digits switch views, so choices move with arrows/j/k and Enter answers).
  { command: 'advisor.choice-down', keys: ['down', 'j'], label: '↑↓/jk', description: 'choose', modes: ['normal'], screens: ['advisor'], footer: true, group: 'Move' },
  { command: 'advisor.choice-up', keys: ['up', 'k'], label: '↑↓/jk', description: 'choose', modes: ['normal'], screens: ['advisor'], footer: false, group: 'Move' },
  { command: 'advisor.answer', keys: ['return'], label: 'Enter', description: 'answer', modes: ['normal'], screens: ['advisor'], footer: true, group: 'Move' },
  { command: 'advisor.back', keys: ['left', 'h', 'b'], label: '←/b', description: 'back', modes: ['normal'], screens: ['advisor'], footer: true, group: 'Move' },
  { command: 'advisor.forward', keys: ['right', 'l', 'n'], label: '→/n', description: 'next', modes: ['normal'], screens: ['advisor'], footer: true, group: 'Move' },
  { command: 'advisor.result', keys: ['v'], label: 'v', description: 'recommendation', modes: ['normal'], screens: ['advisor'], footer: true, group: 'General' },
  { command: 'advisor.export', keys: ['e'], label: 'e', description: 'write the answers as an answers file (report --answers)', modes: ['normal'], screens: ['advisor'], footer: false, group: 'General' },
  { command: 'advisor.reset', keys: ['X'], label: 'X', description: 'reset all answers', modes: ['normal'], screens: ['advisor'], footer: false, group: 'General' },
  { command: 'advisor.reset-confirm', keys: ['y'], label: 'y', description: 'confirm the reset', modes: ['normal'], screens: ['advisor'], footer: false, group: 'General' },
  { command: 'advisor.reset-cancel', keys: ['escape'], label: 'Esc', description: 'cancel the reset', modes: ['normal'], screens: ['advisor'], footer: false, group: 'General' },
  { command: 'advisor.workload', keys: ['w'], label: 'w', description: 'name the workload', modes: ['normal'], screens: ['advisor'], footer: true, group: 'General' },
  { command: 'refresh', keys: ['r'], label: 'r', description: 'refresh', modes: ['normal'], screens: ALL, footer: true, group: 'General' },
  { command: 'help', keys: ['?'], label: '?', description: 'help', modes: ['normal'], screens: ALL, footer: true, group: 'General' },
  { command: 'help.close', keys: ['?', 'escape', 'return'], label: '?/Esc', description: 'close help', modes: ['help'], screens: ALL, footer: true, group: 'General' },
  { command: 'quit', keys: ['q'], label: 'q', description: 'quit', modes: ['normal', 'help'], screens: ALL, footer: true, group: 'General' },
  { command: 'interrupt', keys: ['ctrl+c'], label: 'Ctrl+C', description: 'quit', modes: ['normal', 'filter', 'help', 'prompt', 'confirm'], screens: ALL, footer: false, group: 'General' },
  // A one-line text prompt ('prompt' mode) takes every printable key as text: the Report's export path,
  // the Advisor's workload name. The overwrite question ('confirm' mode) writes on y and cancels on any other key (see route()).
  { command: 'prompt.confirm', keys: ['return'], label: 'Enter', description: 'write the file', modes: ['prompt'], screens: ['report'], footer: true, group: 'General' },
  { command: 'prompt.cancel', keys: ['escape'], label: 'Esc', description: 'cancel', modes: ['prompt'], screens: ['report'], footer: true, group: 'General' },
  { command: 'prompt.backspace', keys: ['backspace', 'delete'], label: '⌫', description: 'delete a character', modes: ['prompt'], screens: ['report'], footer: false, group: 'General' },
  { command: 'advisor.workload-save', keys: ['return'], label: 'Enter', description: 'save the name', modes: ['prompt'], screens: ['advisor'], footer: true, group: 'General' },
  { command: 'advisor.workload-cancel', keys: ['escape'], label: 'Esc', description: 'cancel, keep the old name', modes: ['prompt'], screens: ['advisor'], footer: true, group: 'General' },
  { command: 'advisor.workload-backspace', keys: ['backspace', 'delete'], label: '⌫', description: 'delete a character', modes: ['prompt'], screens: ['advisor'], footer: false, group: 'General' },
  { command: 'confirm.yes', keys: ['y', 'Y'], label: 'y', description: 'overwrite', modes: ['confirm'], screens: ALL, footer: true, group: 'General' },
  { command: 'confirm.no', keys: ['n', 'N', 'escape', 'return'], label: 'N', description: 'keep the file (any other key too)', modes: ['confirm'], screens: ALL, footer: true, group: 'General' },
];

/** Modes in which printable keys are text, not commands. */
const TEXT_MODES: Mode[] = ['filter', 'prompt'];

export interface KeyContext {
  mode: Mode;
  screen: Screen;
}

type Routed =
  | { kind: 'command'; command: Command }
  | { kind: 'text'; text: string }
  /** A key that does nothing here, and why (shown in the footer). */
  | { kind: 'disabled'; reason: string }
  | null;

/** Resolve one key token. */
export function route(token: string, ctx: KeyContext): Routed {
  for (const b of KEYMAP) {
    // The help scrolls on every screen.
    const here = b.screens.includes(ctx.screen) || (ctx.mode === 'help' && b.group === 'Move');
    if (b.keys.includes(token) && b.modes.includes(ctx.mode) && here) {
      // In the filter input, plain characters are text even when a binding (j/k) would match.
      if (TEXT_MODES.includes(ctx.mode) && isPrintable(token)) break;
      return { kind: 'command', command: b.command };
    }
  }
  if (TEXT_MODES.includes(ctx.mode) && isPrintable(token)) return { kind: 'text', text: token };
  // The overwrite question: anything but y keeps the file.
  if (ctx.mode === 'confirm') return { kind: 'command', command: 'confirm.no' };
  if (ctx.mode === 'normal') {
    // A key that works elsewhere says where, rather than doing nothing (lazygit's disabled keys).
    // Enter and Esc mean "this" and "back" wherever they are: no note for them.
    const elsewhere = token === 'return' || token === 'escape' ? undefined : KEYMAP.find((b) => b.keys.includes(token) && b.modes.includes('normal'));
    if (elsewhere) return { kind: 'disabled', reason: `${elsewhere.label}: ${elsewhere.description} works in ${elsewhere.screens.map(screenName).join(', ')}, not here` };
  }
  return null;
}

const SCREEN_NAMES: Record<Screen, string> = {
  overview: 'Overview (1)',
  certificates: 'Certificates (2)',
  detail: 'a certificate',
  findings: 'Findings (3)',
  advisor: 'Advisor (4)',
  report: 'Report (5)',
};
const screenName = (s: Screen) => SCREEN_NAMES[s];

export function bindingsFor(ctx: KeyContext, footerOnly: boolean): Binding[] {
  return KEYMAP.filter((b) => b.modes.includes(ctx.mode) && b.screens.includes(ctx.screen) && (!footerOnly || b.footer));
}

function isPrintable(token: string): boolean {
  return [...token].length === 1 && token >= ' ' && token !== '\u007f';
}

const SPECIAL: Array<[keyof Key, string]> = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'return'],
  ['escape', 'escape'],
  ['tab', 'tab'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

function charToken(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\r' || ch === '\n') return 'return';
  if (ch === '\u007f' || ch === '\b') return 'backspace';
  if (ch === '\t') return 'tab';
  if (ch === '\u001b') return 'escape';
  if (code < 0x20) return `ctrl+${String.fromCharCode(code + 96)}`;
  return ch;
}

/**
 * The most characters of one input chunk that become keys. No prompt holds more (a path, a name,
 * a filter), and a pasted megabyte, key by key, held the app for a minute; the rest is dropped.
 */
export const MAX_CHUNK_CHARS = 4096;

/**
 * Ink's (input, key) → key tokens. A chunk of several characters (tmux `send-keys jjj`, a paste,
 * "abc\r" typed fast) arrives as ONE input: it is split into one token per character.
 */
export function keyTokens(input: string, key: Key): string[] {
  // Cut in UTF-16 units, never between the halves of a surrogate pair.
  if (input.length > MAX_CHUNK_CHARS) input = input.slice(0, /[\ud800-\udbff]/.test(input[MAX_CHUNK_CHARS - 1]) ? MAX_CHUNK_CHARS - 1 : MAX_CHUNK_CHARS);
  if (key.ctrl && input.length === 1 && /[a-z]/i.test(input)) return [`ctrl+${input.toLowerCase()}`];
  if (key.tab && key.shift) return ['shift+tab'];
  if (input === '\u001b[Z') return ['shift+tab'];
  for (const [flag, token] of SPECIAL) {
    if (key[flag] && input.length <= 1) return [token];
  }
  if (input === '') return [];
  return [...input].map(charToken);
}
