import { describe, expect, it } from 'vitest';
import { clampScroll, listExtent, moveScroll, pagerExtent, scrollbarThumb, visibleRange, type Extent } from '../../src/ui/state/scroll.js';

// The table: every line an item.
const moveWindow = (w: { cursor: number; offset: number }, move: Parameters<typeof moveScroll>[1], count: number, height: number, repeat = 1) =>
  moveScroll(w, move, listExtent(count, height), repeat);
const clampWindow = (w: { cursor: number; offset: number }, count: number, height: number) => clampScroll(w, listExtent(count, height));

describe('the scroll model: a list (the certificate table)', () => {
  const w0 = { cursor: 0, offset: 0 };

  it('moves the cursor and scrolls only when it leaves the window', () => {
    let w = w0;
    for (let i = 0; i < 9; i++) w = moveWindow(w, 'down', 100, 10);
    expect(w).toEqual({ cursor: 9, offset: 0 });
    w = moveWindow(w, 'down', 100, 10);
    expect(w).toEqual({ cursor: 10, offset: 1 });
    w = moveWindow(w, 'up', 100, 10, 5);
    expect(w).toEqual({ cursor: 5, offset: 1 });
  });

  it('pages, jumps to top and bottom, and stays in range', () => {
    expect(moveWindow(w0, 'page-down', 100, 10)).toEqual({ cursor: 10, offset: 10 });
    expect(moveWindow(w0, 'bottom', 100, 10)).toEqual({ cursor: 99, offset: 90 });
    expect(moveWindow({ cursor: 50, offset: 45 }, 'top', 100, 10)).toEqual(w0);
    expect(moveWindow(w0, 'up', 100, 10)).toEqual(w0);
    expect(moveWindow({ cursor: 99, offset: 90 }, 'page-down', 100, 10)).toEqual({ cursor: 99, offset: 90 });
    expect(moveWindow({ cursor: 3, offset: 0 }, 'page-up', 100, 10)).toEqual(w0);
  });

  it('clamps when the rows shrink (a filter) and when there are none', () => {
    expect(clampWindow({ cursor: 80, offset: 75 }, 12, 10)).toEqual({ cursor: 11, offset: 2 });
    expect(clampWindow({ cursor: 5, offset: 3 }, 0, 10)).toEqual(w0);
    expect(clampWindow({ cursor: 5, offset: 3 }, 4, 10)).toEqual({ cursor: 3, offset: 0 });
  });

  it('renders only the visible slice of 50,000 rows', () => {
    const w = moveWindow(w0, 'bottom', 50_000, 30);
    expect(visibleRange(w, listExtent(50_000, 30))).toEqual({ start: 49_970, end: 50_000 });
    expect(visibleRange(w0, listExtent(5, 30))).toEqual({ start: 0, end: 5 });
  });

  it('returns the same object when nothing moves (no re-render) and keeps other fields', () => {
    const s = { cursor: 0, offset: 0, notice: 'kept' };
    expect(moveScroll(s, 'up', listExtent(10, 5))).toBe(s);
    expect(moveScroll(s, 'down', listExtent(10, 5))).toEqual({ cursor: 1, offset: 0, notice: 'kept' });
  });

  it('sizes and places the scrollbar thumb', () => {
    expect(scrollbarThumb(0, 10, 5)).toBeNull();
    expect(scrollbarThumb(0, 10, 100)).toEqual({ start: 0, size: 1 });
    expect(scrollbarThumb(90, 10, 100)).toEqual({ start: 9, size: 1 });
    expect(scrollbarThumb(0, 10, 20)).toEqual({ start: 0, size: 5 });
  });
});

describe('the scroll model: a list with header lines (Findings)', () => {
  // Lines: 0 HIGH, 1 rule, 2 f0, 3 f1, 4 MEDIUM, 5 rule, 6 f2, 7 f3, 8 f4.
  const lineOf = [2, 3, 6, 7, 8];
  const e: Extent = { height: 3, lines: 9, items: { count: 5, lineOf, isHeader: (l) => !lineOf.includes(l) } };

  it('moves over items only; the view follows the item’s line', () => {
    let s = { cursor: 0, offset: 0 };
    s = moveScroll(s, 'down', e);
    expect(s).toEqual({ cursor: 1, offset: 1 });
    s = moveScroll(s, 'down', e);
    expect(s).toEqual({ cursor: 2, offset: 4 });
    expect(moveScroll(s, 'bottom', e)).toEqual({ cursor: 4, offset: 6 });
  });

  it('moving up onto the first item of a group brings its headers into view where they fit', () => {
    expect(clampScroll({ cursor: 0, offset: 5 }, e)).toEqual({ cursor: 0, offset: 0 });
    expect(clampScroll({ cursor: 2, offset: 7 }, { ...e, height: 2 })).toEqual({ cursor: 2, offset: 5 }); // only the rule header fits
    expect(moveScroll({ cursor: 1, offset: 3 }, 'up', e)).toEqual({ cursor: 0, offset: 0 });
    // A pane too short for the headers keeps the item itself in sight.
    expect(clampScroll({ cursor: 2, offset: 8 }, { ...e, height: 1 })).toEqual({ cursor: 2, offset: 6 });
  });
});

describe('the scroll model: a pager (detail, report)', () => {
  const e = pagerExtent(42, 10);

  it('moves the view by a line, a page, or to either end, within the text', () => {
    const s = { cursor: 0, offset: 0 };
    expect(moveScroll(s, 'down', e).offset).toBe(1);
    expect(moveScroll(s, 'up', e)).toBe(s);
    expect(moveScroll(s, 'page-down', e).offset).toBe(10);
    expect(moveScroll(s, 'bottom', e).offset).toBe(32);
    expect(moveScroll({ cursor: 0, offset: 32 }, 'page-down', e).offset).toBe(32);
    expect(moveScroll({ cursor: 0, offset: 20 }, 'page-up', e).offset).toBe(10);
    expect(moveScroll({ cursor: 0, offset: 20 }, 'top', e).offset).toBe(0);
    expect(moveScroll(s, 'down', e, 100).offset).toBe(32);
  });

  it('text shorter than the pane does not scroll; a shrunk text clamps the view', () => {
    expect(moveScroll({ cursor: 0, offset: 0 }, 'bottom', pagerExtent(5, 10)).offset).toBe(0);
    expect(clampScroll({ cursor: 0, offset: 30 }, pagerExtent(15, 10)).offset).toBe(5);
  });
});
