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
  /** Each waiting certificate's tier, and which of its entries in that tier's line is current. */
  private readonly waiting = new Map<string, { tier: DescribeTier; entry: number }>();
  /**
   * One line per tier, in arrival order, read from `head` on. A certificate taken early (the
   * user looked at it) or moved to another tier leaves a stale entry behind, skipped when
   * reached: taking stays constant time however large the region, where deleting from a Set
   * and asking it for its first value again rescans every deleted slot before it.
   */
  private readonly lines = new Map<DescribeTier, { arns: string[]; entries: number[]; head: number }>(
    TIERS.map((t) => [t, { arns: [], entries: [], head: 0 }]),
  );
  private entries = 0;
  private attention: Record<Attention, string[]> = { opened: [], visible: [] };

  get size(): number {
    return this.waiting.size;
  }

  has(arn: string): boolean {
    return this.waiting.has(arn);
  }

  /** Adds a certificate, or moves one already waiting to the end of `tier`. */
  add(arn: string, tier: DescribeTier): void {
    if (this.waiting.get(arn)?.tier === tier) return;
    const entry = ++this.entries;
    this.waiting.set(arn, { tier, entry });
    const line = this.lines.get(tier)!;
    line.arns.push(arn);
    line.entries.push(entry);
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
        if (this.waiting.delete(arn)) return arn;
      }
    }
    for (const tier of TIERS) {
      const line = this.lines.get(tier)!;
      while (line.head < line.arns.length) {
        const at = line.head++;
        const arn = line.arns[at];
        if (this.waiting.get(arn)?.entry !== line.entries[at]) continue;
        this.waiting.delete(arn);
        if (line.head === line.arns.length) {
          line.arns.length = 0;
          line.entries.length = 0;
          line.head = 0;
        }
        return arn;
      }
    }
    return undefined;
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
