/**
 * A bound on requests in flight across every client of a run. Pacing keeps each
 * account-region under ACM's quotas; this keeps the whole estate — hundreds of
 * account-regions read side by side — from opening more connections at once than a
 * laptop or a NAT gateway will carry. Held per HTTP attempt, so a request waiting in
 * retry backoff gives its place to another.
 */
export class InFlightLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly roomWaiters: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** No slot free, or attempts already queue for one. */
  get full(): boolean {
    return this.active >= this.limit || this.waiting.length > 0;
  }

  /**
   * Resolves once a slot is free with nothing queued for it. The pacers wait here rather than
   * start calls that would only queue for a slot: a queue drains in bursts, and a burst of one
   * account-region's calls reaching ACM together is what its token bucket throttles.
   */
  whenRoom(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` never overshoots.
      if (next) next();
      else {
        this.active--;
        for (const wake of this.roomWaiters.splice(0)) wake();
      }
    }
  }
}

/** Requests in flight across the whole run unless --concurrency says otherwise. */
export const DEFAULT_IN_FLIGHT = 128;
