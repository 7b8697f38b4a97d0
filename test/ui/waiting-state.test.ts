import { describe, expect, it } from 'vitest';
import type { InventoryEvent } from '../../src/domain/inventory.js';
import { statusParts } from '../../src/ui/components/status-line.js';
import { initialState, reducer, type Action, type AppState } from '../../src/ui/state/app-state.js';

const LABEL = { profile: 'prod', endpoint: null, demo: false, regions: ['eu-west-1'] };
const waiting = (waitedMs: number, count = 1): InventoryEvent => ({
  kind: 'waiting',
  afterMs: 5_000,
  requests: [{ operation: 'DescribeCertificate', region: 'eu-west-1', count, waitedMs }],
});
const run = (s: AppState, ...events: InventoryEvent[]) => events.reduce((st, e) => reducer(st, { type: 'inventory', generation: st.load.generation, events: [e] } as Action), s);

describe('what the app keeps of the engine’s waits', () => {
  it('each snapshot replaces the last; an empty one, the end of the load, a failure and a refresh clear it', () => {
    let s = run(initialState(), waiting(6_000), waiting(7_000, 2));
    expect(s.waiting).toEqual({ afterMs: 5_000, requests: [{ operation: 'DescribeCertificate', region: 'eu-west-1', count: 2, waitedMs: 7_000 }] });
    expect(run(s, { kind: 'waiting', afterMs: 5_000, requests: [] }).waiting).toBeNull();
    expect(run(s, { kind: 'done', inventory: { generatedAt: '2026-11-30T00:00:00Z', account: null, regions: [], certificates: [], warnings: [] } }).waiting).toBeNull();
    expect(reducer(s, { type: 'load-failed', generation: s.load.generation, message: 'x' }).waiting).toBeNull();
    s = reducer(s, { type: 'refresh' });
    expect(s.waiting).toBeNull();
  });

  it('the status line names it first, and only while something waits', () => {
    const s = run(initialState(), waiting(12_400));
    expect(statusParts(LABEL, s)[0]).toBe('waiting 12 s on DescribeCertificate in eu-west-1');
    expect(statusParts(LABEL, run(s, { kind: 'waiting', afterMs: 5_000, requests: [] }))[0]).toBe('profile prod');
  });
});
