/**
 * Starts calls no faster than `ratePerSecond`, with at most `concurrency` in flight.
 *
 * ACM publishes per-operation, per-region request quotas (DescribeCertificate 10/s,
 * ListCertificates 8/s …). Pacing just below them keeps throttling rare instead of
 * retried into; the SDK's retries only have to mop up what the quota shares with
 * other callers in the account.
 */
export class Pacer {
  private readonly interval: number;
  private nextStart = 0;
  private inFlight = 0;
  private readonly queue: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    ratePerSecond: number,
    private readonly concurrency: number,
    private readonly signal?: AbortSignal,
  ) {
    this.interval = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
    signal?.addEventListener('abort', () => this.drain(), { once: true });
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.signal?.aborted) return reject(abortError());
      this.queue.push(() => {
        if (this.signal?.aborted) return reject(abortError());
        this.inFlight++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.inFlight--;
            this.pump();
          });
      });
      this.pump();
    });
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0 && this.inFlight < this.concurrency) {
      const now = Date.now();
      if (now < this.nextStart) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, this.nextStart - now);
        return;
      }
      this.nextStart = Math.max(now, this.nextStart) + this.interval;
      this.queue.shift()!();
    }
  }

  private drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Each queued starter sees the aborted signal and rejects.
    for (const start of this.queue.splice(0)) start();
  }
}

export function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}
