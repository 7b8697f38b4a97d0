import type { Certificate } from '../domain/certificate.js';
import type { AccountIdentity, Inventory, RegionError } from '../domain/inventory.js';
import type { AuditResult, Finding, Severity, SeveritySummary } from '../domain/finding.js';
import { severityRank } from '../domain/finding.js';
import { forecastRenewalLoad, type RenewalForecast } from '../advisor/forecast.js';
import type { AnsweredQuestion, Advice, Fact, IgnoredAnswer, Plan, Recommendation } from '../domain/advice.js';
import type { AuditConfig } from '../domain/thresholds.js';
import { daysUntilExpiry } from '../domain/certificate.js';
import { expiryDate, isManagedRenewal, isInUse, tagValue } from '../domain/certificate-facts.js';

/**
 * The one report model; JSON and Markdown are two renderings of it, so they can
 * never disagree. Values are kept raw here (JSON escapes by itself); the Markdown
 * renderer sanitises every string it places.
 */
export interface Report {
  schemaVersion: 1;
  generatedAt: string;
  inventoryGeneratedAt: string;
  account: AccountIdentity | null;
  regions: Array<{ region: string; status: string; error?: RegionError }>;
  failedRegions: string[];
  partial: boolean;
  settings: { ownerTag: string; expiryDays: { high: number; medium: number } };
  summary: SeveritySummary;
  totals: { certificates: number; inUse: number; findings: number };
  urgent: UrgentCertificate[];
  expiryTimeline: TimelineMonth[];
  /** Renewals needing a person or a redeploy per year, per phase of the CA/Browser Forum validity schedule. */
  forecast: RenewalForecast;
  findings: ReportFinding[];
  workload: string | null;
  answers: AnsweredQuestion[] | null;
  /** Answers to questions the branching skipped: listed, never silently dropped. */
  ignoredAnswers: IgnoredAnswer[] | null;
  recommendation: Recommendation | null;
  plan: Plan | null;
  facts: Fact[];
  certificates: Certificate[];
}

export interface ReportFinding extends Finding {
  domainName: string | null;
  owner: string | null;
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
  owner: string | null;
}

export interface TimelineMonth {
  /** YYYY-MM, UTC. */
  month: string;
  expiring: number;
  /** Expected to be renewed by ACM without anyone acting. */
  managed: number;
  needsAction: number;
  certificateArns: string[];
}

export interface BuildReportInput {
  inventory: Inventory;
  audit: AuditResult;
  advice: Advice | null;
  facts: Fact[];
  config: AuditConfig;
  generatedAt: Date;
}

const DEAD_STATUSES = new Set(['EXPIRED', 'REVOKED', 'INACTIVE', 'FAILED', 'VALIDATION_TIMED_OUT']);

export function buildReport(input: BuildReportInput): Report {
  const { inventory, audit, advice, facts, config, generatedAt } = input;
  const byArn = new Map(inventory.certificates.map((c) => [c.arn, c]));
  const owner = (c: Certificate | undefined) => (c ? tagValue(c.tags, config.ownerTag) : null);

  const findings: ReportFinding[] = audit.findings.map((f) => {
    const cert = f.certificateArn ? byArn.get(f.certificateArn) : undefined;
    return { ...f, domainName: cert?.domainName ?? null, owner: owner(cert) };
  });

  const failedRegions = inventory.regions.filter((r) => r.status === 'error').map((r) => r.region);

  return {
    schemaVersion: 1,
    generatedAt: generatedAt.toISOString(),
    inventoryGeneratedAt: inventory.generatedAt,
    account: inventory.account,
    regions: inventory.regions.map((r) => ({ region: r.region, status: r.status, ...(r.error ? { error: r.error } : {}) })),
    failedRegions,
    partial: failedRegions.length > 0,
    settings: { ownerTag: config.ownerTag, expiryDays: { ...config.expiryDays } },
    summary: { ...audit.summary },
    totals: {
      certificates: inventory.certificates.length,
      inUse: inventory.certificates.filter((c) => isInUse(c) === true).length,
      findings: audit.findings.length,
    },
    urgent: mostUrgent(inventory.certificates, audit.findings, generatedAt, owner, 5),
    expiryTimeline: timeline(inventory.certificates, generatedAt, 12, config.renewalLateDays),
    // No exportable price: the sourced one predates AWS's 2026 change (content/facts.yaml exportable-pricing).
    forecast: forecastRenewalLoad(inventory, generatedAt, null),
    findings,
    workload: advice?.workload ?? null,
    answers: advice ? advice.answers : null,
    ignoredAnswers: advice ? advice.ignoredAnswers : null,
    recommendation: advice ? advice.recommendation : null,
    plan: advice ? advice.plan : null,
    facts,
    certificates: inventory.certificates,
  };
}

/** Worst finding first, then the nearest expiry; info-only certificates are not urgent. */
function mostUrgent(
  certs: Certificate[],
  findings: Finding[],
  now: Date,
  owner: (c: Certificate) => string | null,
  limit: number,
): UrgentCertificate[] {
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
    // findings arrive sorted by severity, so the first is the worst
    const worst = [...list].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))[0];
    rows.push({
      arn: c.arn,
      domainName: c.domainName,
      region: c.region,
      notAfter: c.notAfter,
      daysLeft: daysUntilExpiry(c, now),
      worstSeverity: worst.severity,
      findingCount: list.length,
      topFinding: { ruleId: worst.ruleId, title: worst.title },
      owner: owner(c),
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

function monthKey(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** Live certificates expiring in each of the next `months` calendar months (UTC), this one first. */
function timeline(certs: Certificate[], now: Date, months: number, lateDays: number): TimelineMonth[] {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const buckets: TimelineMonth[] = [];
  for (let i = 0; i < months; i++) {
    const d = new Date(start);
    d.setUTCMonth(d.getUTCMonth() + i);
    buckets.push({ month: monthKey(d), expiring: 0, managed: 0, needsAction: 0, certificateArns: [] });
  }
  const index = new Map(buckets.map((b, i) => [b.month, i]));
  for (const c of certs) {
    if (c.status && DEAD_STATUSES.has(c.status)) continue;
    const date = expiryDate(c);
    if (!date || Date.parse(c.notAfter!) < now.getTime()) continue;
    const i = index.get(date.slice(0, 7));
    if (i === undefined) continue;
    const b = buckets[i];
    b.expiring++;
    // a managed certificate this close to expiry has a late renewal: someone must look
    const late = (daysUntilExpiry(c, now) ?? 0) <= lateDays;
    if (!late && isManagedRenewal(c) && (c.type === 'PRIVATE' || isInUse(c) === true)) b.managed++;
    else b.needsAction++;
    b.certificateArns.push(c.arn);
  }
  return buckets;
}
