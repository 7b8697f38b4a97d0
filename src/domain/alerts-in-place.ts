import type { Inventory } from './inventory.js';

/**
 * The alerting already set up, as the alerts read stage (src/stages/alerts/) found it in each region:
 * the plan says "in place" for a control that exists instead of proposing it again.
 */
export interface AlertsInPlace {
  expiryEventsDays: number | null;
  rules: Array<{ name: string; matches: 'acm-events' | 'acm-api-calls'; enabled: boolean; targets: string[] }>;
  acmeEndpoints: number;
}

/** The id of the stage whose data this is. */
export const ALERTS_STAGE = 'alerts';

/** Each region's alerts as read, by region (the stage's data; regions it could not read are absent). */
export function alertsByRegion(inventory: Pick<Inventory, 'stages'>): Map<string, AlertsInPlace> {
  const out = new Map<string, AlertsInPlace>();
  for (const r of inventory.stages ?? []) if (r.stage === ALERTS_STAGE && r.status === 'ok' && r.data) out.set(r.accountId ? `${r.accountId}/${r.region}` : r.region, r.data as AlertsInPlace);
  return out;
}

/** "rule acm-expiry-alerts → SNS acm-certificate-alerts": one rule and where it sends. */
export function inPlaceSentence(rule: AlertsInPlace['rules'][number]): string {
  const targets = rule.targets.map((arn) => {
    const parts = arn.split(':');
    return `${(parts[2] ?? '').toUpperCase()} ${parts.slice(5).join(':') || arn}`;
  });
  return `rule ${rule.name} → ${targets.length ? targets.join(', ') : 'no target'}${rule.enabled ? '' : ' (disabled)'}`;
}

/** Where an alerting control is already in place, and the regions with certificates still without it. */
export interface ControlInPlace {
  /** "rule acm-expiry-alerts → SNS acm-certificate-alerts (us-east-1)", one per rule found. */
  inPlace: string[];
  /** Regions holding certificates whose alerts were read and have no such rule. */
  missingIn: string[];
}

/**
 * Whether EventBridge rules on ACM's own events (`acm-events`: expiry and renewal) or on ACM API calls
 * recorded by CloudTrail (`acm-api-calls`: requests, deletions) already exist; null when none was found
 * or the alerts were not read.
 */
export function controlInPlace(inventory: Pick<Inventory, 'stages' | 'certificates'>, kind: AlertsInPlace['rules'][number]['matches']): ControlInPlace | null {
  const read = alertsByRegion(inventory);
  const inPlace: string[] = [];
  const covered = new Set<string>();
  for (const [where, alerts] of read)
    for (const rule of alerts.rules)
      if (rule.matches === kind && rule.enabled && rule.targets.length) {
        inPlace.push(`${inPlaceSentence(rule)} (${where})`);
        covered.add(where);
      }
  if (!inPlace.length) return null;
  const withCertificates = new Set(inventory.certificates.map((c) => (read.has(`${c.accountId}/${c.region}`) ? `${c.accountId}/${c.region}` : c.region)));
  const missingIn = [...withCertificates].filter((w) => read.has(w) && !covered.has(w)).sort();
  return { inPlace, missingIn };
}
