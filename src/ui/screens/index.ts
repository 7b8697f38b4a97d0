/**
 * Which handlers answer a command: the current screen's own (screens/<name>.ts), else the ones every
 * screen shares (global.ts). The keymap decides which command a key is; this decides what it does.
 */
import type { Command } from '../keymap.js';
import type { Mode, Screen } from '../state/app-state.js';
import { helpKeys } from './help.js';
import { overviewKeys } from './overview.js';
import { advisorKeys } from './advisor.js';
import { certificatesKeys } from './certificates.js';
import type { CommandHandler, ScreenContext, ScreenKeys } from './context.js';
import { detailKeys } from './detail.js';
import { findingsKeys } from './findings.js';
import { globalKeys } from './global.js';
import { reportKeys } from './report.js';

export type { ScreenContext } from './context.js';

const SCREENS: Record<Screen, ScreenKeys> = {
  overview: overviewKeys,
  certificates: certificatesKeys,
  detail: detailKeys,
  findings: findingsKeys,
  advisor: advisorKeys,
  report: reportKeys,
};

export function commandHandler(screen: Screen, command: Command, mode: Mode = 'normal'): CommandHandler | undefined {
  if (mode === 'help') return helpKeys.commands[command] ?? globalKeys.commands[command];
  return SCREENS[screen].commands[command] ?? globalKeys.commands[command];
}

export function textHandler(screen: Screen): ((ctx: ScreenContext, text: string) => void) | undefined {
  return SCREENS[screen].text;
}
