/**
 * The one scroll model, for every pane that scrolls: the certificate table, the Findings list, the
 * certificate detail and the report preview. Pure.
 *
 * A pane shows `height` of its `lines`, from `offset`. A list also has a cursor on one of its items,
 * each item on a line of its own (the table: every line is an item; Findings: severity and rule
 * headers are lines without one). The cursor stays in sight; when the view moves up to it, the
 * headers just above come into view too where they fit. A pager (detail, report) has no cursor:
 * the keys move the view itself.
 */
export type CursorMove = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

export interface Scroll {
  /** The selected item (lists; a pager keeps 0). */
  cursor: number;
  /** The first line on screen. */
  offset: number;
}

export const TOP: Scroll = { cursor: 0, offset: 0 };

export interface Extent {
  /** Lines on screen. */
  height: number;
  /** Lines of content. */
  lines: number;
  /**
   * The cursor's items: how many, the line each is on (absent: item i is line i) and which lines are
   * headers to bring into view with the first item below them. null for a pager.
   */
  items: { count: number; lineOf?: ArrayLike<number>; isHeader?: (line: number) => boolean } | null;
}

/** A list in which every line is an item (the certificate table). */
export function listExtent(count: number, height: number): Extent {
  return { height, lines: count, items: { count } };
}

/** Text without a cursor (the detail pane, the report preview). */
export function pagerExtent(lines: number, height: number): Extent {
  return { height, lines, items: null };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(lo, n), hi);
}

/** In range: the cursor on an item and in sight, the view within the content, no space wasted. */
export function clampScroll<S extends Scroll>(s: S, e: Extent): S {
  const h = Math.max(1, e.height);
  const maxOffset = Math.max(0, e.lines - h);
  if (!e.items) {
    const offset = clamp(s.offset, 0, maxOffset);
    return offset === s.offset ? s : { ...s, offset };
  }
  const { count, lineOf, isHeader } = e.items;
  if (count <= 0) return s.cursor === 0 && s.offset === 0 ? s : { ...s, ...TOP };
  const cursor = clamp(s.cursor, 0, count - 1);
  const line = lineOf ? lineOf[cursor] : cursor;
  let offset = clamp(s.offset, 0, maxOffset);
  if (line < offset) {
    let top = line;
    while (isHeader && top > 0 && isHeader(top - 1) && line - (top - 1) < h) top--;
    offset = top;
  }
  if (line >= offset + h) offset = line - h + 1;
  return cursor === s.cursor && offset === s.offset ? s : { ...s, cursor, offset };
}

/** One key's move, `repeat` times (a page is the pane's height). */
export function moveScroll<S extends Scroll>(s: S, move: CursorMove, e: Extent, repeat = 1): S {
  const h = Math.max(1, e.height);
  const step = move === 'up' ? -repeat : move === 'down' ? repeat : move === 'page-up' ? -h * repeat : move === 'page-down' ? h * repeat : 0;
  if (!e.items) {
    const offset = move === 'top' ? 0 : move === 'bottom' ? e.lines : s.offset + step;
    return settle(s, clampScroll({ ...s, offset }, e));
  }
  let { cursor, offset } = s;
  if (move === 'top') [cursor, offset] = [0, 0];
  else if (move === 'bottom') [cursor, offset] = [e.items.count - 1, e.lines - h];
  else {
    cursor += step;
    // Paging moves the view with the cursor, so the cursor keeps its place on screen.
    if (move === 'page-up' || move === 'page-down') offset += step;
  }
  return settle(s, clampScroll({ ...s, cursor, offset }, e));
}

/** The old object when nothing moved, so nothing re-renders. */
function settle<S extends Scroll>(before: S, after: S): S {
  return after.cursor === before.cursor && after.offset === before.offset ? before : after;
}

/** [start, end) of the lines to render. */
export function visibleRange(s: Scroll, e: Extent): { start: number; end: number } {
  const c = clampScroll(s, e);
  return { start: c.offset, end: Math.min(e.lines, c.offset + Math.max(1, e.height)) };
}

/** Scrollbar thumb for a track of `height` cells. */
export function scrollbarThumb(offset: number, height: number, count: number): { start: number; size: number } | null {
  if (count <= height || height <= 0) return null;
  const size = Math.max(1, Math.round((height * height) / count));
  const maxStart = height - size;
  const start = Math.min(maxStart, Math.round((offset / Math.max(1, count - height)) * maxStart));
  return { start, size };
}
