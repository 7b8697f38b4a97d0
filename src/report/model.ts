import type { Certificate } from '../domain/certificate.js';
import { isPartial, type AccountIdentity, type AccountState, type DetailFailure, type Inventory, type InventoryOrigin, type RegionError } from '../domain/inventory.js';
import type { AuditResult, Finding, NotEvaluated, SeveritySummary } from '../domain/finding.js';
import { countBySeverity } from '../domain/finding.js';
import { forecastRenewalLoad, type RenewalForecast } from '../advisor/forecast.js';
import type { AnsweredQuestion, Advice, Fact, IgnoredAnswer, Plan, Recommendation } from '../domain/advice.js';
import type { AuditConfig } from '../domain/thresholds.js';
import { isInUse, tagValue } from '../domain/certificate-facts.js';
import { expiryTimeline, mostUrgent, type TimelineMonth, type UrgentCertificate } from '../domain/urgency.js';
import { incompleteLines } from '../audit/coverage.js';
import { findingRecords, type FindingRecord } from '../audit/finding-record.js';
import { certificateConsoleUrl } from '../domain/console-url.js';
import { blastRadius } from '../domain/endpoint-text.js';
import type { ProvenanceEvent } from '../domain/provenance.js';
import { certificateEvidence, evidenceOf } from '../stages/evidence.js';

/**
 * The one report model; JSON and Markdown are two renderings of it, so they can
 * never disagree. Values are kept raw here (JSON escapes by itself); the Markdown
 * renderer sanitises every string it places.
 */
export interface Report {
  schemaVersion: 1;
  /** What produced it: tool version and command line; null when the app's Report view made it. */
  run: ReportRun | null;
  generatedAt: string;
  inventoryGeneratedAt: string;
  account: AccountIdentity | null;
  regions: Array<{ region: string; status: string; error?: RegionError; detailsFailed: DetailFailure[] }>;
  failedRegions: string[];
  /** Several accounts: each with how reading it went and its findings; null for one account. */
  accounts: ReportAccount[] | null;
  /** Set when the inventory is a Config aggregator's recording (its age, what it lacks). */
  origin: InventoryOrigin | null;
  /** True when a region failed or some certificates' details or tags could not be read. */
  partial: boolean;
  /** One sentence per incomplete region and cause, and the checks each one cost. */
  incomplete: string[];
  /** Rules that could not run on some certificates, and why. */
  notEvaluated: NotEvaluated[];
  settings: { ownerTag: string; expiryDays: { high: number; medium: number }; renewalLateDays: number };
  summary: SeveritySummary;
  totals: { certificates: number; inUse: number; findings: number };
  urgent: ReportUrgentCertificate[];
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
  certificates: ReportCertificate[];
}

/** A certificate as the report lists it: with its CloudTrail history, null when CloudTrail was not read for it (as in the inventory JSON). */
export type ReportCertificate = Certificate & { provenance: ProvenanceEvent[] | null };

export interface ReportAccount {
  id: string;
  name: string | null;
  status: 'ok' | 'error';
  error?: RegionError;
  certificates: number;
  summary: SeveritySummary;
}

export interface ReportFinding extends FindingRecord {
  owner: string | null;
  /** The certificate's page in the ACM console; null for account-wide findings. */
  consoleUrl: string | null;
}

export interface ReportRun {
  tool: string;
  version: string;
  /** The arguments after the program name, any secret in them redacted (see safeCommandLine). */
  command: string[];
}

export interface ReportUrgentCertificate extends UrgentCertificate {
  owner: string | null;
  /** The account's name (or id), across an organisation; absent for one account. */
  account?: string | null;
  /** "takes down …": the names that stop working with it; null until hostnames are read. */
  blastRadius: string | null;
  consoleUrl: string | null;
}

export interface BuildReportInput {
  inventory: Inventory;
  audit: AuditResult;
  advice: Advice | null;
  facts: Fact[];
  config: AuditConfig;
  generatedAt: Date;
  run?: ReportRun | null;
}

/** How many certificates the report's most-urgent table lists. */
export const URGENT_LIMIT = 5;

export function buildReport(input: BuildReportInput): Report {
  const { inventory, audit, advice, facts, config, generatedAt } = input;
  const byArn = new Map(inventory.certificates.map((c) => [c.arn, c]));
  const joins = certificateEvidence(inventory.stages);
  const owner = (c: Certificate | undefined) => (c ? tagValue(c.tags, config.ownerTag) : null);

  const findings: ReportFinding[] = findingRecords(audit.findings, inventory.certificates).map((f) => {
    const cert = f.certificateArn ? byArn.get(f.certificateArn) : undefined;
    return { ...f, owner: owner(cert), consoleUrl: certificateConsoleUrl(f.certificateArn) };
  });

  const failedRegions = [...new Set(inventory.regions.filter((r) => r.status === 'error').map((r) => r.region))];
  const accounts = inventory.accounts ? reportAccounts(inventory.accounts, inventory.certificates, audit.findings) : null;
  const accountOf = (c: Certificate | undefined) => (accounts && c ? (c.accountName ?? c.accountId) : null);

  return {
    schemaVersion: 1,
    // First in the JSON, as in the Markdown: whether this report covers everything it was asked to.
    partial: isPartial(inventory),
    // The deadline's sentence first: the lines after it are what it cut short.
    incomplete: [...(inventory.stopped ? [inventory.stopped.message] : []), ...incompleteLines(inventory)],
    run: input.run ?? null,
    generatedAt: generatedAt.toISOString(),
    inventoryGeneratedAt: inventory.generatedAt,
    account: inventory.account,
    regions: inventory.regions.map((r) => ({
      region: r.region,
      status: r.status,
      ...(r.error ? { error: r.error } : {}),
      detailsFailed: r.detailsFailed ?? [],
    })),
    failedRegions,
    notEvaluated: audit.notEvaluated,
    accounts,
    origin: inventory.origin ?? null,
    settings: { ownerTag: config.ownerTag, expiryDays: { ...config.expiryDays }, renewalLateDays: config.renewalLateDays },
    summary: { ...audit.summary },
    totals: {
      certificates: inventory.certificates.length,
      inUse: inventory.certificates.filter((c) => isInUse(c) === true).length,
      findings: audit.findings.length,
    },
    urgent: mostUrgent(inventory.certificates, audit.findings, generatedAt, URGENT_LIMIT).map((u) => {
      const cert = byArn.get(u.arn);
      return {
        ...u,
        owner: owner(cert),
        ...(accounts ? { account: accountOf(cert) } : {}),
        blastRadius: cert ? blastRadius(cert) : null,
        consoleUrl: certificateConsoleUrl(u.arn),
      };
    }),
    expiryTimeline: expiryTimeline(inventory.certificates, generatedAt, config.renewalLateDays),
    // No exportable price: the sourced one predates AWS's 2026 change (content/facts.yaml exportable-pricing).
    forecast: forecastRenewalLoad(inventory, generatedAt, null, evidenceOf(inventory.stages).trust),
    findings,
    workload: advice?.workload ?? null,
    answers: advice ? advice.answers : null,
    ignoredAnswers: advice ? advice.ignoredAnswers : null,
    recommendation: advice ? advice.recommendation : null,
    plan: advice ? advice.plan : null,
    facts,
    certificates: inventory.certificates.map((c) => ({ ...c, provenance: joins(c).provenance })),
  };
}

function reportAccounts(accounts: AccountState[], certificates: Certificate[], findings: Finding[]): ReportAccount[] {
  return accounts.map((a) => {
    const summary = countBySeverity(findings.filter((f) => f.accountId === a.id));
    return {
      id: a.id,
      name: a.name,
      status: a.status === 'error' ? 'error' : 'ok',
      ...(a.error ? { error: a.error } : {}),
      certificates: certificates.filter((c) => c.accountId === a.id).length,
      summary,
    };
  });
}
