import { describe, expect, it } from 'vitest';
import { defaultCacheDir } from '../../src/platform/cache-dir.js';
import { formatAge, parseDuration } from '../../src/domain/duration.js';
import { cachedDetailsByRegion, cachedDetailsNotice } from '../../src/domain/cached-details.js';
import { carryDetail, listingChanged, reusable, revalidationPlan } from '../../src/domain/revalidation.js';
import { emptyCertificate, type Certificate } from '../../src/domain/certificate.js';

const NOW = new Date('2026-11-27T12:00:00Z');
const ago = (min: number) => new Date(NOW.getTime() - min * 60_000).toISOString();

function listed(id: string, patch: Partial<Certificate> = {}): Certificate {
  return { ...emptyCertificate(`arn:aws:acm:eu-west-1:123456789012:certificate/${id}`, 'eu-west-1'), status: 'ISSUED', notAfter: '2027-01-01T00:00:00.000Z', inUse: true, exported: false, ...patch };
}
function cachedFrom(c: Certificate, minutesAgo: number, patch: Partial<Certificate> = {}): Certificate {
  return { ...c, issuer: 'Amazon', inUseBy: ['arn:aws:cloudfront::123456789012:distribution/E1'], renewalStatus: 'SUCCESS', tags: { owner: 'web' }, ...patch, detail: { state: 'complete', cached: { describedAt: ago(minutesAgo) } } };
}

describe('parseDuration (--max-age)', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['2h30m', 9_000_000],
    ['7d', 604_800_000],
    ['1d2h3m4s', 93_784_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toEqual({ ms }));

  it.each(['', '15', '1.5h', ' 1h', '1h ', '1H', '1h1h', '30m1h', '-1h', '1w', 'h', '1 h', 'PT1H'])('refuses %j with a sentence naming the flag', (text) => {
    const r = parseDuration(text);
    expect(r).toHaveProperty('error');
    expect((r as { error: string }).error).toMatch(/^--max-age takes a duration such as 15m, 1h/);
  });

  it('refuses zero', () => expect(parseDuration('0m')).toEqual({ error: expect.stringContaining('longer than zero') }));

  it('formats ages for people', () => {
    expect([formatAge(12_000), formatAge(720_000), formatAge(3 * 3_600_000), formatAge(3 * 86_400_000)]).toEqual(['12 s', '12 min', '3 h', '3 d']);
  });
});

describe('defaultCacheDir', () => {
  it('follows an absolute XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/h' })).toBe('/x/cache/acm-advisor');
    // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'rel' })).toMatch(/\/\.cache\/acm-advisor$/);
  });
});

describe('revalidation decisions', () => {
  it('a listing changed when status, validity, renewal, use or export differ; a field the listing lacks says nothing', () => {
    const now = listed('a');
    const before = cachedFrom(now, 5);
    expect(listingChanged(before, now)).toBe(false);
    expect(listingChanged(before, { ...now, status: 'EXPIRED' })).toBe(true);
    expect(listingChanged(before, { ...now, notAfter: '2028-01-01T00:00:00.000Z' })).toBe(true);
    expect(listingChanged(before, { ...now, inUse: false })).toBe(true);
    expect(listingChanged(before, { ...now, exported: true })).toBe(true);
    expect(listingChanged(before, { ...now, renewalStatus: 'FAILED' })).toBe(true);
    // ListCertificates carries no renewal status: null is no news.
    expect(listingChanged(before, { ...now, renewalStatus: null })).toBe(false);
  });

  it('carries earlier details under the fresher listing, still marked cached', () => {
    const now = listed('a', { status: 'EXPIRED' });
    const carried = carryDetail(now, cachedFrom(listed('a'), 5));
    expect(carried.status).toBe('EXPIRED');
    expect(carried.issuer).toBe('Amazon');
    expect(carried.inUseBy).toHaveLength(1);
    expect(carried.detail).toEqual({ state: 'complete', cached: { describedAt: ago(5) } });
    // Nothing usable earlier: the listing as it is.
    expect(carryDetail(now, undefined)).toBe(now);
    expect(carryDetail(now, { ...listed('a'), detail: { state: 'failed', missingFields: [], reason: 'x' } })).toBe(now);
  });

  it('reuses only unchanged details within the age limit', () => {
    const now = listed('a');
    expect(reusable(cachedFrom(now, 30), now, 3_600_000, NOW)).toBe(true);
    expect(reusable(cachedFrom(now, 90), now, 3_600_000, NOW)).toBe(false);
    expect(reusable(cachedFrom(now, 30), { ...now, status: 'REVOKED' }, 3_600_000, NOW)).toBe(false);
    expect(reusable(cachedFrom(now, 30), now, null, NOW)).toBe(false);
  });

  it('describes what changed or is new first, and skips the reusable', () => {
    const same = listed('same');
    const changed = listed('changed', { status: 'EXPIRED' });
    const fresh = listed('new');
    const young = listed('young');
    const before = new Map([
      [same.arn, cachedFrom(same, 50)],
      [changed.arn, cachedFrom(listed('changed'), 10)],
      [young.arn, cachedFrom(young, 5)],
    ]);
    expect(revalidationPlan([same, changed, fresh, young], before, 20 * 60_000, NOW)).toEqual({ changed: [changed.arn, fresh.arn], reused: [young.arn] });
    // Revalidating (no reuse): nothing is skipped.
    expect(revalidationPlan([same, young], before, null, NOW)).toEqual({ changed: [], reused: [] });
  });
});

describe('provenance of cached details', () => {
  it('counts reused details per region with their age, and says so in one line', () => {
    const certs = [cachedFrom(listed('a'), 10), cachedFrom(listed('b'), 40), { ...listed('c'), detail: { state: 'complete' as const } }];
    expect(cachedDetailsByRegion(certs)).toEqual([{ region: 'eu-west-1', count: 2, oldestDescribedAt: ago(40), newestDescribedAt: ago(10) }]);
    expect(cachedDetailsNotice(certs, NOW, '1h')).toBe(
      "2 of 3 certificates' details and tags came from the cache (read 10 min to 40 min ago, within --max-age 1h; the rest were read now)",
    );
    expect(cachedDetailsNotice([certs[2]], NOW, '1h')).toBeNull();
  });
});
