import type { Certificate } from '../../domain/certificate.js';

/** A field of the certificate model, by name. */
export type CertificateField = keyof Certificate & string;
import type { Finding, Severity } from '../../domain/finding.js';
import type { AuditConfig } from '../../domain/thresholds.js';
import type { ReadEvidence } from '../../domain/read-evidence.js';

export interface RuleContext {
  config: AuditConfig;
  now: Date;
  /** What the reads beyond ACM found (DNS, CloudTrail, Private CA, …); a part absent was not read. */
  evidence?: ReadEvidence;
}

/** What a rule says about one certificate; run.ts adds ruleId, arn and region. */
export interface Hit {
  severity: Severity;
  title: string;
  detail: string;
  /** Overrides the rule's general remediation when the fix depends on the case. */
  remediation?: string;
}

interface RuleBase {
  id: string;
  title: string;
  /** The severities this rule can produce, worst first; for docs and --help. */
  severities: Severity[];
  rationale: string;
  remediation: string;
  /** Security Hub controls and AWS Config rules that test the same thing. */
  references: string[];
  /**
   * Every certificate field `check` reads (including through the helpers in facts.ts). A
   * finding computed while one of them is still on its way (the record is `summary` or
   * `searched`) is provisional: it may change or go away when the detail arrives.
   */
  needs: readonly CertificateField[];
  /**
   * The fields in `needs` whose absence cannot hide a finding: read only to word it or pick its
   * severity, or able only to add one. When a certificate's DescribeCertificate or tag read
   * failed, the rule's silence on it counts as a pass only if every *other* needed field is known;
   * otherwise the certificate is listed as not evaluated by this rule.
   */
  decidesWithout?: readonly CertificateField[];
}

export interface CertificateRule extends RuleBase {
  scope: 'certificate';
  check(cert: Certificate, ctx: RuleContext): Hit | null;
}

/** Rules over the whole inventory (quotas); their findings carry `certificateArn: null`. */
export interface AccountRule extends RuleBase {
  scope: 'account';
  check(certs: Certificate[], ctx: RuleContext): Array<Omit<Finding, 'ruleId'>>;
}

export type Rule = CertificateRule | AccountRule;
