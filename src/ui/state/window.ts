/** Table windowing: which rows are on screen and where the cursor is. Pure. */
export interface TableWindow {
  /** Position of the cursor in the table's rows. */
  cursor: number;
  /** First visible row. */
  offset: number;
}

export type CursorMove = 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom';

export const INITIAL_WINDOW: TableWindow = { cursor: 0, offset: 0 };

/** Keep cursor in [0, count) and the offset such that the cursor is visible and no space is wasted. */
export function clampWindow(w: TableWindow, count: number, height: number): TableWindow {
  const h = Math.max(1, height);
  if (count <= 0) return w.cursor === 0 && w.offset === 0 ? w : INITIAL_WINDOW;
  const cursor = Math.min(Math.max(0, w.cursor), count - 1);
  let offset = Math.min(Math.max(0, w.offset), Math.max(0, count - h));
  if (cursor < offset) offset = cursor;
  if (cursor >= offset + h) offset = cursor - h + 1;
  return cursor === w.cursor && offset === w.offset ? w : { cursor, offset };
}

export function moveWindow(w: TableWindow, move: CursorMove, count: number, height: number, repeat = 1): TableWindow {
  const h = Math.max(1, height);
  let cursor = w.cursor;
  let offset = w.offset;
  switch (move) {
    case 'up':
      cursor -= repeat;
      break;
    case 'down':
      cursor += repeat;
      break;
    case 'page-up':
      cursor -= h * repeat;
      offset -= h * repeat;
      break;
    case 'page-down':
      cursor += h * repeat;
      offset += h * repeat;
      break;
    case 'top':
      cursor = 0;
      offset = 0;
      break;
    case 'bottom':
      cursor = count - 1;
      offset = count - h;
      break;
  }
  return clampWindow({ cursor, offset }, count, h);
}

/** [start, end) of the rows to render. */
export function visibleRange(w: TableWindow, count: number, height: number): { start: number; end: number } {
  const c = clampWindow(w, count, height);
  return { start: c.offset, end: Math.min(count, c.offset + Math.max(1, height)) };
}

/** Scrollbar thumb for a track of `height` cells. */
export function scrollbarThumb(offset: number, height: number, count: number): { start: number; size: number } | null {
  if (count <= height || height <= 0) return null;
  const size = Math.max(1, Math.round((height * height) / count));
  const maxStart = height - size;
  const start = Math.min(maxStart, Math.round((offset / Math.max(1, count - height)) * maxStart));
  return { start, size };
}
