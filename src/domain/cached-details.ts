import type { Certificate } from '../domain/certificate.js';
import { formatAge } from './duration.js';

/**
 * Per region: how many certificates' details came from the cache, and how old they are. Their tags
 * came with them: a certificate whose details are reused keeps the tags read in the same run.
 */
export interface CachedDetails {
  region: string;
  count: number;
  oldestDescribedAt: string;
  newestDescribedAt: string;
}

export function cachedDetailsByRegion(certificates: readonly Certificate[]): CachedDetails[] {
  const by = new Map<string, CachedDetails>();
  for (const c of certificates) {
    if (c.detail.state !== 'complete' || !c.detail.cached) continue;
    const at = c.detail.cached.describedAt;
    const r = by.get(c.region);
    if (!r) by.set(c.region, { region: c.region, count: 1, oldestDescribedAt: at, newestDescribedAt: at });
    else {
      r.count++;
      if (at < r.oldestDescribedAt) r.oldestDescribedAt = at;
      if (at > r.newestDescribedAt) r.newestDescribedAt = at;
    }
  }
  return [...by.values()].sort((a, b) => a.region.localeCompare(b.region));
}

/** The stderr line of a CLI run that reused cached details; null when it reused none. */
export function cachedDetailsNotice(certificates: readonly Certificate[], now: Date, maxAge: string): string | null {
  const regions = cachedDetailsByRegion(certificates);
  if (regions.length === 0) return null;
  const count = regions.reduce((n, r) => n + r.count, 0);
  const oldest = regions.map((r) => r.oldestDescribedAt).sort()[0];
  const newest = regions.map((r) => r.newestDescribedAt).sort().at(-1)!;
  const age = (iso: string) => formatAge(now.getTime() - Date.parse(iso));
  const span = age(oldest) === age(newest) ? age(oldest) : `${age(newest)} to ${age(oldest)}`;
  return `${count.toLocaleString('en-US')} of ${certificates.length.toLocaleString('en-US')} certificates' details and tags came from the cache (read ${span} ago, within --max-age ${maxAge}; the rest were read now)`;
}
