import { describe, expect, it } from 'vitest';
import { withInventoryCache } from '../../src/cache/cached-source.js';
import { DeadlineExceeded } from '../../src/domain/deadline.js';
import type { Inventory } from '../../src/domain/inventory.js';

const EMPTY: Inventory = { generatedAt: '2026-11-30T00:00:00.000Z', account: null, regions: [], certificates: [], warnings: [] };
const label = { profile: null, endpoint: null, demo: false, regions: 'all' as const };

// The cached source waits for the app's settings before any read: a deadline that passes meanwhile is
// still the live read's to report (everything not read), while a cancel ends there as before.
describe('the cached source around a deadline', () => {
  const source = (loads: AbortSignal[]) =>
    withInventoryCache({
      label,
      cache: null,
      regions: 'all',
      warmStart: true,
      before: Promise.resolve(),
      live: async () => ({
        load: async (_onEvent, signal) => {
          loads.push(signal!);
          return EMPTY;
        },
      }),
    });

  it('a deadline already passed: the live read still runs, with the signal that says so', async () => {
    const loads: AbortSignal[] = [];
    const stop = new AbortController();
    stop.abort(new DeadlineExceeded('1s'));
    await expect(source(loads).load(() => {}, stop.signal)).resolves.toBe(EMPTY);
    expect(loads).toEqual([stop.signal]);
  });

  it('a cancel: rejects with an AbortError and never starts the live read', async () => {
    const loads: AbortSignal[] = [];
    const stop = new AbortController();
    stop.abort();
    await expect(source(loads).load(() => {}, stop.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(loads).toEqual([]);
  });
});
