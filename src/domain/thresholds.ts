/**
 * The thresholds and tag conventions certificates are judged by (audit.yaml and its flags).
 * Defaults follow Security Hub (ACM.1 at 30 days, ACM.3's tag keys) and the ACM quotas
 * (https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html, content/facts.yaml
 * `quotas-*`); quotas are per account per region and AWS raises them on request, hence
 * configurable. Loading and validating the file is the audit's business (audit/config.ts).
 */
/** Days before expiry at which a certificate is high, then medium, urgency. */
export interface ExpiryDays {
  high: number;
  medium: number;
}

/** The tag that marks a production certificate: its key, and the values (any case) that mean production. */
export interface ProductionTag {
  key: string;
  values: string[];
}

export interface AuditConfig {
  expiryDays: ExpiryDays;
  /** A managed, auto-renewing certificate only alarms once this close to expiry. */
  renewalLateDays: number;
  requiredTags: string[];
  productionTag: ProductionTag;
  ownerTag: string;
  stalePendingHours: number;
  /** Traffic must stay encrypted to the instance (the questionnaire's PCI passthrough answer): plain-HTTP backends are high. */
  endToEndEncryption: boolean;
  quotas: {
    issuedPer365Days: number;
    held: number;
    importedPer365Days: number;
    importedHeld: number;
    /** Share of a quota at which the account-level rule starts warning. */
    warnRatio: number;
  };
}

export const DEFAULT_AUDIT_CONFIG: AuditConfig = {
  expiryDays: { high: 30, medium: 60 },
  renewalLateDays: 14,
  requiredTags: ['owner', 'environment', 'application'],
  productionTag: { key: 'environment', values: ['prod', 'production', 'prd'] },
  ownerTag: 'owner',
  stalePendingHours: 72,
  endToEndEncryption: false,
  quotas: { issuedPer365Days: 5000, held: 2500, importedPer365Days: 5000, importedHeld: 2500, warnRatio: 0.8 },
};

/** How close an expiry is, by the configured thresholds; `unknown` when the date is missing. */
export type ExpiryUrgency = 'expired' | 'high' | 'medium' | 'later' | 'unknown';

/**
 * The one reading of "expiring soon" every view shares: within `high` days (inclusive) is high,
 * within `medium` days medium, as the expiring-soon audit rule counts them.
 */
export function expiryUrgency(daysLeft: number | null, expiryDays: ExpiryDays): ExpiryUrgency {
  if (daysLeft === null) return 'unknown';
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= expiryDays.high) return 'high';
  if (daysLeft <= expiryDays.medium) return 'medium';
  return 'later';
}
