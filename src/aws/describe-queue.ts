/**
 * Which certificate DescribeCertificate reads next. At 10 calls a second a region of 2,500
 * certificates takes four minutes to describe, so the order is what the user feels:
 *
 *   1. the certificate the user opened,
 *   2. the rows on screen,
 *   3. certificates the listing shows changed since the cached read (or new since it),
 *   4. certificates with a high or critical (provisional) finding,
 *   5. certificates in use,
 *   6. the rest,
 *
 * each in the order it was added. Pure bookkeeping: nothing here calls AWS.
 */

/** Standing order, from what the list and search already say about a certificate. */
export type DescribeTier = 'changed' | 'severe' | 'in-use' | 'rest';

/** What the user is looking at: `opened` outranks `visible`. */
export type Attention = 'opened' | 'visible';

const TIERS: readonly DescribeTier[] = ['changed', 'severe', 'in-use', 'rest'];

export class DescribeQueue {
  private readonly tierOf = new Map<string, DescribeTier>();
  private readonly buckets = new Map<DescribeTier, Set<string>>(TIERS.map((t) => [t, new Set<string>()]));
  private attention: Record<Attention, string[]> = { opened: [], visible: [] };

  get size(): number {
    return this.tierOf.size;
  }

  has(arn: string): boolean {
    return this.tierOf.has(arn);
  }

  /** Adds a certificate, or moves one already waiting to `tier`. */
  add(arn: string, tier: DescribeTier): void {
    const was = this.tierOf.get(arn);
    if (was === tier) return;
    if (was) this.buckets.get(was)!.delete(arn);
    this.tierOf.set(arn, tier);
    this.buckets.get(tier)!.add(arn);
  }

  /**
   * What the user is looking at now, most urgent first; replaces the previous list at that
   * level. Certificates not waiting here (another region's, or already read) are ignored when
   * their turn would come.
   */
  prioritise(arns: readonly string[], level: Attention): void {
    this.attention = { ...this.attention, [level]: [...arns] };
  }

  /** The next certificate to describe, removed from the queue; undefined when empty. */
  take(): string | undefined {
    for (const level of ['opened', 'visible'] as const) {
      const list = this.attention[level];
      while (list.length > 0) {
        const arn = list.shift()!;
        if (this.tierOf.has(arn)) return this.remove(arn);
      }
    }
    for (const tier of TIERS) {
      const bucket = this.buckets.get(tier)!;
      const first = bucket.values().next();
      if (!first.done) return this.remove(first.value);
    }
    return undefined;
  }

  private remove(arn: string): string {
    const tier = this.tierOf.get(arn)!;
    this.buckets.get(tier)!.delete(arn);
    this.tierOf.delete(arn);
    return arn;
  }
}

/**
 * Routes "the user is looking at these" to every region's describe queue, including regions
 * whose queue does not exist yet (still listing and searching).
 */
export class DescribeScheduler {
  private readonly queues = new Set<DescribeQueue>();
  private readonly attention: Record<Attention, readonly string[]> = { opened: [], visible: [] };

  prioritise(arns: readonly string[], level: Attention): void {
    this.attention[level] = [...arns];
    for (const q of this.queues) q.prioritise(arns, level);
  }

  register(queue: DescribeQueue): () => void {
    this.queues.add(queue);
    queue.prioritise(this.attention.visible, 'visible');
    queue.prioritise(this.attention.opened, 'opened');
    return () => this.queues.delete(queue);
  }
}
