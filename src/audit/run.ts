import { pendingFields, type Certificate } from '../domain/certificate.js';
import { gapFor } from '../domain/completeness.js';
import type { AuditResult, Finding, NotEvaluated } from '../domain/finding.js';
import { countBySeverity, severityRank } from '../domain/finding.js';
import { InputError } from '../domain/errors.js';
import type { AuditConfig } from '../domain/thresholds.js';
import type { ReadEvidence } from '../domain/read-evidence.js';
import { ValuePool } from '../domain/shared-values.js';
import { RULES, RULE_IDS } from './rules/index.js';
import type { Rule, RuleContext } from './rules/index.js';
import { possibleRecords, unrecordedAmong, unrecordedReason } from './unrecorded.js';

export interface RunAuditOptions {
  /** Rule ids to run; all when absent. */
  rules?: string[];
  /** What the reads beyond ACM found, for the rules that judge it. */
  evidence?: ReadEvidence;
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
  const ctx: RuleContext = { config, now, ...(options.evidence ? { evidence: options.evidence } : {}) };
  const findings: Finding[] = [];
  const notEvaluated: NotEvaluated[] = [];

  const waiting = (cert: Certificate, needs: readonly string[]) => {
    const pending = pendingFields(cert);
    return pending.length > 0 && needs.some((f) => pending.includes(f));
  };

  // Across an organisation every finding names its account, and account-wide rules (quotas are
  // per account and region) run once per account.
  const byAccount = new Map<string | null, Certificate[]>();
  for (const c of certificates) {
    let list = byAccount.get(c.accountId);
    if (!list) byAccount.set(c.accountId, (list = []));
    list.push(c);
  }
  const several = byAccount.size > 1;
  const accountOf = (c: Certificate | undefined) => (several && c ? { accountId: c.accountId, accountName: c.accountName } : {});

  for (const rule of selected) {
    if (rule.scope === 'account') {
      for (const group of several ? [...byAccount.values()] : [certificates]) {
        try {
          // An account-wide count is provisional while any record it counts may still change.
          const provisional = group.some((c) => waiting(c, rule.needs));
          for (const f of rule.check(group, ctx))
            findings.push({ ruleId: rule.id, ...f, ...(provisional ? { provisional: true as const } : {}), ...accountOf(group[0]) });
        } catch (e) {
          findings.push({ ...crashFinding(rule.id, null, null, e), ...accountOf(group[0]) });
        }
      }
      continue;
    }
    const unchecked = new Unchecked(rule.id);
    // A rule says the same few sentences about thousands of certificates (at 50,000 records: 32,000
    // findings, 250 distinct titles): each finding holds the one copy instead of its own.
    const said = new ValuePool();
    const decisive = decisiveFields(rule);
    for (const cert of certificates) {
      // One odd record must not cost the whole audit: report the failure as a finding instead.
      try {
        const unknown = unrecordedAmong(cert, decisive);
        let hit = rule.check(cert, ctx);
        if (unknown.length > 0) {
          // Decided only if every value the source left unrecorded gives the same answer.
          const answers = possibleRecords(cert, unknown).map((c) => rule.check(c, ctx));
          const key = (h: typeof hit) => (h ? `${h.severity}\u0000${h.title}` : '');
          if (answers.some((a) => key(a) !== key(answers[0]))) {
            unchecked.add(cert, unrecordedReason(unknown));
            continue;
          }
          hit = answers[0];
        }
        if (!hit) {
          // Silence is only a pass when everything the rule decides on was read.
          unchecked.addIfGap(cert, decisive);
          continue;
        }
        findings.push({
          ruleId: rule.id,
          severity: hit.severity,
          certificateArn: cert.arn,
          region: cert.region,
          title: said.string(hit.title),
          detail: said.string(hit.detail),
          remediation: said.string(hit.remediation ?? rule.remediation),
          ...(waiting(cert, rule.needs) ? { provisional: true as const } : {}),
          ...accountOf(cert),
        });
      } catch (e) {
        findings.push(crashFinding(rule.id, cert.arn, cert.region, e));
      }
    }
    notEvaluated.push(...unchecked.list());
  }

  const domainOf = new Map(certificates.map((c) => [c.arn, c.domainName ?? '']));
  findings.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.certificateArn ? (domainOf.get(a.certificateArn) ?? '') : '', b.certificateArn ? (domainOf.get(b.certificateArn) ?? '') : '') ||
      compare(a.region ?? '', b.region ?? '') ||
      compare(a.accountId ?? '', b.accountId ?? '') ||
      compare(a.certificateArn ?? '', b.certificateArn ?? '') ||
      compare(a.title, b.title),
  );

  return { findings, summary: countBySeverity(findings), notEvaluated };
}

/** The fields in a rule's needs whose absence could hide one of its findings. */
export function decisiveFields(rule: Rule): readonly string[] {
  const without = rule.decidesWithout ?? [];
  return rule.needs.filter((f) => !without.includes(f));
}

/** Certificates a rule stayed silent on only because a field it decides on is unknown, by cause. */
class Unchecked {
  private readonly byReason = new Map<string, NotEvaluated>();
  constructor(private readonly ruleId: string) {}

  addIfGap(cert: Certificate, fields: readonly string[]): void {
    const gap = gapFor(cert, fields);
    if (gap) this.add(cert, gap.reason);
  }

  add(cert: Certificate, reason: string): void {
    const entry = this.byReason.get(reason) ?? { ruleId: this.ruleId, certificateArns: [], reason };
    entry.certificateArns.push(cert.arn);
    this.byReason.set(reason, entry);
  }

  list(): NotEvaluated[] {
    const out = [...this.byReason.values()];
    for (const entry of out) entry.certificateArns.sort();
    return out;
  }
}

/**
 * What `runAudit` would list as not evaluated, from its findings (the TUI keeps only those):
 * certificate rules that said nothing about a certificate missing a field they decide on.
 */
export function notEvaluatedBy(certificates: readonly Certificate[], findings: readonly Finding[], rules: readonly Rule[] = RULES): NotEvaluated[] {
  const spoke = new Set(findings.map((f) => `${f.ruleId}\u0000${f.certificateArn}`));
  const out: NotEvaluated[] = [];
  for (const rule of rules) {
    if (rule.scope === 'account') continue;
    const unchecked = new Unchecked(rule.id);
    for (const cert of certificates) if (!spoke.has(`${rule.id}\u0000${cert.arn}`)) unchecked.addIfGap(cert, decisiveFields(rule));
    out.push(...unchecked.list());
  }
  return out;
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
