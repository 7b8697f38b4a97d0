import type { InventoryEvent } from '../domain/inventory.js';
import type { WaitingRequests } from '../domain/waiting.js';

/** Where one HTTP attempt went. */
export interface RequestTarget {
  operation: string;
  region: string;
  /** A member account read through its role; absent for the caller's own. */
  accountId?: string;
}

/**
 * Every HTTP attempt on the wire, with when it started: the clients' middleware adds each one
 * and removes it when it ends (answer, error, timeout or abort). A scan then names the ones that
 * have waited too long. The clock is injected so the ages can be tested without waiting.
 */
export class RequestTracker {
  private readonly open = new Map<number, RequestTarget & { since: number }>();
  private next = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Marks an attempt as started; call the returned function when it ends (calling it twice is harmless). */
  begin(target: RequestTarget): () => void {
    const id = this.next++;
    this.open.set(id, { ...target, since: this.clock() });
    return () => void this.open.delete(id);
  }

  async track<T>(target: RequestTarget, attempt: () => Promise<T>): Promise<T> {
    const end = this.begin(target);
    try {
      return await attempt();
    } finally {
      end();
    }
  }

  get outstanding(): number {
    return this.open.size;
  }

  /** The attempts older than `afterMs`, grouped by account, region and operation, longest wait first. */
  waiting(afterMs: number): WaitingRequests[] {
    const now = this.clock();
    const groups = new Map<string, WaitingRequests>();
    for (const r of this.open.values()) {
      const waited = now - r.since;
      if (waited < afterMs) continue;
      const key = `${r.accountId ?? ''}\u0000${r.region}\u0000${r.operation}`;
      const g = groups.get(key);
      if (g) {
        g.count++;
        g.waitedMs = Math.max(g.waitedMs, waited);
      } else {
        groups.set(key, { operation: r.operation, region: r.region, ...(r.accountId ? { accountId: r.accountId } : {}), count: 1, waitedMs: waited });
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
  return requests.map((w) => `${w.accountId ?? ''}/${w.region}/${w.operation}/${w.count}/${Math.floor(w.waitedMs / (w.waitedMs < 1000 ? 100 : 1000))}`).join('|');
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
