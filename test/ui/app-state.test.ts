import { describe, expect, it } from 'vitest';
import { filterPending, initialState, reducer, screenOf, type Action, type AppState } from '../../src/ui/state/app-state.js';
import { listExtent, pagerExtent } from '../../src/ui/state/scroll.js';
import { eventsFor, fixtureCertificates } from './fixtures.js';

const run = (s: AppState, ...actions: Action[]) => actions.reduce(reducer, s);
const loaded = () => {
  const certs = fixtureCertificates();
  return run(initialState({ columns: 120, rows: 40 }), { type: 'inventory', generation: 1, events: eventsFor(certs, ['us-east-1', 'eu-west-1']) });
};

describe('inventory events', () => {
  it('fills in progressively: summaries, then details replace records in place', () => {
    const certs = fixtureCertificates();
    const events = eventsFor(certs, ['us-east-1', 'eu-west-1']);
    let s = initialState();
    s = reducer(s, { type: 'inventory', generation: 1, events: events.slice(0, 4) }); // identity, regions, started, summaries
    expect(s.account?.id).toBe('123456789012');
    expect(s.load.regionsTotal).toBe(2);
    expect(s.certificates).toHaveLength(2);
    expect(s.certificates[0].detail.state).toBe('summary');
    expect(s.regions[0]).toMatchObject({ region: 'us-east-1', status: 'loading', listed: 2, described: 0 });
    s = reducer(s, { type: 'inventory', generation: 1, events: [events[4]] }); // details
    expect(s.certificates).toHaveLength(2);
    expect(s.certificates[0].detail.state).toBe('complete');
    expect(s.regions[0].described).toBe(2);
    expect(s.corpus).toHaveLength(2); // same set: the search corpus only changed in place
    expect(s.corpus[0]).toContain('platform');
    s = reducer(s, { type: 'inventory', generation: 1, events: events.slice(5) });
    expect(s.certificates).toHaveLength(4);
    expect(s.load.status).toBe('done');
    expect(s.regions.map((r) => r.status)).toEqual(['ok', 'ok']);
  });

  it('one batch is one state: the big arrays are copied once per batch', () => {
    const s0 = initialState();
    const s1 = reducer(s0, { type: 'inventory', generation: 1, events: eventsFor(fixtureCertificates(), ['us-east-1', 'eu-west-1']) });
    expect(s1.certificates).not.toBe(s0.certificates);
    expect(s0.certificates).toHaveLength(0); // the old state is untouched
    expect(s1.dataVersion).toBe(s0.dataVersion + 1);
  });

  it('records region failures as data', () => {
    const s = reducer(initialState(), {
      type: 'inventory',
      generation: 1,
      events: eventsFor(fixtureCertificates(), ['us-east-1', 'eu-west-1'], { 'eu-west-1': 'not authorised' }),
    });
    expect(s.regions.find((r) => r.region === 'eu-west-1')).toMatchObject({ status: 'error', error: { code: 'AccessDenied' } });
    expect(s.certificates).toHaveLength(2);
  });

  it('drops events and failures from a superseded load (refresh)', () => {
    let s = loaded();
    s = reducer(s, { type: 'refresh' });
    expect(s.load).toMatchObject({ generation: 2, status: 'loading' });
    expect(s.certificates).toHaveLength(0);
    const stale = reducer(s, { type: 'inventory', generation: 1, events: eventsFor(fixtureCertificates(), ['us-east-1']) });
    expect(stale).toBe(s);
    expect(reducer(s, { type: 'load-failed', generation: 1, message: 'x' })).toBe(s);
    expect(reducer(s, { type: 'load-failed', generation: 2, message: 'boom' }).load).toMatchObject({ status: 'failed', error: 'boom' });
  });
});

describe('views, filter, detail, back', () => {
  it('/ opens the filter, typing changes the input, a stale result is dropped', () => {
    let s = run(loaded(), { type: 'view', view: 'certificates' }, { type: 'filter-open' }, { type: 'filter-changed', input: 'ap' });
    expect(s.mode).toBe('filter');
    expect(filterPending(s)).toBe(true);
    s = reducer(s, { type: 'filter-changed', input: 'api' });
    expect(reducer(s, { type: 'filter-applied', query: 'ap', matches: Int32Array.from([0, 1]), dataVersion: s.dataVersion })).toBe(s);
    s = reducer(s, { type: 'filter-applied', query: 'api', matches: Int32Array.from([0]), dataVersion: s.dataVersion });
    expect(filterPending(s)).toBe(false);
    expect(Array.from(s.filter.matches!)).toEqual([0]);
  });

  it('Enter confirms, Enter opens, Esc steps back: detail → table → clears the filter', () => {
    let s = run(
      loaded(),
      { type: 'view', view: 'certificates' },
      { type: 'filter-open' },
      { type: 'filter-changed', input: 'api' },
      { type: 'filter-applied', query: 'api', matches: Int32Array.from([0]), dataVersion: 1 },
      { type: 'filter-confirm' },
    );
    expect(s.mode).toBe('normal');
    expect(s.filter).toMatchObject({ input: 'api' });
    s = reducer(s, { type: 'open-detail', arn: s.certificates[0].arn });
    expect(screenOf(s)).toBe('detail');
    s = reducer(s, { type: 'back' });
    expect(screenOf(s)).toBe('certificates');
    expect(s.filter.input).toBe('api');
    s = reducer(s, { type: 'back' });
    expect(s.filter).toMatchObject({ input: '', matches: null });
    expect(reducer(s, { type: 'back' })).toBe(s);
  });

  it('Esc in the filter input clears it; the help overlay closes first', () => {
    let s = run(loaded(), { type: 'filter-open' }, { type: 'filter-changed', input: 'x' }, { type: 'back' });
    expect(s).toMatchObject({ mode: 'normal', filter: { input: '' } });
    s = run(s, { type: 'help-toggle' });
    expect(s.mode).toBe('help');
    expect(reducer(s, { type: 'back' }).mode).toBe('normal');
  });

  it('cursor moves clamp to the rows and sort changes go back to the top', () => {
    let s = run(loaded(), { type: 'view', view: 'certificates' }, { type: 'scroll', pane: 'table', move: 'down', extent: listExtent(4, 10), repeat: 10 });
    expect(s.table.cursor).toBe(3);
    s = reducer(s, { type: 'sort-next' });
    expect(s.sort).toEqual({ column: 'inUse', descending: false });
    expect(s.table.cursor).toBe(0);
    s = reducer(s, { type: 'sort-reverse' });
    expect(s.sort.descending).toBe(true);
  });

  it('switching views keeps the detail, pressing the same view again closes it', () => {
    let s = run(loaded(), { type: 'view', view: 'certificates' }, { type: 'open-detail', arn: 'arn:x' });
    s = run(s, { type: 'view', view: 'overview' }, { type: 'view', view: 'certificates' });
    expect(screenOf(s)).toBe('detail');
    s = reducer(s, { type: 'view', view: 'certificates' });
    expect(screenOf(s)).toBe('certificates');
  });

  it('detail scroll is bounded', () => {
    // 17 lines in a pane of 10: at most 7 lines to scroll.
    let s = run(loaded(), { type: 'open-detail', arn: 'arn:x' }, { type: 'scroll', pane: 'detail', move: 'down', extent: pagerExtent(17, 10), repeat: 100 });
    expect(s.detail?.scroll).toBe(7);
    s = reducer(s, { type: 'scroll', pane: 'detail', move: 'up', extent: pagerExtent(17, 10), repeat: 100 });
    expect(s.detail?.scroll).toBe(0);
  });

  it('tracks the terminal size', () => {
    const s = reducer(initialState({ columns: 80, rows: 24 }), { type: 'resize', columns: 100, rows: 30 });
    expect(s.size).toEqual({ columns: 100, rows: 30 });
  });

  it('keeps findings of the current load only', () => {
    const f = [{ ruleId: 'weak-key', severity: 'high' as const, certificateArn: null, region: null, title: 't', detail: 'd', remediation: 'r' }];
    expect(reducer(initialState(), { type: 'findings', generation: 1, findings: f }).findings).toEqual(f);
    expect(reducer(initialState(), { type: 'findings', generation: 0, findings: f }).findings).toBeNull();
  });
});
