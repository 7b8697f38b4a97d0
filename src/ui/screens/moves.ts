/** The cursor keys as scroll moves: each scrolling screen maps them onto its pane (scroll.ts). */
import type { Command } from '../keymap.js';
import type { CursorMove, Extent } from '../state/scroll.js';
import type { Pane } from '../state/app-state.js';
import type { CommandHandler, ScreenContext } from './context.js';

const MOVES: Array<[Command, CursorMove]> = [
  ['cursor.down', 'down'],
  ['cursor.up', 'up'],
  ['cursor.top', 'top'],
  ['cursor.bottom', 'bottom'],
  ['cursor.page-down', 'page-down'],
  ['cursor.page-up', 'page-up'],
];

/** Handlers for every cursor key, moving `pane`; `extent` null means there is nothing to move. */
export function scrollKeys(pane: Pane, extent: (c: ScreenContext) => Extent | null): Partial<Record<Command, CommandHandler>> {
  return Object.fromEntries(
    MOVES.map(([command, move]) => [
      command,
      (c: ScreenContext) => {
        const e = extent(c);
        if (e) c.act({ type: 'scroll', pane, move, extent: e });
      },
    ]),
  );
}
