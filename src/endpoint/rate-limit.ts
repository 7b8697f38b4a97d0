/**
 * ACM's published per-account, per-region API rate quotas
 * (https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html), enforced with
 * token buckets so that a client which does not pace itself sees what it would see
 * against AWS: ThrottlingException, not silent success.
 */
export const ACM_QUOTAS: Readonly<Record<string, number>> = {
  DescribeCertificate: 10,
  ListCertificates: 8,
  GetCertificate: 10,
  ListTagsForCertificate: 10,
  GetAccountConfiguration: 1,
  // SearchCertificates (5 a second) is the search stage's fake's own quota (src/stages/search/fake.ts).
};

interface Bucket {
  tokens: number;
  last: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private scale = 1,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  setScale(scale: number): void {
    this.scale = scale;
    this.buckets.clear();
  }

  /** Takes one token for this region (key) and operation, at `quotas` (ACM's by default); false means throttle. Unquoted operations always pass. */
  take(region: string, operation: string, quotas: Readonly<Record<string, number>> = ACM_QUOTAS): boolean {
    const quota = quotas[operation];
    if (quota === undefined) return true;
    // Burst equals the per-second rate, as AWS's token buckets behave for these APIs.
    const rate = quota * this.scale;
    const key = `${region}\u0000${operation}`;
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: rate, last: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.last) / 1000) * rate);
      bucket.last = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
