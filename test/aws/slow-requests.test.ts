import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestTracker, slowRequestThreshold, watchSlowRequests, type RequestTarget } from '../../src/aws/slow-requests.js';
import type { InventoryEvent } from '../../src/domain/inventory.js';
import { waitingIn, waitingSummary } from '../../src/domain/waiting.js';

/** A clock the test moves by hand. */
function fakeClock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** A call whose first attempt goes on the wire now. */
function onTheWire(tracker: RequestTracker, target: RequestTarget) {
  const call = tracker.begin(target);
  call.attempt();
  return call;
}

describe('the stuck-request tracker (fake clock)', () => {
  it('names a call once its first attempt has been on the wire past the threshold, and forgets it when it ends', () => {
    const clock = fakeClock();
    const tracker = new RequestTracker(clock.now);
    const call = tracker.begin({ operation: 'DescribeCertificate', region: 'eu-west-1' });
    // Waiting for a slot (the in-flight limit) is not waiting on AWS.
    clock.advance(10_000);
    expect(tracker.waiting(5_000)).toEqual([]);
    call.attempt();
    clock.advance(4_999);
    expect(tracker.waiting(5_000)).toEqual([]);
    clock.advance(1);
    expect(tracker.waiting(5_000)).toEqual([{ operation: 'DescribeCertificate', region: 'eu-west-1', count: 1, waitedMs: 5_000 }]);
    call.end();
    call.end();
    expect(tracker.waiting(5_000)).toEqual([]);
    expect(tracker.outstanding).toBe(0);
  });

  it('a call retried after a timeout keeps its age and says which attempt it is on', () => {
    const clock = fakeClock();
    const tracker = new RequestTracker(clock.now);
    const call = onTheWire(tracker, { operation: 'DescribeCertificate', region: 'eu-west-1' });
    clock.advance(30_000);
    call.attempt();
    clock.advance(6_000);
    expect(tracker.waiting(5_000)).toEqual([{ operation: 'DescribeCertificate', region: 'eu-west-1', count: 1, waitedMs: 36_000, attempt: 2 }]);
  });

  it('groups by account, region and operation; the oldest wait and the count per group; longest first', () => {
    const clock = fakeClock();
    const tracker = new RequestTracker(clock.now);
    onTheWire(tracker, { operation: 'DescribeCertificate', region: 'eu-west-1' });
    clock.advance(3_000);
    onTheWire(tracker, { operation: 'DescribeCertificate', region: 'eu-west-1' });
    onTheWire(tracker, { operation: 'ListCertificates', region: 'us-east-1', accountId: '111122223333' });
    onTheWire(tracker, { operation: 'ListCertificates', region: 'us-east-1' });
    clock.advance(2_000);
    // Just started: not waiting yet.
    onTheWire(tracker, { operation: 'GetResources', region: 'eu-west-1' });
    clock.advance(1);
    expect(tracker.waiting(2_000)).toEqual([
      { operation: 'DescribeCertificate', region: 'eu-west-1', count: 2, waitedMs: 5_001 },
      { operation: 'ListCertificates', region: 'us-east-1', accountId: '111122223333', count: 1, waitedMs: 2_001 },
      { operation: 'ListCertificates', region: 'us-east-1', count: 1, waitedMs: 2_001 },
    ]);
  });

  it('the threshold is 5 s, or a third of a shorter timeout', () => {
    expect(slowRequestThreshold(30_000)).toBe(5_000);
    expect(slowRequestThreshold(6_000)).toBe(2_000);
    expect(slowRequestThreshold(60)).toBe(100);
  });
});

describe('the run’s one scanning timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits when what is shown changes (once a second while waiting), clears when the request ends, and stops', () => {
    vi.useFakeTimers();
    const clock = fakeClock();
    const tracker = new RequestTracker(clock.now);
    const events: InventoryEvent[] = [];
    const stop = watchSlowRequests(tracker, (e) => events.push(e), { afterMs: 5_000 });
    // The clock and the timers move together, a second at a time.
    const tick = (ms: number) => {
      for (let left = ms; left > 0; left -= 1_000) {
        clock.advance(1_000);
        vi.advanceTimersByTime(1_000);
      }
    };
    const call = onTheWire(tracker, { operation: 'DescribeCertificate', region: 'eu-west-1' });
    tick(4_000);
    expect(events).toEqual([]);
    tick(1_000);
    expect(events).toEqual([{ kind: 'waiting', afterMs: 5_000, requests: [{ operation: 'DescribeCertificate', region: 'eu-west-1', count: 1, waitedMs: 5_000 }] }]);
    tick(2_000);
    expect(events).toHaveLength(3);
    call.end();
    tick(1_000);
    expect(events.at(-1)).toEqual({ kind: 'waiting', afterMs: 5_000, requests: [] });
    const count = events.length;
    // Nothing waits: no more events.
    tick(10_000);
    expect(events).toHaveLength(count);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stopping with a wait still shown clears it; the timer never holds the process open', () => {
    vi.useFakeTimers();
    const clock = fakeClock();
    const tracker = new RequestTracker(clock.now);
    const events: InventoryEvent[] = [];
    const unref = vi.spyOn(globalThis, 'setInterval');
    const stop = watchSlowRequests(tracker, (e) => events.push(e), { afterMs: 1_000 });
    const timer = unref.mock.results[0].value as { hasRef(): boolean };
    expect(timer.hasRef()).toBe(false);
    onTheWire(tracker, { operation: 'ListCertificates', region: 'us-east-1' });
    clock.advance(1_000);
    vi.advanceTimersByTime(1_000);
    expect(events).toHaveLength(1);
    stop();
    expect(events.at(-1)).toEqual({ kind: 'waiting', afterMs: 1_000, requests: [] });
    expect(vi.getTimerCount()).toBe(0);
    unref.mockRestore();
  });
});

describe('what a wait is called', () => {
  it('one request, several, a member account, and hostile region text', () => {
    expect(waitingSummary([], 5_000)).toBeNull();
    expect(waitingSummary([{ operation: 'DescribeCertificate', region: 'eu-west-1', count: 1, waitedMs: 12_400 }], 5_000)).toBe(
      'waiting 12 s on DescribeCertificate in eu-west-1',
    );
    expect(waitingSummary([{ operation: 'DescribeCertificate', region: 'eu-west-1', accountId: '222', count: 16, waitedMs: 10_000 }], 5_000)).toBe(
      'waiting 10 s on DescribeCertificate ×16 in 222/eu-west-1',
    );
    expect(waitingSummary([{ operation: 'DescribeCertificate', region: 'eu-west-1', count: 1, waitedMs: 36_000, attempt: 2 }], 5_000)).toBe(
      'waiting 36 s on DescribeCertificate in eu-west-1 (attempt 2)',
    );
    expect(
      waitingSummary(
        [
          { operation: 'ListCertificates', region: 'us-east-1', accountId: '111122223333', count: 1, waitedMs: 6_000 },
          { operation: 'DescribeCertificate', region: 'eu-west-1', count: 2, waitedMs: 12_000 },
        ],
        5_000,
      ),
    ).toBe('3 requests waiting > 5 s: DescribeCertificate ×2 in eu-west-1 12 s, ListCertificates in 111122223333/us-east-1 6 s');
    expect(waitingSummary([{ operation: 'X', region: 'eu\u001b]0;pwned\u0007', count: 1, waitedMs: 500 }], 100)).toBe('waiting 0.5 s on X in eu\uFFFD');
    expect(waitingSummary([{ operation: 'X', region: 'r', count: 1, waitedMs: 125_000 }], 5_000)).toBe('waiting 2 min on X in r');
  });

  it('a wait belongs to its account-region; one without an account is the caller’s own', () => {
    const waits = [
      { operation: 'A', region: 'eu-west-1', count: 1, waitedMs: 6_000 },
      { operation: 'B', region: 'eu-west-1', accountId: '222', count: 1, waitedMs: 6_000 },
    ];
    expect(waitingIn(waits, { region: 'eu-west-1' }, null).map((w) => w.operation)).toEqual(['A']);
    expect(waitingIn(waits, { region: 'eu-west-1', accountId: '111' }, '111').map((w) => w.operation)).toEqual(['A']);
    expect(waitingIn(waits, { region: 'eu-west-1', accountId: '222' }, '111').map((w) => w.operation)).toEqual(['B']);
    expect(waitingIn(waits, { region: 'us-east-1' }, null)).toEqual([]);
  });
});
