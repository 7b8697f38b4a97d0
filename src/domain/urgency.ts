/**
 * What needs attention first: the expiry timeline and the most urgent certificates. The Overview
 * and the exported report both show these, so they are defined once, here.
 */
import { daysUntilExpiry, type Certificate } from './certificate.js';
import { expiryDate, isInUse, isManagedRenewal } from './certificate-facts.js';
import { severityRank, type Finding, type Severity } from './finding.js';

export interface TimelineMonth {
  /** YYYY-MM, UTC. */
  month: string;
  expiring: number;
  /** Expected to be renewed by ACM without anyone acting. */
  managed: number;
  needsAction: number;
  certificateArns: string[];
}

/** Statuses whose expiry changes nothing: the certificate serves nobody any more. */
const DEAD_STATUSES = new Set(['EXPIRED', 'REVOKED', 'INACTIVE', 'FAILED', 'VALIDATION_TIMED_OUT']);

/**
 * Live certificates expiring in each of the next `months` calendar months (UTC), this one first.
 * A managed renewal within `renewalLateDays` of expiry is late, so it counts as needing action.
 */
export function expiryTimeline(certs: readonly Certificate[], now: Date, renewalLateDays: number, months = 12): TimelineMonth[] {
  const y0 = now.getUTCFullYear();
  const m0 = now.getUTCMonth();
  const buckets: TimelineMonth[] = [];
  for (let i = 0; i < months; i++) {
    const y = y0 + Math.floor((m0 + i) / 12);
    const m = (m0 + i) % 12;
    buckets.push({ month: `${y}-${String(m + 1).padStart(2, '0')}`, expiring: 0, managed: 0, needsAction: 0, certificateArns: [] });
  }
  for (const c of certs) {
    if (c.status && DEAD_STATUSES.has(c.status)) continue;
    const date = expiryDate(c);
    if (!date || Date.parse(c.notAfter!) < now.getTime()) continue;
    const i = (Number(date.slice(0, 4)) - y0) * 12 + (Number(date.slice(5, 7)) - 1 - m0);
    if (i < 0 || i >= months) continue;
    const b = buckets[i];
    b.expiring++;
    const late = (daysUntilExpiry(c, now) ?? 0) <= renewalLateDays;
    if (!late && isManagedRenewal(c) && (c.type === 'PRIVATE' || isInUse(c) === true)) b.managed++;
    else b.needsAction++;
    b.certificateArns.push(c.arn);
  }
  return buckets;
}

export interface UrgentCertificate {
  arn: string;
  domainName: string | null;
  region: string;
  notAfter: string | null;
  daysLeft: number | null;
  worstSeverity: Severity;
  findingCount: number;
  topFinding: { ruleId: string; title: string };
}

/**
 * Certificates with something to fix, worst finding first, then the nearest expiry, then the most
 * findings. Info-only certificates are not urgent; account-wide findings belong to no certificate.
 */
export function mostUrgent(certs: readonly Certificate[], findings: readonly Finding[], now: Date, limit: number): UrgentCertificate[] {
  const perCert = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.certificateArn || f.severity === 'info') continue;
    const list = perCert.get(f.certificateArn) ?? [];
    list.push(f);
    perCert.set(f.certificateArn, list);
  }
  const rows: UrgentCertificate[] = [];
  for (const c of certs) {
    const list = perCert.get(c.arn);
    if (!list) continue;
    const worst = list.reduce((a, b) => (severityRank(b.severity) < severityRank(a.severity) ? b : a));
    rows.push({
      arn: c.arn,
      domainName: c.domainName,
      region: c.region,
      notAfter: c.notAfter,
      daysLeft: daysUntilExpiry(c, now),
      worstSeverity: worst.severity,
      findingCount: list.length,
      topFinding: { ruleId: worst.ruleId, title: worst.title },
    });
  }
  const far = Number.MAX_SAFE_INTEGER;
  rows.sort(
    (a, b) =>
      severityRank(a.worstSeverity) - severityRank(b.worstSeverity) ||
      (a.daysLeft ?? far) - (b.daysLeft ?? far) ||
      b.findingCount - a.findingCount ||
      (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0),
  );
  return rows.slice(0, limit);
}
