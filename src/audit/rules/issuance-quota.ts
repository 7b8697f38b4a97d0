import type { Certificate } from '../../domain/certificate.js';
import type { Finding } from '../../domain/finding.js';
import type { AccountRule } from './types.js';

const YEAR_MS = 365 * 86_400_000;

function within365(iso: string | null, now: Date): boolean | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return t <= now.getTime() && now.getTime() - t < YEAR_MS;
}

export const issuanceQuota: AccountRule = {
  id: 'issuance-quota',
  scope: 'account',
  title: 'Close to an ACM certificate quota',
  severities: ['high', 'medium'],
  rationale:
    'ACM caps certificates per account and region: 5,000 requested per 365 days and 2,500 held (imported ones have their own 5,000/2,500). At the cap, new requests and renewals by re-request fail until AWS raises it.',
  remediation:
    'Delete unused and expired certificates, combine names onto fewer certificates, or ask AWS Support (Service Quotas) to raise the limit before it blocks a release.',
  references: [],
  needs: ['region', 'type', 'keyPairOrigin', 'createdAt', 'importedAt'],
  check(certs, { config, now, evidence }) {
    const byRegion = new Map<string, Certificate[]>();
    for (const c of certs) {
      const list = byRegion.get(c.region) ?? [];
      list.push(c);
      byRegion.set(c.region, list);
    }
    const out: Array<Omit<Finding, 'ruleId'>> = [];
    const q = config.quotas;
    for (const [region, list] of [...byRegion].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      // ACME-issued certificates do not count against the ACM quotas (https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html).
      const acm = list.filter((c) => c.type === 'AMAZON_ISSUED' && c.keyPairOrigin !== 'ACME');
      const imported = list.filter((c) => c.type === 'IMPORTED');
      const acmRecent = acm.map((c) => within365(c.createdAt, now));
      const impRecent = imported.map((c) => within365(c.importedAt ?? c.createdAt, now));
      // CloudTrail's 90 days of RequestCertificate calls, when read: the observed pace, projected over a year.
      const requested = evidence?.acmEvents?.filter((e) => e.region === region && e.event === 'RequestCertificate' && !e.failed).length;
      const metrics = [
        { what: 'ACM certificates requested in the last 365 days', count: acmRecent.filter((x) => x === true).length, quota: q.issuedPer365Days, unknown: acmRecent.filter((x) => x === null).length },
        { what: 'ACM certificates held', count: acm.length, quota: q.held, unknown: 0 },
        ...(requested === undefined
          ? []
          : [{ what: 'ACM certificates a year at the pace CloudTrail shows over 90 days', count: Math.round((requested * 365) / 90), quota: q.issuedPer365Days, unknown: 0 }]),
        { what: 'certificates imported in the last 365 days', count: impRecent.filter((x) => x === true).length, quota: q.importedPer365Days, unknown: impRecent.filter((x) => x === null).length },
        { what: 'imported certificates held', count: imported.length, quota: q.importedHeld, unknown: 0 },
      ];
      for (const m of metrics) {
        const ratio = m.count / m.quota;
        if (ratio < q.warnRatio) continue;
        const pct = Math.round(ratio * 100);
        const unknown = m.unknown ? ` ${m.unknown} more had no creation date and were not counted.` : '';
        out.push({
          severity: ratio >= 1 ? 'high' : 'medium',
          certificateArn: null,
          region,
          title: `${m.count} of ${m.quota} ${m.what} (${pct}%)`,
          detail: `In ${region}: ${m.count} ${m.what}, quota ${m.quota}.${unknown}`,
          remediation: issuanceQuota.remediation,
        });
      }
    }
    return out;
  },
};
