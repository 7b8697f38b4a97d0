import { abortError } from '../domain/errors.js';
import { RateController } from './rate-controller.js';

/** How far behind its schedule a pacer may catch up (milliseconds of calls at its rate). */
const CATCH_UP_MS = 500;

/** The run-wide bound on requests in flight (in-flight.ts), as a pacer sees it. */
export interface Room {
  readonly full: boolean;
  whenRoom(): Promise<void>;
}

/**
 * Starts calls no faster than its rate controller allows, with at most `concurrency` in
 * flight, and — given a `room` — only while the run-wide in-flight bound has a slot free.
 *
 * ACM publishes per-operation, per-region request quotas (DescribeCertificate 10/s,
 * ListCertificates 8/s, SearchCertificates 5/s …). Starting at the quota and backing off
 * only when the service says so (see rate-controller.ts) keeps a quiet account at the bound
 * the API sets; the SDK's retries mop up the throttles that still happen.
 */
export class Pacer {
  readonly controller: RateController;
  private nextStart = 0;
  private inFlight = 0;
  private readonly queue: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private waitingForRoom = false;

  constructor(
    rate: number | RateController,
    private readonly concurrency: number,
    private readonly signal?: AbortSignal,
    private readonly clock: () => number = () => performance.now(),
    private readonly room?: Room,
  ) {
    // A rate of 0 (or less) means unpaced: only the concurrency bound applies.
    this.controller = typeof rate === 'number' ? new RateController({ max: rate > 0 ? rate : Number.MAX_SAFE_INTEGER }, clock()) : rate;
    signal?.addEventListener('abort', () => this.drain(), { once: true });
  }

  /** Runs `task` when its turn comes (first come, first served). */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.acquire().then((release) => task().finally(release));
  }

  /**
   * Waits for the next start slot and returns its release. Callers that choose *what* to
   * run only once the slot opens (the describe queue) use this, so a late priority change
   * still counts.
   */
  acquire(): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (this.signal?.aborted) return reject(abortError());
      this.queue.push(() => {
        if (this.signal?.aborted) return reject(abortError());
        this.inFlight++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.inFlight--;
          this.pump();
        });
      });
      this.pump();
    });
  }

  /** The service throttled one of this pacer's calls. */
  throttled(): void {
    this.controller.throttled(this.clock());
  }

  private pump(): void {
    if (this.timer || this.waitingForRoom) return;
    while (this.queue.length > 0 && this.inFlight < this.concurrency) {
      const now = this.clock();
      if (now < this.nextStart) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, Math.ceil(this.nextStart - now));
        return;
      }
      // Every slot of the run taken: a call started now would queue behind the others and reach
      // ACM bunched with this pacer's next ones. Wait, and do not catch up on the time waited —
      // the calls then leave no faster than the rate, whatever the rest of the run does.
      if (this.room?.full) {
        this.waitingForRoom = true;
        void this.room.whenRoom().then(() => {
          this.waitingForRoom = false;
          this.nextStart = Math.max(this.nextStart, this.clock());
          this.pump();
        });
        return;
      }
      // Keep to the schedule: a timer that fires late (a busy event loop) is made up for, up to
      // CATCH_UP_MS, instead of pushing every later start back. The service's token bucket saved
      // the same tokens, so the catch-up is not a burst it throttles.
      this.nextStart = Math.max(now - CATCH_UP_MS, this.nextStart) + this.controller.interval(now);
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

/** Re-exported for the readers that pace their calls; defined once in domain/errors.ts. */
export { abortError };

/**
 * Starting rates per account and region, in calls per second: ACM's published quotas
 * (AWS Certificate Manager quotas, "API rate quotas"), and for GetResources the Tag Editor's
 * (Tag Editor user guide, "Service quotas": at most 15 calls a second). Neither documents a
 * burst above those rates, so none is assumed: the first call starts at once, the next one an
 * interval later.
 */
export interface Pacing {
  listCertificates: number; // quota 8
  searchCertificates: number; // quota 5
  describeCertificate: number; // quota 10
  listTagsForCertificate: number; // quota 10
  getResources: number; // Tag Editor quota 15
  /** Calls in flight per operation and region: enough to keep the rate up at high latency. */
  concurrency: number;
  /** Read stages' operations (`service:Operation`) at another rate than their declared quota (tests, the bench). */
  operations?: Record<string, number>;
  /** Multiplies the stages' declared quotas (tests and the bench run against an endpoint whose quotas are scaled alike). */
  quotaScale?: number;
}

export const DEFAULT_PACING: Pacing = {
  listCertificates: 8,
  searchCertificates: 5,
  describeCertificate: 10,
  listTagsForCertificate: 10,
  getResources: 15,
  concurrency: 16,
};

/**
 * An operation a pacer paces: one of ACM's and the Tagging API's (rates in `Pacing`), or a read
 * stage's, spelt `service:Operation` (`elasticloadbalancing:DescribeListeners`) with the quota
 * its stage declares (see src/stages/stage.ts).
 */
export type PacedOperation = 'ListCertificates' | 'SearchCertificates' | 'DescribeCertificate' | 'ListTagsForCertificate' | 'GetResources' | `${string}:${string}`;

const RATE_OF: Record<string, keyof Pacing> = {
  ListCertificates: 'listCertificates',
  SearchCertificates: 'searchCertificates',
  DescribeCertificate: 'describeCertificate',
  ListTagsForCertificate: 'listTagsForCertificate',
  GetResources: 'getResources',
};

/** ACM's and the Tagging API's operations as the stages spell them (IAM actions), and as the pacers key them. */
const CANONICAL: Record<string, string> = {
  'acm:ListCertificates': 'ListCertificates',
  'acm:SearchCertificates': 'SearchCertificates',
  'acm:DescribeCertificate': 'DescribeCertificate',
  'acm:ListTagsForCertificate': 'ListTagsForCertificate',
  'tag:GetResources': 'GetResources',
};

/** A documented per-second quota for one operation, as a read stage declares it. */
export interface OperationQuota {
  /** `service:Operation`, the IAM action's spelling. */
  operation: `${string}:${string}`;
  /** Calls per second (per account, and per region for a regional service). */
  perSecond: number;
}

/** Without a declared quota an operation is paced at this rate: the slowest any AWS read API documents. */
export const UNDECLARED_RATE = 1;

/** One pacer per region and operation: the unit ACM's quotas are counted in (per account). */
export class PacerSet {
  private readonly pacers = new Map<string, Pacer>();

  private readonly quotas = new Map<string, number>();

  constructor(
    private readonly pacing: Pacing,
    private readonly signal?: AbortSignal,
    /** The run-wide in-flight bound, when several accounts share one. */
    private readonly room?: Room,
    /** The read stages' operations and their documented quotas (`Pacing.operations` overrides them). */
    quotas: readonly OperationQuota[] = [],
  ) {
    for (const q of quotas) this.quotas.set(q.operation, q.perSecond * (pacing.quotaScale ?? 1));
    for (const [operation, rate] of Object.entries(pacing.operations ?? {})) this.quotas.set(operation, rate);
  }

  /** The starting rate of an operation, in calls per second. */
  rateOf(operation: PacedOperation): number {
    const acm = RATE_OF[CANONICAL[operation] ?? operation];
    return acm ? this.pacing[acm] as number : (this.quotas.get(operation) ?? UNDECLARED_RATE);
  }

  get(region: string, operation: PacedOperation): Pacer {
    const key = `${region}\u0000${CANONICAL[operation] ?? operation}`;
    let pacer = this.pacers.get(key);
    if (!pacer) {
      pacer = new Pacer(this.rateOf(operation), this.pacing.concurrency, this.signal, undefined, this.room);
      this.pacers.set(key, pacer);
    }
    return pacer;
  }

  /** A throttled attempt, as the clients report it; operations nobody paces are ignored. */
  throttled(region: string, operation: string): void {
    this.pacers.get(`${region}\u0000${CANONICAL[operation] ?? operation}`)?.throttled();
  }

  /** Throttle signals counted so far, for the bench. */
  get decreases(): number {
    let n = 0;
    for (const p of this.pacers.values()) n += p.controller.decreases;
    return n;
  }
}
