import { AwsError, decodeToken, encodeToken, validation } from './errors.js';
import type { AccountStore } from './store.js';
import { issueCertificate, type Pem } from './x509.js';
import {
  KEY_ALGORITHMS,
  KEY_PAIR_ORIGINS,
  STATUSES,
  type StoredCertificate,
  type StoredDomainValidation,
} from './types.js';

/**
 * ACM read operations, answered in the AWS JSON 1.1 shapes of the ACM API Reference
 * (https://docs.aws.amazon.com/acm/latest/APIReference/). SearchCertificates is not here: the search
 * stage's fake (src/stages/search/fake.ts) answers it, beside these under the same X-Amz-Target prefix.
 */

type Json = Record<string, unknown>;

export interface AcmContext {
  region: string;
  store: AccountStore;
  pageSize(requested: number): number;
}

export function handleAcm(operation: string, body: Json, ctx: AcmContext): Json | null {
  switch (operation) {
    case 'ListCertificates':
      return listCertificates(body, ctx);
    case 'DescribeCertificate':
      return { Certificate: detail(find(body, ctx)) };
    case 'GetCertificate':
      return getCertificate(find(body, ctx));
    case 'ListTagsForCertificate':
      return { Tags: find(body, ctx).tags.map((t) => ({ Key: t.key, Value: t.value })) };
    case 'GetAccountConfiguration':
      return { ExpiryEvents: { DaysBeforeExpiry: 45 } };
    case 'ListAcmeEndpoints':
      // The endpoints ACME-issued certificates came from, as ACM lists them.
      return listAcmeEndpoints(ctx);
    default:
      return null;
  }
}

function listAcmeEndpoints(ctx: AcmContext): Json {
  const arns = [...new Set(ctx.store.inRegion(ctx.region).map((c) => c.acmeEndpointArn).filter((a): a is string => !!a))];
  return { AcmeEndpoints: arns.map((arn) => ({ AcmeEndpointArn: arn, Status: 'ACTIVE' })) };
}

// ---------- helpers ----------

/** A time as ACM's JSON sends it: seconds since the epoch. */
export const epoch = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);

/** Drops undefined members so absent fields are absent on the wire, as ACM sends them. */
export function compact(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function stringList(body: Json, name: string, allowed?: readonly string[]): string[] | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw validation(`1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must be a list of strings`);
  if (allowed) {
    const bad = v.find((x) => !allowed.includes(x as string));
    if (bad !== undefined)
      throw validation(
        `1 validation error detected: Value '[${String(bad)}]' at '${name}' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`,
      );
  }
  return v as string[];
}

const ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;

function find(body: Json, ctx: AcmContext): StoredCertificate {
  const arn = body.CertificateArn;
  if (typeof arn !== 'string' || arn.length === 0)
    throw validation("1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null");
  if (!ARN.test(arn)) throw new AwsError('InvalidArnException', 400, `String '${arn}' is not a valid ARN.`);
  const cert = ctx.store.get(arn, ctx.region);
  if (!cert) throw new AwsError('ResourceNotFoundException', 400, `Could not find certificate ${arn}.`);
  return cert;
}

// ---------- ListCertificates ----------

/** The filter ACM applies when the caller does not say otherwise: the trap several tools fell into. */
const DEFAULT_KEY_TYPES = ['RSA_1024', 'RSA_2048'];
const DEFAULT_ORIGINS = ['AWS_MANAGED', 'CUSTOMER_PROVIDED'];

interface ListToken extends Json {
  r: string;
  i: number;
  d: boolean;
}

function listCertificates(body: Json, ctx: AcmContext): Json {
  const statuses = stringList(body, 'CertificateStatuses', STATUSES);
  const origins = stringList(body, 'CertificateKeyPairOrigins', KEY_PAIR_ORIGINS);
  const includes = (body.Includes ?? {}) as Json;
  if (typeof includes !== 'object' || Array.isArray(includes)) throw validation('Includes must be a structure');
  const keyTypes = stringList(includes, 'keyTypes', KEY_ALGORITHMS);
  const keyUsage = stringList(includes, 'keyUsage');
  const eku = stringList(includes, 'extendedKeyUsage');
  const exportOption = includes.exportOption as string | undefined;
  const managedBy = includes.managedBy as string | undefined;

  const max = body.MaxItems;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000))
    throw validation(
      `1 validation error detected: Value '${String(max)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  const sortBy = body.SortBy;
  const sortOrder = body.SortOrder;
  if ((sortBy === undefined) !== (sortOrder === undefined))
    throw validation('SortBy and SortOrder must be specified together.');
  if (sortBy !== undefined && sortBy !== 'CREATED_AT') throw validation(`Invalid SortBy value: ${String(sortBy)}`);
  if (sortOrder !== undefined && sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING')
    throw validation(`Invalid SortOrder value: ${String(sortOrder)}`);
  const descending = sortOrder === 'DESCENDING';

  const keySet = new Set(keyTypes?.length ? keyTypes : DEFAULT_KEY_TYPES);
  const originSet = new Set(origins?.length ? origins : DEFAULT_ORIGINS);
  const statusSet = statuses?.length ? new Set(statuses) : null;
  const matches = (c: StoredCertificate) =>
    keySet.has(c.keyAlgorithm) &&
    originSet.has(c.keyPairOrigin) &&
    (!statusSet || statusSet.has(c.status)) &&
    (!keyUsage?.length || keyUsage.some((u) => u === 'ANY' || c.keyUsages.includes(u))) &&
    (!eku?.length || eku.some((u) => u === 'ANY' || c.extendedKeyUsages.some((e) => e.name === u))) &&
    (!exportOption || c.exportOption === exportOption) &&
    (!managedBy || c.managedBy === managedBy);

  const list = ctx.store.inRegion(ctx.region);
  let start = 0;
  if (body.NextToken !== undefined) {
    const t = decodeToken<ListToken>(String(body.NextToken), (t) => t.r === ctx.region && Number.isInteger(t.i) && t.i >= 0);
    if (!t || t.d !== descending) throw new AwsError('InvalidArgsException', 400, 'The NextToken is not valid.');
    start = t.i;
  }
  const pageSize = ctx.pageSize(typeof max === 'number' ? max : 1000);
  const at = (i: number) => list[descending ? list.length - 1 - i : i];
  const page: Json[] = [];
  let i = start;
  for (; i < list.length && page.length < pageSize; i++) if (matches(at(i))) page.push(summary(at(i)));
  // Look ahead to the next match so the last page carries no token; the scan resumes there,
  // so a full listing stays O(n) however sparse the filter.
  while (i < list.length && !matches(at(i))) i++;
  const out: Json = { CertificateSummaryList: page };
  if (i < list.length) out.NextToken = encodeToken({ r: ctx.region, i, d: descending });
  return out;
}

/** Summaries list only the first 100 names; the flag says there are more. */
const SUMMARY_SAN_LIMIT = 100;

function summary(c: StoredCertificate): Json {
  return compact({
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNameSummaries: c.subjectAlternativeNames.slice(0, SUMMARY_SAN_LIMIT),
    HasAdditionalSubjectAlternativeNames: c.subjectAlternativeNames.length > SUMMARY_SAN_LIMIT,
    Status: c.status,
    Type: c.type,
    KeyAlgorithm: c.keyAlgorithm,
    // Plain strings here, unlike DescribeCertificate's [{Name}] objects.
    KeyUsages: c.keyUsages,
    ExtendedKeyUsages: c.extendedKeyUsages.map((e) => e.name),
    ExportOption: c.exportOption,
    InUse: c.inUseBy.length > 0,
    Exported: c.exported,
    RenewalEligibility: c.renewalEligibility,
    NotBefore: epoch(c.notBefore),
    NotAfter: epoch(c.notAfter),
    CreatedAt: epoch(c.createdAt),
    IssuedAt: epoch(c.issuedAt),
    ImportedAt: epoch(c.importedAt),
    RevokedAt: epoch(c.revokedAt),
    ManagedBy: c.managedBy,
    CertificateKeyPairOrigin: c.keyPairOrigin,
  });
}

// ---------- DescribeCertificate ----------

function domainValidation(dv: StoredDomainValidation): Json {
  return compact({
    DomainName: dv.domainName,
    ValidationEmails: dv.validationEmails,
    ValidationDomain: dv.validationDomain,
    ValidationStatus: dv.validationStatus,
    ResourceRecord: dv.resourceRecord
      ? { Name: dv.resourceRecord.name, Type: dv.resourceRecord.type, Value: dv.resourceRecord.value }
      : undefined,
    HttpRedirect: dv.httpRedirect
      ? { RedirectFrom: dv.httpRedirect.redirectFrom, RedirectTo: dv.httpRedirect.redirectTo }
      : undefined,
    ValidationMethod: dv.validationMethod,
  });
}

function detail(c: StoredCertificate): Json {
  return compact({
    CertificateArn: c.arn,
    DomainName: c.domainName,
    SubjectAlternativeNames: c.subjectAlternativeNames,
    ManagedBy: c.managedBy,
    DomainValidationOptions: c.domainValidationOptions.length ? c.domainValidationOptions.map(domainValidation) : undefined,
    Serial: c.serial,
    Subject: c.subject,
    Issuer: c.issuer,
    CreatedAt: epoch(c.createdAt),
    IssuedAt: epoch(c.issuedAt),
    ImportedAt: epoch(c.importedAt),
    Status: c.status,
    RevokedAt: epoch(c.revokedAt),
    RevocationReason: c.revocationReason,
    NotBefore: epoch(c.notBefore),
    NotAfter: epoch(c.notAfter),
    KeyAlgorithm: c.keyAlgorithm,
    SignatureAlgorithm: c.signatureAlgorithm,
    InUseBy: c.inUseBy,
    FailureReason: c.failureReason,
    Type: c.type,
    RenewalSummary: c.renewalSummary
      ? compact({
          RenewalStatus: c.renewalSummary.renewalStatus,
          DomainValidationOptions: c.renewalSummary.domainValidationOptions.map(domainValidation),
          RenewalStatusReason: c.renewalSummary.renewalStatusReason,
          UpdatedAt: epoch(c.renewalSummary.updatedAt),
        })
      : undefined,
    KeyUsages: c.keyUsages.map((Name) => ({ Name })),
    ExtendedKeyUsages: c.extendedKeyUsages.map((e) => ({ Name: e.name, OID: e.oid })),
    CertificateAuthorityArn: c.certificateAuthorityArn,
    RenewalEligibility: c.renewalEligibility,
    Options: compact({
      CertificateTransparencyLoggingPreference: c.transparencyLogging,
      Export: c.exportOption,
      ValidationMethod: c.validationMethod,
    }),
    CertificateKeyPairOrigin: c.keyPairOrigin,
    AcmeEndpointArn: c.acmeEndpointArn,
    AcmeAccountId: c.acmeAccountId,
  });
}

// ---------- GetCertificate ----------

const issued = new Map<string, Pem>();

/**
 * The CA/Browser Forum policy a certificate of this subject would carry: EV subjects name the
 * jurisdiction or business category, OV ones an organisation.
 */
function policyOf(subject: string | undefined): string {
  if (subject && /(^|,)\s*(jurisdictionC|businessCategory|serialNumber)=/i.test(subject)) return '2.23.140.1.1';
  if (subject && /(^|,)\s*O=/.test(subject)) return '2.23.140.1.2.2';
  return '2.23.140.1.2.1';
}

function getCertificate(c: StoredCertificate): Json {
  if (c.status === 'PENDING_VALIDATION' || c.status === 'FAILED' || c.status === 'VALIDATION_TIMED_OUT')
    throw new AwsError(
      'RequestInProgressException',
      400,
      `Certificate arn ${c.arn} is not yet issued: its status is ${c.status}.`,
    );
  let pem = issued.get(c.arn);
  if (!pem) {
    const selfSigned = c.type === 'IMPORTED' && c.issuer !== undefined && (c.subject === `CN=${c.issuer}` || c.issuer === c.domainName);
    const notBefore = c.notBefore ?? c.createdAt ?? new Date(0);
    pem = issueCertificate(
      {
        subject: c.subject ?? `CN=${c.domainName}`,
        names: c.subjectAlternativeNames,
        notBefore,
        notAfter: c.notAfter ?? new Date(notBefore.getTime() + 365 * 86_400_000),
        policyOid: c.type === 'PRIVATE' ? undefined : policyOf(c.subject),
      },
      selfSigned ? null : (c.issuer ?? 'Amazon RSA 2048 M01'),
    );
    issued.set(c.arn, pem);
  }
  return compact({ Certificate: pem.certificate, CertificateChain: pem.chain });
}
