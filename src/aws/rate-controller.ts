/**
 * How fast one operation may be called in one account and region: additive increase,
 * multiplicative decrease (AIMD), the scheme TCP uses to share a link.
 *
 * It starts at the operation's published quota, so a quiet account runs at the bound the
 * API sets. The first throttle halves the rate; throttles from calls that were already in
 * flight at the old rate are the same signal and do not halve it again. Without throttles
 * the rate climbs back linearly to the quota, never above it. Pure: the caller passes the
 * time, so tests drive it with a fake clock.
 */
export interface RateControllerOptions {
  /** The published quota (calls per second): the starting rate and the ceiling. */
  max: number;
  /** The floor (calls per second); default a twentieth of `max`. */
  min?: number;
  /** Factor applied on a throttle; default 0.5. */
  decrease?: number;
  /** Calls per second regained per second without a throttle; default a tenth of `max`. */
  increasePerSecond?: number;
  /** After a decrease, throttles within this many milliseconds count as the same signal; default 1000. */
  holdMs?: number;
}

export class RateController {
  readonly max: number;
  private readonly min: number;
  private readonly decrease: number;
  private readonly increasePerSecond: number;
  private readonly holdMs: number;
  private value: number;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private lastUpdate: number;
  /** How many throttles were counted as a signal (for the bench and tests). */
  decreases = 0;

  constructor(options: RateControllerOptions, now: number) {
    if (!(options.max > 0)) throw new Error('a rate controller needs a positive quota');
    this.max = options.max;
    this.min = Math.min(this.max, options.min ?? this.max / 20);
    this.decrease = options.decrease ?? 0.5;
    this.increasePerSecond = options.increasePerSecond ?? this.max / 10;
    this.holdMs = options.holdMs ?? 1000;
    this.value = this.max;
    this.lastUpdate = now;
  }

  /** The rate allowed at `now`, after the additive recovery since the last look. */
  rate(now: number): number {
    if (now > this.lastUpdate) {
      if (this.value < this.max) {
        this.value = Math.min(this.max, this.value + ((now - this.lastUpdate) / 1000) * this.increasePerSecond);
      }
      this.lastUpdate = now;
    }
    return this.value;
  }

  /** Milliseconds between call starts at `now`. */
  interval(now: number): number {
    return 1000 / this.rate(now);
  }

  /** A call was throttled at `now`. */
  throttled(now: number): void {
    this.rate(now);
    if (now - this.lastDecrease < this.holdMs) return;
    this.value = Math.max(this.min, this.value * this.decrease);
    this.lastDecrease = now;
    this.lastUpdate = now;
    this.decreases++;
  }
}
