/**
 * The smallest window a screen can be drawn in. Below it the app shows what size it needs
 * instead of a half-drawn view (the Advisor at 60×15 once drew the question but none of its
 * choices). Keys keep working there: q quits, 1–5 switch views, and enlarging redraws.
 */
import type { TerminalSize } from '../hooks/use-terminal-size.js';

/** Every screen: the status line, tabs and footer around at least a few lines of content. */
export const MIN_SIZE: TerminalSize = { columns: 40, rows: 10 };

/**
 * The size a screen needs. `contentRows`: the least its content can be drawn in at the window's
 * width (null: the screen shrinks to anything, MIN_SIZE applies); `chromeRows`: the lines around it.
 */
export function sizeNeeded(columns: number, contentRows: number | null, chromeRows: number): TerminalSize {
  return {
    columns: Math.max(columns, MIN_SIZE.columns),
    rows: Math.max(MIN_SIZE.rows, contentRows === null ? 0 : contentRows + chromeRows),
  };
}

export function fits(size: TerminalSize, need: TerminalSize): boolean {
  return size.columns >= need.columns && size.rows >= need.rows;
}
