import { describe, expect, it } from 'vitest';
import { clampWindow, moveWindow, scrollbarThumb, visibleRange } from '../../src/ui/state/window.js';

describe('table windowing', () => {
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
    expect(visibleRange(w, 50_000, 30)).toEqual({ start: 49_970, end: 50_000 });
    expect(visibleRange(w0, 5, 30)).toEqual({ start: 0, end: 5 });
  });

  it('sizes and places the scrollbar thumb', () => {
    expect(scrollbarThumb(0, 10, 5)).toBeNull();
    expect(scrollbarThumb(0, 10, 100)).toEqual({ start: 0, size: 1 });
    expect(scrollbarThumb(90, 10, 100)).toEqual({ start: 9, size: 1 });
    expect(scrollbarThumb(0, 10, 20)).toEqual({ start: 0, size: 5 });
  });
});
