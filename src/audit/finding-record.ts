/**
 * A finding as the machine-readable outputs carry it (JSON, CSV, SARIF, JUnit): the audit's finding plus
 * what a CI job or a ticket needs without a second lookup — the certificate's domain, account, expiry, the
 * rule's references — and, when asked for, whether a baseline accepts it and how it changed since the last run.
 */
import type { Certificate } from '../domain/certificate.js';
import type { Finding } from '../domain/finding.js';
import { ruleById } from './rules/index.js';

/** Why a baseline entry accepts a finding, and until when. */
export interface Acceptance {
  reason: string;
  /** YYYY-MM-DD; the acceptance ends at the start of that day (UTC). */
  expires: string;
  /** The entry's position in the baseline file, from 1. */
  entry: number;
}

export type FindingChange = 'new' | 'changed' | 'unchanged';

export interface FindingRecord extends Finding {
  domainName: string | null;
  accountId: string | null;
  notAfter: string | null;
  references: string[];
  /** 'accepted' when a baseline entry covers it (shown and counted, never failing --fail-on). */
  status: 'open' | 'accepted';
  acceptance?: Acceptance;
  /** With --since: how it stands against the previous read. */
  change?: FindingChange;
}

export function findingRecords(findings: readonly Finding[], certificates: readonly Certificate[]): FindingRecord[] {
  const byArn = new Map(certificates.map((c) => [c.arn, c]));
  return findings.map((f) => {
    const cert = f.certificateArn ? byArn.get(f.certificateArn) : undefined;
    return {
      ...f,
      domainName: cert?.domainName ?? null,
      accountId: f.accountId ?? cert?.accountId ?? null,
      notAfter: cert?.notAfter ?? null,
      references: [...(ruleById(f.ruleId)?.references ?? [])],
      status: 'open',
    };
  });
}

/**
 * What identifies a finding across runs: the rule and the certificate, or for an account-wide rule the
 * account and region. The same key is SARIF's fingerprint and --since's match.
 */
export function findingKey(f: Pick<Finding, 'ruleId' | 'certificateArn' | 'region' | 'accountId'>): string {
  return f.certificateArn !== null ? `${f.ruleId}|${f.certificateArn}` : `${f.ruleId}|account:${f.accountId ?? ''}|${f.region ?? ''}`;
}

/** What a finding is about, in words: the certificate's domain (else its ARN), or for an account-wide rule the account and region. */
export function findingSubject(f: { domainName: string | null; certificateArn: string | null; accountId?: string | null; region: string | null }): string {
  return f.domainName ?? f.certificateArn ?? `account ${f.accountId ?? ''} ${f.region ?? ''}`.trim();
}
