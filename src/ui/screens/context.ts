/**
 * What a screen's key handlers get: the state as of this key, a way to act on it, and the facts of
 * the frame (clock, height) they need to turn a command into actions. Each screen decides what its
 * commands do in its own module (screens/<name>.ts); app.tsx only routes keys to them.
 */
import type { Dispatch } from 'react';
import type { Command } from '../keymap.js';
import type { Action, AppState } from '../state/app-state.js';

export interface ScreenContext {
  /** The state as of this key: the earlier keys of the same chunk ("2/api\r" from a paste) already applied. */
  readonly state: AppState;
  /** Apply an action now (the next key sees it) and hand it to React. */
  act(action: Action): void;
  /** For results that arrive after the key was handled (an export's write). */
  dispatch: Dispatch<Action>;
  /** The frame's clock reading. */
  now: Date;
  /** Lines of the view (between the tab bar and the footer). */
  height: number;
  /** An audit runs and has not answered yet (the report waits for it). */
  auditing: boolean;
  /** The folder report exports resolve against. */
  cwd: string;
  /** The certificate table's rows for the current state: sorted and filtered (memoised). */
  rows(): Int32Array;
  /** Let the filter answer the typed query now, so Enter right after typing acts on its rows. */
  settleFilter(): void;
  exit(code: number): void;
  /** Lines of the Overview as last drawn (it scrolls when they outnumber the height). */
  overviewLines: number;
  /** Put text on the terminal's clipboard (OSC 52, see terminal/clipboard.ts). */
  copy(text: string): void;
}

export type CommandHandler = (ctx: ScreenContext) => void;

export interface ScreenKeys {
  commands: Partial<Record<Command, CommandHandler>>;
  /** A printable key while this screen's text input (the filter, a prompt) has the keys. */
  text?: (ctx: ScreenContext, text: string) => void;
}
