import { SearchCertificatesCommand, type ACMClient, type CertificateSearchResult } from '@aws-sdk/client-acm';
import type { Certificate } from '../domain/certificate.js';
import { deadlinePassed } from '../domain/deadline.js';
import { isAbort } from './errors.js';
import { parseArn } from '../domain/arn.js';
import { abortError, type Pacer } from './pacer.js';

/**
 * SearchCertificates (ACM API Reference, SearchCertificates): up to 500 certificates a call,
 * each with its X.509 attributes and ACM metadata. With ListCertificates and the tags, that
 * is every field the audit reads except what is listed below, so a large account is browsable
 * and mostly audited in seconds while DescribeCertificate fills the rest in at 10 calls a second.
 *
 * Pure mapping only: each field is taken from the member of the Search answer that means
 * exactly that field, or left as it was.
 */

/**
 * What a searched record still waits for from DescribeCertificate: nothing in the Search
 * answer carries these. Issuer and subject do come back, but as structured distinguished
 * names, not the strings DescribeCertificate gives, so they wait for the detail rather than
 * being re-spelt here.
 */
export const SEARCH_MISSING_FIELDS = [
  'inUseBy',
  'transparencyLogging',
  'domainValidations',
  'renewalStatusReason',
  'renewalUpdatedAt',
  'failureReason',
  'revocationReason',
  'issuer',
  'subject',
  'signatureAlgorithm',
  'certificateAuthorityArn',
] as const;

/** Searched but not yet tagged: the tags are on their way too. */
export const TAGS_FIELD = 'tags';

const iso = (d: Date | undefined | null): string | null =>
  d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null;

/**
 * Overlays one Search result on the listed record. Fields the Search answer omits keep the
 * listed value (a certificate still pending validation has no X.509 attributes yet); the
 * domain name stays the one ListCertificates gave, which is ACM's own DomainName.
 */
export function withSearchResult(base: Certificate, result: CertificateSearchResult, tagsKnown: boolean): Certificate {
  const x = result.X509Attributes;
  const m = result.CertificateMetadata?.AcmCertificateMetadata;
  const keep = <T>(value: T | undefined | null, fallback: T): T => (value === undefined || value === null ? fallback : value);
  const sans = x?.SubjectAlternativeNames?.map((n) => n.DnsName).filter((n): n is string => typeof n === 'string');
  const missing: string[] = [...SEARCH_MISSING_FIELDS];
  if (!tagsKnown) missing.push(TAGS_FIELD);
  return {
    ...base,
    // Search lists every DNS name; a summary stops at the first 100.
    subjectAlternativeNames: sans && sans.length > 0 ? sans : base.subjectAlternativeNames,
    keyAlgorithm: keep(x?.KeyAlgorithm, base.keyAlgorithm),
    keyUsages: x?.KeyUsages ? x.KeyUsages.map(String) : base.keyUsages,
    extendedKeyUsages: x?.ExtendedKeyUsages ? x.ExtendedKeyUsages.map(String) : base.extendedKeyUsages,
    serial: keep(x?.SerialNumber, base.serial),
    notBefore: keep(iso(x?.NotBefore), base.notBefore),
    notAfter: keep(iso(x?.NotAfter), base.notAfter),
    status: keep(m?.Status, base.status),
    type: keep(m?.Type, base.type),
    inUse: keep(m?.InUse, base.inUse),
    exported: keep(m?.Exported, base.exported),
    exportOption: keep(m?.ExportOption, base.exportOption),
    renewalEligibility: keep(m?.RenewalEligibility, base.renewalEligibility),
    renewalStatus: keep(m?.RenewalStatus, base.renewalStatus),
    validationMethod: keep(m?.ValidationMethod, base.validationMethod),
    managedBy: keep(m?.ManagedBy, base.managedBy),
    keyPairOrigin: keep(m?.CertificateKeyPairOrigin, base.keyPairOrigin),
    createdAt: keep(iso(m?.CreatedAt), base.createdAt),
    issuedAt: keep(iso(m?.IssuedAt), base.issuedAt),
    importedAt: keep(iso(m?.ImportedAt), base.importedAt),
    revokedAt: keep(iso(m?.RevokedAt), base.revokedAt),
    detail: { state: 'searched', missingFields: missing },
  };
}

/** A searched record whose tags arrived: one thing less to wait for. */
export function withTagsKnown(cert: Certificate): Certificate {
  if (cert.detail.state !== 'searched' || !cert.detail.missingFields.includes(TAGS_FIELD)) return cert;
  return { ...cert, detail: { state: 'searched', missingFields: cert.detail.missingFields.filter((f) => f !== TAGS_FIELD) } };
}

/** The largest page SearchCertificates returns. */
export const SEARCH_PAGE_SIZE = 500;

export interface SearchOutcome {
  /** Every result read, by ARN (all of them unless `error` is set). */
  results: Map<string, CertificateSearchResult>;
  /** Why the search stopped early: the operation is unknown, denied, or failed after retries. */
  error?: unknown;
}

/** Every certificate in the region, 500 a call, paced at the Search quota. Never throws but on a cancel. */
export async function searchRegion(acm: ACMClient, pacer: Pick<Pacer, 'run'>, signal?: AbortSignal): Promise<SearchOutcome> {
  const results = new Map<string, CertificateSearchResult>();
  const seen = new Set<string>();
  let token: string | undefined;
  try {
    do {
      const page = await pacer.run(() =>
        acm.send(new SearchCertificatesCommand({ MaxResults: SEARCH_PAGE_SIZE, NextToken: token }), { abortSignal: signal }),
      );
      if (signal?.aborted) throw abortError();
      for (const r of page.Results ?? []) if (r.CertificateArn) results.set(r.CertificateArn, r);
      token = page.NextToken || undefined;
      // A token seen before would loop for ever: what was read stands, the rest is described.
      if (token !== undefined) {
        if (seen.has(token)) return { results, error: new Error('SearchCertificates repeated a page token') };
        seen.add(token);
      }
    } while (token !== undefined);
    return { results };
  } catch (error) {
    // The run's deadline: what was read stands, like any search that stopped early.
    if (deadlinePassed(signal)) return { results, error: signal.reason };
    if (isAbort(error, signal)) throw abortError();
    return { results, error };
  }
}

/**
 * SearchCertificates answers for the account and region whose credentials and endpoint asked;
 * a result whose ARN names another account, region or service is not one of the caller's
 * certificates, whatever the answer says. Those are dropped (one warning says how many and
 * where they claimed to be), so they are never listed, counted or audited as the caller's.
 * `accountId` null: the account is not known yet, only the region is checked.
 */
export function withoutForeignResults(
  results: ReadonlyMap<string, CertificateSearchResult>,
  expected: { region: string; accountId: string | null },
): { results: Map<string, CertificateSearchResult>; warning: string | null } {
  const kept = new Map<string, CertificateSearchResult>();
  const foreign: string[] = [];
  for (const [arn, result] of results) {
    const p = parseArn(arn);
    const ours =
      p !== null && p.service === 'acm' && p.region === expected.region && (expected.accountId === null || p.account === expected.accountId) && p.resource.startsWith('certificate/');
    if (ours) kept.set(arn, result);
    else foreign.push(p ? `${p.account || '?'}/${p.region || '?'}` : 'not an ARN');
  }
  if (foreign.length === 0) return { results: kept, warning: null };
  const where = [...new Set(foreign)].slice(0, 3).join(', ');
  const n = foreign.length;
  return {
    results: kept,
    warning: `${expected.region}: SearchCertificates returned ${n} result${n === 1 ? '' : 's'} naming another account or region (${where}${new Set(foreign).size > 3 ? ', …' : ''}); ${n === 1 ? 'it was' : 'they were'} dropped, not counted as ${expected.accountId ?? 'this account'}'s`,
  };
}
