/**
 * Pure decisions about an earlier read of a certificate (from the cache) against what the listing says
 * now: whether it changed, what to show until it is described again, whether its details may be reused,
 * and in which order to describe.
 */
import type { Certificate } from '../domain/certificate.js';

/**
 * Fields a listing (ListCertificates; SearchCertificates where served) reports that say the certificate
 * moved on since it was described: status, validity, renewal, use and export. A field the listing does
 * not carry (null) says nothing.
 */
const LISTED_CHANGE_FIELDS = ['status', 'notBefore', 'notAfter', 'renewalStatus', 'inUse', 'exported'] as const;

export function listingChanged(before: Certificate, listed: Certificate): boolean {
  return LISTED_CHANGE_FIELDS.some((f) => listed[f] !== null && listed[f] !== before[f]);
}

/** Fields where the listing is newer than any earlier detail (ARN, SANs and detail-only fields stay). */
const LISTING_WINS = [
  'domainName', 'status', 'type', 'keyAlgorithm', 'notBefore', 'notAfter', 'inUse', 'renewalEligibility', 'renewalStatus',
  'exportOption', 'exported', 'createdAt', 'issuedAt', 'importedAt', 'revokedAt', 'managedBy', 'keyPairOrigin',
] as const;

/**
 * What to show for a listed certificate until it is described again: the earlier details with the
 * listing's fresher fields on top (the record stays marked as cached). Without a usable earlier record,
 * the listing as it is.
 */
export function carryDetail(listed: Certificate, before: Certificate | undefined): Certificate {
  if (!before || before.detail.state !== 'complete' || !before.detail.cached) return listed;
  const out: Certificate = { ...before, tags: before.tags };
  const patch = out as unknown as Record<string, unknown>;
  for (const f of LISTING_WINS) if (listed[f] !== null) patch[f] = listed[f];
  return out;
}

/** How far ahead of this machine's clock a saved time may be and still count (clocks of two machines, or one resynced). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The earlier details are young enough to stand in for a DescribeCertificate, should the listing show no change. */
export function youngEnough(before: Certificate | undefined, reuseWithinMs: number | null, now: Date): boolean {
  if (reuseWithinMs === null || !before || before.detail.state !== 'complete' || !before.detail.cached) return false;
  const age = now.getTime() - Date.parse(before.detail.cached.describedAt);
  // Described "in the future" beyond clock skew: the stamp is wrong (or doctored), so nothing vouches for the details.
  return Number.isFinite(age) && age >= -CLOCK_SKEW_MS && age <= reuseWithinMs;
}

/** The earlier details can stand in for a DescribeCertificate: unchanged and young enough. */
export function reusable(before: Certificate | undefined, listed: Certificate, reuseWithinMs: number | null, now: Date): boolean {
  return youngEnough(before, reuseWithinMs, now) && !listingChanged(before!, listed);
}

/**
 * Sorts listed certificates against the earlier read: `changed` — changed since, new, or without
 * usable earlier details — is described first (the user's picture is most wrong there); `reused`
 * is not described at all; the rest is described in the usual order.
 */
export function revalidationPlan(
  listed: Iterable<Certificate>,
  before: ReadonlyMap<string, Certificate> | undefined,
  reuseWithinMs: number | null,
  now: Date,
): { changed: string[]; reused: string[] } {
  const changed: string[] = [];
  const reused: string[] = [];
  for (const c of listed) {
    const b = before?.get(c.arn);
    if (reusable(b, c, reuseWithinMs, now)) reused.push(c.arn);
    else if (!b || b.detail.state !== 'complete' || !b.detail.cached || listingChanged(b, c)) changed.push(c.arn);
  }
  return { changed, reused };
}
