import { pendingFields, type Certificate } from '../domain/certificate.js';
import type { AuditResult, Finding } from '../domain/finding.js';
import { severityRank } from '../domain/finding.js';
import { InputError } from '../domain/errors.js';
import type { AuditConfig } from '../domain/thresholds.js';
import { RULES, RULE_IDS } from './rules/index.js';
import type { RuleContext } from './rules/index.js';
import { emptySummary } from './severity.js';

export interface RunAuditOptions {
  /** Rule ids to run; all when absent. */
  rules?: string[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function runAudit(
  certificates: Certificate[],
  config: AuditConfig,
  now: Date,
  options: RunAuditOptions = {},
): AuditResult {
  if (options.rules) {
    const unknown = options.rules.filter((r) => !RULE_IDS.includes(r));
    if (unknown.length) throw new InputError(`unknown rule ${unknown.join(', ')}; known: ${RULE_IDS.join(', ')}`);
  }
  const selected = options.rules ? RULES.filter((r) => options.rules!.includes(r.id)) : RULES;
  const ctx: RuleContext = { config, now };
  const findings: Finding[] = [];

  const waiting = (cert: Certificate, needs: readonly string[]) => {
    const pending = pendingFields(cert);
    return pending.length > 0 && needs.some((f) => pending.includes(f));
  };

  for (const rule of selected) {
    if (rule.scope === 'account') {
      try {
        // An account-wide count is provisional while any record it counts may still change.
        const provisional = certificates.some((c) => waiting(c, rule.needs));
        for (const f of rule.check(certificates, ctx)) findings.push({ ruleId: rule.id, ...f, ...(provisional ? { provisional: true as const } : {}) });
      } catch (e) {
        findings.push(crashFinding(rule.id, null, null, e));
      }
      continue;
    }
    for (const cert of certificates) {
      // One odd record must not cost the whole audit: report the failure as a finding instead.
      try {
        const hit = rule.check(cert, ctx);
        if (!hit) continue;
        findings.push({
          ruleId: rule.id,
          severity: hit.severity,
          certificateArn: cert.arn,
          region: cert.region,
          title: hit.title,
          detail: hit.detail,
          remediation: hit.remediation ?? rule.remediation,
          ...(waiting(cert, rule.needs) ? { provisional: true as const } : {}),
        });
      } catch (e) {
        findings.push(crashFinding(rule.id, cert.arn, cert.region, e));
      }
    }
  }

  const domainOf = new Map(certificates.map((c) => [c.arn, c.domainName ?? '']));
  findings.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.certificateArn ? (domainOf.get(a.certificateArn) ?? '') : '', b.certificateArn ? (domainOf.get(b.certificateArn) ?? '') : '') ||
      compare(a.region ?? '', b.region ?? '') ||
      compare(a.certificateArn ?? '', b.certificateArn ?? '') ||
      compare(a.title, b.title),
  );

  const summary = emptySummary();
  for (const f of findings) summary[f.severity]++;
  return { findings, summary };
}

function crashFinding(ruleId: string, arn: string | null, region: string | null, e: unknown): Finding {
  return {
    ruleId,
    severity: 'info',
    certificateArn: arn,
    region,
    title: 'rule could not evaluate this record',
    detail: e instanceof Error ? e.message : String(e),
    remediation: 'Report this as a bug in acm-advisor with the certificate record (redact names if needed).',
  };
}

/**
 * The certificates with a high or critical finding on what is known so far (provisional
 * findings count): the inventory describes these right after what the user is looking at.
 */
export function severeCertificates(certificates: readonly Certificate[], config: AuditConfig, now: Date): Set<string> {
  const { findings } = runAudit([...certificates], config, now);
  return new Set(
    findings.filter((f) => f.certificateArn !== null && (f.severity === 'critical' || f.severity === 'high')).map((f) => f.certificateArn!),
  );
}
