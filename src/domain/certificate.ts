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
  | {
      state: 'complete';
      cached?: { describedAt: string };
      /**
       * Fields this record's source never records (AWS Config's resource schema has no `exported`):
       * unknown for good, not pending. A check whose verdict would turn on one is not run.
       */
      unrecorded?: readonly CertificateField[];
    }
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

/**
 * What each kind of field holds: the one place a field's storage is named. The cache's schema
 * (src/cache/format.ts) maps each kind to a validator, and `emptyCertificate` to its blank value.
 */
export interface FieldKinds {
  /** Always known (the ARN, the region). */
  id: string;
  text: string | null;
  texts: string[];
  flag: boolean | null;
  tags: Record<string, string> | null;
  tagsState: TagsState;
  detail: DetailState;
  domainValidations: DomainValidation[];
  /** Joined in each run from reads beyond ACM (see serving.ts): null until they answer. */
  names: string[] | null;
  endpoints: Endpoint[] | null;
  servedElsewhere: ServedElsewhere[] | null;
}
export type FieldKind = keyof FieldKinds;

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The kind whose type is exactly T (never when none is). */
type KindFor<T> = { [K in FieldKind]: Same<FieldKinds[K], T> extends true ? K : never }[FieldKind];

/**
 * The certificate model's fields, in the order JSON writes them, each with its kind. The compiler holds
 * this to the interface both ways: a field added to Certificate fails here until it is declared, and
 * its declared kind must have exactly the field's type. The cache schema and `emptyCertificate` follow.
 */
export const CERTIFICATE_FIELDS = {
  arn: 'id',
  accountId: 'text',
  accountName: 'text',
  region: 'id',
  domainName: 'text',
  subjectAlternativeNames: 'texts',
  status: 'text',
  type: 'text',
  keyAlgorithm: 'text',
  notBefore: 'text',
  notAfter: 'text',
  inUse: 'flag',
  inUseBy: 'texts',
  renewalEligibility: 'text',
  renewalStatus: 'text',
  validationMethod: 'text',
  transparencyLogging: 'text',
  exportOption: 'text',
  issuer: 'text',
  tags: 'tags',
  tagsState: 'tagsState',
  exported: 'flag',
  createdAt: 'text',
  issuedAt: 'text',
  importedAt: 'text',
  revokedAt: 'text',
  revocationReason: 'text',
  failureReason: 'text',
  serial: 'text',
  subject: 'text',
  signatureAlgorithm: 'text',
  keyUsages: 'texts',
  extendedKeyUsages: 'texts',
  certificateAuthorityArn: 'text',
  managedBy: 'text',
  keyPairOrigin: 'text',
  renewalStatusReason: 'text',
  renewalUpdatedAt: 'text',
  domainValidations: 'domainValidations',
  hostnames: 'names',
  endpoints: 'endpoints',
  servedElsewhere: 'servedElsewhere',
  detail: 'detail',
} as const satisfies { [F in keyof Certificate]-?: KindFor<Certificate[F]> };

const FIELD_ENTRIES = Object.entries(CERTIFICATE_FIELDS) as Array<[CertificateField, FieldKind]>;

/** Each kind's value before anything is read: unknown (null), none yet ([]), or still to come. */
const BLANK: { [K in FieldKind]: () => FieldKinds[K] } = {
  id: () => '',
  text: () => null,
  texts: () => [],
  flag: () => null,
  tags: () => null,
  tagsState: () => ({ state: 'pending' }),
  detail: () => ({ state: 'summary' }),
  domainValidations: () => [],
  names: () => null,
  endpoints: () => null,
  servedElsewhere: () => null,
};

/** A blank certificate: every field at its kind's blank value (see CERTIFICATE_FIELDS). */
export function emptyCertificate(arn: string, region: string): Certificate {
  const cert: Record<string, unknown> = {};
  for (const [field, kind] of FIELD_ENTRIES) cert[field] = BLANK[kind]();
  cert.arn = arn;
  cert.region = region;
  cert.accountId = accountIdFromArn(arn);
  return cert as unknown as Certificate;
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
