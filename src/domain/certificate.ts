import type { FailureReason } from './inventory.js';
import type { Endpoint, ServedElsewhere } from './serving.js';

/**
 * The one certificate model every part of acm-advisor works on.
 *
 * Field values keep ACM's own enum spelling (ISSUED, AMAZON_ISSUED, RSA_2048, EMAIL…);
 * dates are ISO-8601 strings; anything ACM did not return is `null`, never invented.
 * The first block is the inventory contract (`inventory --format json`); the rest is detail the TUI,
 * audit and advisor use, and is also written to JSON.
 */
export interface Certificate {
  arn: string;
  accountId: string | null;
  /** The account's name in AWS Organizations; null when the organisation was not read. */
  accountName: string | null;
  region: string;
  domainName: string | null;
  subjectAlternativeNames: string[];
  status: string | null;
  type: string | null;
  keyAlgorithm: string | null;
  notBefore: string | null;
  notAfter: string | null;
  inUse: boolean | null;
  inUseBy: string[];
  renewalEligibility: string | null;
  renewalStatus: string | null;
  validationMethod: string | null;
  transparencyLogging: string | null;
  exportOption: string | null;
  issuer: string | null;
  /**
   * `null` means unknown — not read yet, or both tag APIs failed (see `tagsState`) —
   * never "no tags": an untagged certificate has `{}`.
   */
  tags: Record<string, string> | null;
  tagsState: TagsState;

  exported: boolean | null;
  createdAt: string | null;
  issuedAt: string | null;
  importedAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  failureReason: string | null;
  serial: string | null;
  subject: string | null;
  signatureAlgorithm: string | null;
  keyUsages: string[];
  extendedKeyUsages: string[];
  certificateAuthorityArn: string | null;
  managedBy: string | null;
  keyPairOrigin: string | null;
  renewalStatusReason: string | null;
  renewalUpdatedAt: string | null;
  domainValidations: DomainValidation[];
  /**
   * Every DNS name that reaches an endpoint using this certificate: the endpoints' own aliases and
   * custom domain names and the Route 53 records pointing at them. null: not read (the services or
   * zones that would tell were not read, or failed) — never "serves nothing", which is [].
   */
  hostnames: string[] | null;
  /** The load balancer listeners, distributions and API domains presenting it; null when not read. */
  endpoints: Endpoint[] | null;
  /** Its names that a zone read points at a host or CDN outside AWS; null when no zone was read. */
  servedElsewhere: ServedElsewhere[] | null;
  /**
   * How complete this record is: `summary` (ListCertificates) or `searched`
   * (SearchCertificates) until DescribeCertificate answers.
   */
  detail: DetailState;
}

export interface DomainValidation {
  domainName: string;
  validationMethod: string | null;
  validationStatus: string | null;
  validationDomain: string | null;
  validationEmails: string[];
  resourceRecord: { name: string; type: string; value: string } | null;
  httpRedirect: { from: string; to: string } | null;
}

export type DetailState =
  | { state: 'summary' }
  /**
   * SearchCertificates answered: every field but these is final, and DescribeCertificate
   * (or, for `tags`, the tag read) is still on its way for them.
   */
  | { state: 'searched'; missingFields: string[] }
  /**
   * Described. `cached`: these details were not read in this run but reused from the local cache
   * (see src/cache/), described at `describedAt` — they may be out of date.
   */
  | { state: 'complete'; cached?: { describedAt: string } }
  /** Detail failed after retries: the summary stands; these fields are unknown and why. */
  | { state: 'failed'; missingFields: string[]; reason: string; failure?: ReadFailure };

/**
 * Tags are read apart from the detail (Tagging API, else ListTagsForCertificate), so their
 * outcome is kept apart too: a detail that arrives later never hides a tag failure.
 */
export type TagsState = { state: 'pending' } | { state: 'read' } | { state: 'failed'; reason: string; failure?: ReadFailure };

/** Why a read failed, for counting: see FailureReason. Absent when the failure is no gap (a certificate deleted mid-run). */
export interface ReadFailure {
  reason: FailureReason;
  /** The AWS error code (`AccessDeniedException`, `TimeoutError`, …). */
  code: string;
}

/** Fields DescribeCertificate alone provides: what a missing detail leaves unknown. */
export const DETAIL_ONLY_FIELDS = [
  'inUseBy',
  'renewalStatus',
  'renewalStatusReason',
  'renewalUpdatedAt',
  'validationMethod',
  'transparencyLogging',
  'issuer',
  'serial',
  'subject',
  'signatureAlgorithm',
  'domainValidations',
  'failureReason',
  'revocationReason',
  'certificateAuthorityArn',
] as const satisfies ReadonlyArray<keyof Certificate>;

export type CertificateField = keyof Certificate;

export const KEY_ALGORITHMS = [
  'RSA_1024',
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'EC_prime256v1',
  'EC_secp384r1',
  'EC_secp521r1',
] as const;

export const KEY_PAIR_ORIGINS = ['AWS_MANAGED', 'ACME', 'CUSTOMER_PROVIDED'] as const;

/**
 * What a listed-only record still waits for from DescribeCertificate: the detail-only fields
 * and the full name list (summaries stop at 100 names). Tags are read separately (tagsState).
 */
const SUMMARY_PENDING_FIELDS: readonly string[] = [...DETAIL_ONLY_FIELDS, 'subjectAlternativeNames'];

/**
 * The fields of this record a read still in progress will fill in. A detail or tag read that
 * failed waits for nothing more (`missingFields` and `tagsState` say what stays unknown).
 */
export function pendingFields(cert: Pick<Certificate, 'detail' | 'tags' | 'tagsState'>): readonly string[] {
  const tags = cert.tags === null && cert.tagsState.state === 'pending' ? ['tags'] : [];
  switch (cert.detail.state) {
    case 'summary':
      return [...SUMMARY_PENDING_FIELDS, ...tags];
    case 'searched':
      return [...cert.detail.missingFields.filter((f) => f !== 'tags'), ...tags];
    default:
      return tags;
  }
}

/** True while DescribeCertificate has not answered for this record (nor given up). */
export function awaitsDetail(cert: Pick<Certificate, 'detail'>): boolean {
  return cert.detail.state === 'summary' || cert.detail.state === 'searched';
}

/** A blank certificate: every optional field null. Handy for tests and normalisation. */
export function emptyCertificate(arn: string, region: string): Certificate {
  return {
    arn,
    accountId: accountIdFromArn(arn),
    accountName: null,
    region,
    domainName: null,
    subjectAlternativeNames: [],
    status: null,
    type: null,
    keyAlgorithm: null,
    notBefore: null,
    notAfter: null,
    inUse: null,
    inUseBy: [],
    renewalEligibility: null,
    renewalStatus: null,
    validationMethod: null,
    transparencyLogging: null,
    exportOption: null,
    issuer: null,
    tags: null,
    tagsState: { state: 'pending' },
    exported: null,
    createdAt: null,
    issuedAt: null,
    importedAt: null,
    revokedAt: null,
    revocationReason: null,
    failureReason: null,
    serial: null,
    subject: null,
    signatureAlgorithm: null,
    keyUsages: [],
    extendedKeyUsages: [],
    certificateAuthorityArn: null,
    managedBy: null,
    keyPairOrigin: null,
    renewalStatusReason: null,
    renewalUpdatedAt: null,
    domainValidations: [],
    hostnames: null,
    endpoints: null,
    servedElsewhere: null,
    detail: { state: 'summary' },
  };
}

/** arn:aws:acm:REGION:ACCOUNT:certificate/ID → ACCOUNT */
export function accountIdFromArn(arn: string): string | null {
  const parts = arn.split(':');
  return parts.length >= 6 && /^\d{12}$/.test(parts[4]) ? parts[4] : null;
}

/** Whole days from `now` until the certificate's notAfter (negative once expired), or null. */
export function daysUntilExpiry(cert: Pick<Certificate, 'notAfter'>, now: Date): number | null {
  if (!cert.notAfter) return null;
  const t = Date.parse(cert.notAfter);
  if (Number.isNaN(t)) return null;
  return Math.floor((t - now.getTime()) / 86_400_000);
}
