import type { InventoryEvent } from '../domain/inventory.js';
import type { WaitingRequests } from '../domain/waiting.js';

/** Where one HTTP attempt went. */
export interface RequestTarget {
  operation: string;
  region: string;
  /** A member account read through its role; absent for the caller's own. */
  accountId?: string;
}

/** One call as the SDK makes it: one HTTP attempt, or several when it retries. */
export interface TrackedCall {
  /** An attempt goes on the wire: the first starts the call's clock, a retry only counts. */
  attempt(): void;
  /** The call is over (answered, failed for good, timed out for good, or aborted); twice is harmless. */
  end(): void;
}

/**
 * Every call in progress, from when its first attempt went on the wire until it ends: the
 * clients' middleware registers each call and marks each attempt. Timed per call, not per
 * attempt, so a request that times out and is retried keeps its age (36 s, attempt 2) instead
 * of vanishing and coming back. A call still waiting for its first slot (the in-flight limit)
 * is not on the wire, so not yet waiting on AWS. The clock is injected so the ages can be
 * tested without waiting.
 */
export class RequestTracker {
  private readonly open = new Map<number, RequestTarget & { since: number | null; attempts: number }>();
  private next = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  begin(target: RequestTarget): TrackedCall {
    const id = this.next++;
    const entry = { ...target, since: null as number | null, attempts: 0 };
    this.open.set(id, entry);
    return {
      attempt: () => {
        entry.since ??= this.clock();
        entry.attempts++;
      },
      end: () => void this.open.delete(id),
    };
  }

  get outstanding(): number {
    return this.open.size;
  }

  /** The calls on the wire for longer than `afterMs`, grouped by account, region and operation, longest wait first. */
  waiting(afterMs: number): WaitingRequests[] {
    const now = this.clock();
    const groups = new Map<string, WaitingRequests>();
    for (const r of this.open.values()) {
      if (r.since === null) continue;
      const waited = now - r.since;
      if (waited < afterMs) continue;
      const key = `${r.accountId ?? ''}\u0000${r.region}\u0000${r.operation}`;
      const g = groups.get(key);
      if (g) {
        g.count++;
        g.waitedMs = Math.max(g.waitedMs, waited);
        if (r.attempts > (g.attempt ?? 1)) g.attempt = r.attempts;
      } else {
        groups.set(key, {
          operation: r.operation,
          region: r.region,
          ...(r.accountId ? { accountId: r.accountId } : {}),
          count: 1,
          waitedMs: waited,
          ...(r.attempts > 1 ? { attempt: r.attempts } : {}),
        });
      }
    }
    return [...groups.values()].sort((a, b) => b.waitedMs - a.waitedMs);
  }
}

/**
 * How long a request may go unanswered before it is reported: 5 s, or a third of a shorter
 * timeout, so a wait is shown well before the timeout ends it.
 */
export function slowRequestThreshold(timeoutMs: number): number {
  return Math.max(100, Math.min(5000, Math.round(timeoutMs / 3)));
}

/** What a snapshot shows once rounded as people read it: a new event only when this changes. */
function shownAs(requests: readonly WaitingRequests[]): string {
  return requests.map((w) => `${w.accountId ?? ''}/${w.region}/${w.operation}/${w.count}/${w.attempt ?? 1}/${Math.floor(w.waitedMs / (w.waitedMs < 1000 ? 100 : 1000))}`).join('|');
}

/**
 * One timer for the whole run: every `everyMs` (a second, or the threshold when shorter) it scans
 * the open attempts and emits a `waiting` event when what is shown would change — the ages tick
 * once a second while something waits, and an empty list clears it. The timer never keeps the
 * process alive; the returned stop function ends it, clearing a list still on screen.
 */
export function watchSlowRequests(
  tracker: RequestTracker,
  onEvent: (e: InventoryEvent) => void,
  options: { afterMs: number; everyMs?: number },
): () => void {
  const { afterMs } = options;
  const everyMs = options.everyMs ?? Math.min(1000, afterMs);
  let last = '';
  const scan = () => {
    const requests = tracker.waiting(afterMs);
    const shown = shownAs(requests);
    if (shown === last) return;
    last = shown;
    onEvent({ kind: 'waiting', afterMs, requests });
  };
  const timer = setInterval(scan, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (last !== '') onEvent({ kind: 'waiting', afterMs, requests: [] });
    last = '';
  };
}
