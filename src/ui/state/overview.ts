/**
 * The Overview's numbers: counts, the expiry timeline, the most urgent certificates and the renewal
 * forecast. All but the counts are computed as the report computes them (domain/urgency.ts,
 * advisor/forecast.ts), so the screen and an export agree.
 */
import { forecastRenewalLoad, type RenewalForecast } from '../../advisor/forecast.js';
import type { Certificate } from '../../domain/certificate.js';
import { isInUse } from '../../domain/certificate-facts.js';
import type { CertificateTrust } from '../../domain/certificate-trust.js';
import type { Finding } from '../../domain/finding.js';
import type { AuditConfig } from '../../domain/thresholds.js';
import { expiryTimeline, mostUrgent, type TimelineMonth, type UrgentCertificate } from '../../domain/urgency.js';

interface Counts {
  total: number;
  byStatus: Array<[string, number]>;
  byType: Array<[string, number]>;
  byKey: Array<[string, number]>;
  inUse: { yes: number; no: number; unknown: number };
}

function tally(map: Map<string, number>, key: string | null): void {
  const k = key ?? 'unknown';
  map.set(k, (map.get(k) ?? 0) + 1);
}

const desc = (m: Map<string, number>): Array<[string, number]> => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

export function countCertificates(certs: readonly Certificate[]): Counts {
  const status = new Map<string, number>();
  const type = new Map<string, number>();
  const key = new Map<string, number>();
  const inUse = { yes: 0, no: 0, unknown: 0 };
  for (const c of certs) {
    tally(status, c.status);
    tally(type, c.type);
    tally(key, c.keyAlgorithm);
    const used = isInUse(c);
    if (used === null) inUse.unknown++;
    else if (used) inUse.yes++;
    else inUse.no++;
  }
  return { total: certs.length, byStatus: desc(status), byType: desc(type), byKey: desc(key), inUse };
}

/** The most urgent certificates the Overview can show at most. */
export const OVERVIEW_URGENT_LIMIT = 10;

export interface OverviewNumbers {
  counts: Counts;
  timeline: TimelineMonth[];
  /** Null until the audit has run: urgency is judged by the findings. */
  urgent: UrgentCertificate[] | null;
  /** Null until the load is done: half an inventory would understate the renewal load. */
  forecast: RenewalForecast | null;
}

export function overviewOf(
  certs: readonly Certificate[],
  findings: readonly Finding[] | null,
  config: AuditConfig,
  now: Date,
  loaded: boolean,
  /** The trust read's facts (who issued each import), when it ran: the forecast's public/private split. */
  trust?: ReadonlyMap<string, CertificateTrust>,
): OverviewNumbers {
  return {
    counts: countCertificates(certs),
    timeline: expiryTimeline(certs, now, config.renewalLateDays),
    urgent: findings ? mostUrgent(certs, findings, now, OVERVIEW_URGENT_LIMIT) : null,
    forecast: loaded ? forecastRenewalLoad({ certificates: certs }, now, null, trust) : null,
  };
}

/**
 * The Overview's first section: its title and what the caller's id is followed by. Across several
 * accounts it says so (the demo is a demo organisation then, not the demo account).
 */
export function callerHeading(label: { demo: boolean; scope?: string | null }, accounts: number | null): { title: string; note: string | null } {
  if (accounts === null) return { title: 'Account', note: label.demo ? 'built-in demo account' : null };
  const org = label.scope === 'organisation';
  const n = `${accounts.toLocaleString('en-US')} account${accounts === 1 ? '' : 's'}`;
  if (label.demo) return { title: org ? 'Organisation' : 'Accounts read from', note: `built-in demo ${org ? 'organisation' : 'accounts'}, ${n}` };
  return org ? { title: 'Organisation', note: `read from this account, ${n}` } : { title: 'Accounts read from', note: n };
}
