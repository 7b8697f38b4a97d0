/**
 * `--since last`: this read against the previous one the cache holds — which findings are new, fixed or
 * changed (in severity), which certificates appeared, went away or changed (and in which fields).
 * Pure: the caller reads the previous inventory from the cache and audits it as of its own time.
 */
import type { Certificate } from '../domain/certificate.js';
import type { Finding, Severity } from '../domain/finding.js';
import { findingKey, findingSubject, type FindingRecord } from './finding-record.js';

export interface CertificateRef {
  arn: string;
  domainName: string | null;
  accountId: string | null;
  region: string;
}

export interface FindingRef {
  ruleId: string;
  severity: Severity;
  title: string;
  certificateArn: string | null;
  domainName: string | null;
  accountId: string | null;
  region: string | null;
}

export interface SinceReport {
  /** When the previous read was saved. */
  previousAt: string;
  findings: {
    new: FindingRef[];
    fixed: FindingRef[];
    changed: Array<FindingRef & { before: { severity: Severity; title: string } }>;
  };
  certificates: {
    new: CertificateRef[];
    removed: CertificateRef[];
    changed: Array<CertificateRef & { fields: string[] }>;
  };
}

/** Bookkeeping, not facts about the certificate: never a change. */
const NOT_COMPARED = new Set(['detail', 'tagsState', 'accountName']);

function byName(a: CertificateRef, b: CertificateRef): number {
  const ka = `${a.domainName ?? ''}\u0000${a.region}\u0000${a.arn}`;
  const kb = `${b.domainName ?? ''}\u0000${b.region}\u0000${b.arn}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function certRef(c: Certificate): CertificateRef {
  return { arn: c.arn, domainName: c.domainName, accountId: c.accountId, region: c.region };
}

function findingRef(f: Finding, domainOf: (arn: string | null) => string | null): FindingRef {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    certificateArn: f.certificateArn,
    domainName: domainOf(f.certificateArn),
    accountId: f.accountId ?? null,
    region: f.region,
  };
}

/** JSON with object keys sorted: two reads of the same record compare equal whatever order built them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Fields read apart from DescribeCertificate: null on one side means not read in that run, not a change. */
const READ_APART = new Set(['tags', 'hostnames', 'endpoints', 'servedElsewhere']);

/** The fields that differ; a field unknown (null) on one side because it was not read is not a change. */
export function changedFields(before: Certificate, after: Certificate): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: string[] = [];
  for (const k of keys) {
    if (NOT_COMPARED.has(k)) continue;
    const a = (before as unknown as Record<string, unknown>)[k];
    const b = (after as unknown as Record<string, unknown>)[k];
    if (READ_APART.has(k) && (a == null || b == null)) continue;
    if (canonical(a) !== canonical(b)) out.push(k);
  }
  return out.sort();
}

export interface SinceInput {
  previous: { savedAt: string; certificates: readonly Certificate[]; findings: readonly Finding[] };
  current: { certificates: readonly Certificate[]; findings: readonly FindingRecord[] };
}

/** The findings marked new/changed/unchanged, and the whole comparison. */
export function compareWithPrevious(input: SinceInput): { findings: FindingRecord[]; since: SinceReport } {
  const { previous, current } = input;
  const prevCerts = new Map(previous.certificates.map((c) => [c.arn, c]));
  const curCerts = new Map(current.certificates.map((c) => [c.arn, c]));
  const domainOf = (arn: string | null) => (arn ? (curCerts.get(arn)?.domainName ?? prevCerts.get(arn)?.domainName ?? null) : null);

  const prevFindings = new Map(previous.findings.map((f) => [findingKey(f), f]));
  const seen = new Set<string>();
  const since: SinceReport = {
    previousAt: previous.savedAt,
    findings: { new: [], fixed: [], changed: [] },
    certificates: { new: [], removed: [], changed: [] },
  };
  const findings = current.findings.map((f): FindingRecord => {
    const key = findingKey(f);
    seen.add(key);
    const before = prevFindings.get(key);
    if (!before) {
      since.findings.new.push(findingRef(f, domainOf));
      return { ...f, change: 'new' };
    }
    // Titles carry day counts ("expires in 24 days"): only a move in severity is a change worth naming.
    if (before.severity !== f.severity) {
      since.findings.changed.push({ ...findingRef(f, domainOf), before: { severity: before.severity, title: before.title } });
      return { ...f, change: 'changed' };
    }
    return { ...f, change: 'unchanged' };
  });
  for (const [key, f] of prevFindings) if (!seen.has(key)) since.findings.fixed.push(findingRef(f, domainOf));

  for (const c of current.certificates) {
    const before = prevCerts.get(c.arn);
    if (!before) since.certificates.new.push(certRef(c));
    else {
      const fields = changedFields(before, c);
      if (fields.length) since.certificates.changed.push({ ...certRef(c), fields });
    }
  }
  for (const c of previous.certificates) if (!curCerts.has(c.arn)) since.certificates.removed.push(certRef(c));
  // By name, whatever order the regions and pages came back in.
  for (const list of [since.certificates.new, since.certificates.removed, since.certificates.changed]) list.sort(byName);
  return { findings, since };
}

/** The comparison as text lines for the table and the Markdown: one line per change, nothing when nothing changed. */
export function sinceLines(since: SinceReport): string[] {
  const cert = (c: CertificateRef) => `${c.domainName ?? c.arn} (${c.region}${c.accountId ? `, ${c.accountId}` : ''})`;
  const finding = (f: FindingRef) => `${f.ruleId} on ${findingSubject(f)}`;
  return [
    ...since.findings.new.map((f) => `new finding: ${finding(f)} (${f.severity}): ${f.title}`),
    ...since.findings.changed.map((f) => `changed finding: ${finding(f)}: ${f.before.severity} → ${f.severity}; ${f.title}`),
    ...since.findings.fixed.map((f) => `fixed: ${finding(f)} (${f.severity}): ${f.title}`),
    ...since.certificates.new.map((c) => `new certificate: ${cert(c)}`),
    ...since.certificates.changed.map((c) => `changed certificate: ${cert(c)}: ${c.fields.join(', ')}`),
    ...since.certificates.removed.map((c) => `certificate gone: ${cert(c)}`),
  ];
}
