export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One audit result, as `audit --format json` carries it. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  certificateArn: string | null;
  region: string | null;
  title: string;
  detail: string;
  remediation: string;
  /**
   * Set (true) only while a field the rule reads is still being read (see `needs` on the
   * rule): the finding may change or disappear when the certificate's detail arrives.
   */
  provisional?: true;
  /** The account the finding is in; set when the inventory spans several accounts. */
  accountId?: string | null;
  accountName?: string | null;
}

export type SeveritySummary = Record<Severity, number>;

/** How many of `findings` have each severity (every severity named, 0 when none): the one count the audit, report and app show. */
export function countBySeverity(findings: Iterable<Pick<Finding, 'severity'>>): SeveritySummary {
  const summary: SeveritySummary = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return summary;
}

/** A rule that could not run on some certificates because fields it needs are unknown, and why. */
export interface NotEvaluated {
  ruleId: string;
  certificateArns: string[];
  /** e.g. "DescribeCertificate denied (AccessDeniedException)" */
  reason: string;
}

export interface AuditResult {
  findings: Finding[];
  summary: SeveritySummary;
  /** Empty when every selected rule ran on every certificate. */
  notEvaluated: NotEvaluated[];
}

/** 0 for critical … 4 for info: lower is worse. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
