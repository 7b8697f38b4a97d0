/** Pure summaries for the Overview: counts, the expiry timeline and the most urgent certificates. */
import type { Certificate } from '../../domain/certificate.js';
import { daysUntilExpiry } from '../../domain/certificate.js';

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
    if (c.inUse === null) inUse.unknown++;
    else if (c.inUse) inUse.yes++;
    else inUse.no++;
  }
  return { total: certs.length, byStatus: desc(status), byType: desc(type), byKey: desc(key), inUse };
}

export interface TimelineMonth {
  /** "2026-12" */
  month: string;
  /** "Dec 2026" */
  label: string;
  total: number;
  imported: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Certificates expiring in each of the next `months` calendar months (UTC), starting with the current one. */
export function expiryTimeline(certs: readonly Certificate[], now: Date, months = 12): TimelineMonth[] {
  const y0 = now.getUTCFullYear();
  const m0 = now.getUTCMonth();
  const out: TimelineMonth[] = [];
  for (let i = 0; i < months; i++) {
    const y = y0 + Math.floor((m0 + i) / 12);
    const m = (m0 + i) % 12;
    out.push({ month: `${y}-${String(m + 1).padStart(2, '0')}`, label: `${MONTHS[m]} ${y}`, total: 0, imported: 0 });
  }
  const nowMs = now.getTime();
  for (const c of certs) {
    if (!c.notAfter) continue;
    const t = Date.parse(c.notAfter);
    if (Number.isNaN(t) || t < nowMs) continue;
    const d = new Date(t);
    const i = (d.getUTCFullYear() - y0) * 12 + (d.getUTCMonth() - m0);
    if (i < 0 || i >= months) continue;
    out[i].total++;
    if (c.type === 'IMPORTED') out[i].imported++;
  }
  return out;
}

/**
 * The most urgent certificates: soonest expiry first (expired ones that are still around included),
 * skipping those nobody needs to act on (revoked, or inactive and unused).
 */
export function mostUrgent(certs: readonly Certificate[], now: Date, limit: number): Array<{ index: number; days: number }> {
  const best: Array<{ index: number; days: number }> = [];
  for (let i = 0; i < certs.length; i++) {
    const c = certs[i];
    if (c.status === 'REVOKED') continue;
    const days = daysUntilExpiry(c, now);
    if (days === null || days > 90) continue;
    if (best.length < limit || days < best[best.length - 1].days) {
      best.push({ index: i, days });
      best.sort((a, b) => a.days - b.days || a.index - b.index);
      if (best.length > limit) best.pop();
    }
  }
  return best;
}
