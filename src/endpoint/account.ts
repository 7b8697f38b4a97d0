import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { contentPath } from '../platform/content-dir.js';
import {
  KEY_ALGORITHMS,
  KEY_PAIR_ORIGINS,
  RENEWAL_STATUSES,
  STATUSES,
  TYPES,
  VALIDATION_METHODS,
  type AccountData,
  type CertificateStatus,
  type KeyAlgorithm,
  type StoredCertificate,
  type StoredDomainValidation,
} from './types.js';

/*
 * Account files describe certificates compactly, with dates in days relative to "now",
 * so the demo never goes stale; everything ACM would derive (serials, validation
 * records, key usages, ARNs) is derived here, deterministically, from the entry's id.
 */

const days = z.number().finite();
const enabledDisabled = z.enum(['ENABLED', 'DISABLED']);

export const certificateSpecSchema = z
  .object({
    /** Stable key: the certificate's UUID, serial and validation tokens derive from it. */
    id: z.string().min(1),
    uuid: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      .optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not an AWS region name'),
    domainName: z.string().min(1),
    /** Extra names besides domainName. */
    sans: z.array(z.string().min(1)).optional(),
    type: z.enum(TYPES),
    status: z.enum(STATUSES),
    keyAlgorithm: z.enum(KEY_ALGORITHMS),
    validation: z.enum(VALIDATION_METHODS).optional(),
    managedBy: z.literal('CLOUDFRONT').optional(),
    keyPairOrigin: z.enum(KEY_PAIR_ORIGINS).optional(),
    createdDays: days,
    issuedDays: days.optional(),
    importedDays: days.optional(),
    notBeforeDays: days.optional(),
    notAfterDays: days.optional(),
    revokedDays: days.optional(),
    revocationReason: z.string().optional(),
    failureReason: z.string().optional(),
    inUseBy: z.array(z.string().min(1)).optional(),
    renewal: z
      .object({ status: z.enum(RENEWAL_STATUSES), reason: z.string().optional(), updatedDays: days })
      .strict()
      .optional(),
    renewalEligibility: z.enum(['ELIGIBLE', 'INELIGIBLE']).optional(),
    transparencyLogging: enabledDisabled.optional(),
    exportOption: enabledDisabled.optional(),
    exported: z.boolean().optional(),
    issuer: z.string().optional(),
    subject: z.string().optional(),
    serial: z.string().optional(),
    signatureAlgorithm: z.string().optional(),
    keyUsages: z.array(z.string()).optional(),
    extendedKeyUsages: z.array(z.string()).optional(),
    certificateAuthorityArn: z.string().optional(),
    acmeEndpointArn: z.string().optional(),
    acmeAccountId: z.string().optional(),
    tags: z.record(z.string(), z.string()).optional(),
    /** Why this certificate is in the file; ignored by the endpoint. */
    note: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const problem = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (c.type === 'AMAZON_ISSUED' && c.keyPairOrigin !== 'ACME' && !c.validation)
      problem('an AMAZON_ISSUED certificate needs a validation method', 'validation');
    if (c.type !== 'AMAZON_ISSUED' && c.validation) problem('only AMAZON_ISSUED certificates are validated', 'validation');
    // RequestCertificate accepts only these three (its KeyAlgorithm parameter); RSA_3072 and up exist only as imports.
    if (c.type === 'AMAZON_ISSUED' && c.keyPairOrigin !== 'ACME' && !['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'].includes(c.keyAlgorithm))
      problem(`ACM issues only RSA_2048, EC_prime256v1 and EC_secp384r1 keys, not ${c.keyAlgorithm}`, 'keyAlgorithm');
    if (c.validation === 'HTTP' && c.managedBy !== 'CLOUDFRONT')
      problem('HTTP validation exists only for certificates managed by CloudFront', 'managedBy');
    if (c.type === 'PRIVATE' && !c.certificateAuthorityArn)
      problem('a PRIVATE certificate needs its certificateAuthorityArn', 'certificateAuthorityArn');
    if (c.type === 'IMPORTED' && c.keyPairOrigin && c.keyPairOrigin !== 'CUSTOMER_PROVIDED')
      problem('an IMPORTED certificate has keyPairOrigin CUSTOMER_PROVIDED', 'keyPairOrigin');
    if (hasMaterial(c.status) && c.notAfterDays === undefined)
      problem(`a ${c.status} certificate needs notAfterDays`, 'notAfterDays');
    if (!hasMaterial(c.status) && c.type === 'IMPORTED') problem(`an IMPORTED certificate cannot be ${c.status}`, 'status');
    if (c.status === 'REVOKED' && (c.revokedDays === undefined || !c.revocationReason))
      problem('a REVOKED certificate needs revokedDays and revocationReason', 'revokedDays');
    if (c.status === 'FAILED' && !c.failureReason) problem('a FAILED certificate needs a failureReason', 'failureReason');
    if (c.exported && c.exportOption !== 'ENABLED') problem('exported needs exportOption ENABLED', 'exported');
  });

export const accountFileSchema = z
  .object({
    $comment: z.string().optional(),
    company: z.string().optional(),
    accountId: z.string().regex(/^\d{12}$/, 'an account id is 12 digits'),
    callerArn: z.string().optional(),
    enabledRegions: z.array(z.string()).min(1),
    certificates: z.array(certificateSpecSchema),
    /**
     * What the account holds in the services the read stages' fakes serve, by signing name
     * (elasticloadbalancing, cloudfront, apigateway, route53), each in its fake's own shape. A string
     * "@cert:ID" anywhere in it stands for the ARN of the certificate with that id.
     */
    services: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type CertificateSpec = z.infer<typeof certificateSpecSchema>;
export type AccountFile = z.infer<typeof accountFileSchema>;

/** Statuses in which a certificate exists as X.509 material (serial, validity, issuer). */
function hasMaterial(status: CertificateStatus): boolean {
  return status === 'ISSUED' || status === 'EXPIRED' || status === 'INACTIVE' || status === 'REVOKED';
}

/** Loads and validates content/demo-account.json, then dates it relative to `now`. */
export function loadDemoAccount(now = new Date()): AccountData {
  return loadAccountFile(contentPath('demo-account.json'), now);
}

export function loadAccountFile(path: string, now = new Date()): AccountData {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: cannot read account file: ${(e as Error).message}`);
  }
  return materialiseAccount(parseAccountFile(raw, path), now);
}

/** Validates an account file, naming the entry at fault (index and id) in the error. */
export function parseAccountFile(raw: unknown, source = 'account file'): AccountFile {
  const result = accountFileSchema.safeParse(raw);
  if (!result.success) {
    const certs = (raw as { certificates?: { id?: unknown }[] } | null)?.certificates;
    const lines = result.error.issues.slice(0, 5).map((issue) => {
      const path = issue.path.map(String);
      let where = path.join('.');
      if (path[0] === 'certificates' && path.length > 1) {
        const id = Array.isArray(certs) ? certs[Number(path[1])]?.id : undefined;
        where = `certificates[${path[1]}]${typeof id === 'string' ? ` (id "${id}")` : ''}${path.length > 2 ? '.' + path.slice(2).join('.') : ''}`;
      }
      return `${where || '(top level)'}: ${issue.message}`;
    });
    throw new Error(`${source}: invalid account data:\n  ${lines.join('\n  ')}`);
  }
  const file = result.data;
  const seen = new Set<string>();
  file.certificates.forEach((c, i) => {
    if (seen.has(c.id)) throw new Error(`${source}: certificates[${i}] (id "${c.id}"): duplicate id`);
    seen.add(c.id);
    if (!file.enabledRegions.includes(c.region))
      throw new Error(`${source}: certificates[${i}] (id "${c.id}"): region ${c.region} is not in enabledRegions`);
  });
  return file;
}

export function materialiseAccount(file: AccountFile, now = new Date()): AccountData {
  const certificates = file.certificates.map((spec) => buildCertificate(spec, file.accountId, now));
  return {
    accountId: file.accountId,
    enabledRegions: [...file.enabledRegions],
    callerArn: file.callerArn,
    certificates,
    ...(file.services ? { services: withCertificateArns(file.services, file, certificates) } : {}),
  };
}

/** Replaces each "@cert:ID" in the services' data with that certificate's ARN. */
function withCertificateArns(services: Record<string, unknown>, file: AccountFile, certificates: StoredCertificate[]): Record<string, unknown> {
  const arnOf = new Map(file.certificates.map((spec, i) => [spec.id, certificates[i].arn]));
  const resolve = (v: unknown): unknown => {
    if (typeof v === 'string' && v.startsWith('@cert:')) {
      const arn = arnOf.get(v.slice('@cert:'.length));
      if (!arn) throw new Error(`services: ${v} names no certificate of account ${file.accountId}`);
      return arn;
    }
    if (Array.isArray(v)) return v.map(resolve);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    return v;
  };
  return resolve(services) as Record<string, unknown>;
}

const DAY = 86_400_000;

const EKU_OIDS: Record<string, string> = {
  TLS_WEB_SERVER_AUTHENTICATION: '1.3.6.1.5.5.7.3.1',
  TLS_WEB_CLIENT_AUTHENTICATION: '1.3.6.1.5.5.7.3.2',
  CODE_SIGNING: '1.3.6.1.5.5.7.3.3',
  EMAIL_PROTECTION: '1.3.6.1.5.5.7.3.4',
  TIME_STAMPING: '1.3.6.1.5.5.7.3.8',
  OCSP_SIGNING: '1.3.6.1.5.5.7.3.9',
  IPSEC_END_SYSTEM: '1.3.6.1.5.5.7.3.5',
  IPSEC_TUNNEL: '1.3.6.1.5.5.7.3.6',
  IPSEC_USER: '1.3.6.1.5.5.7.3.7',
};

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A version-4-shaped UUID derived from a string, so ARNs are stable across runs. */
export function deterministicUuid(key: string): string {
  const h = digest(key);
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function isRsa(key: KeyAlgorithm): boolean {
  return key.startsWith('RSA_');
}

function defaultSignatureAlgorithm(key: KeyAlgorithm): string {
  if (isRsa(key)) return 'SHA256WITHRSA';
  if (key === 'EC_prime256v1') return 'SHA256WITHECDSA';
  if (key === 'EC_secp384r1') return 'SHA384WITHECDSA';
  return 'SHA512WITHECDSA';
}

function defaultIssuer(spec: CertificateSpec): string {
  if (spec.type === 'AMAZON_ISSUED') return 'Amazon';
  if (spec.type === 'PRIVATE') return 'Private CA';
  return 'Unknown';
}

/** Where ACM sends validation emails: the five admin addresses at the validation domain. */
function validationEmails(domain: string): string[] {
  return ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((u) => `${u}@${domain}`);
}

/** The registrable-ish base of a name, which is what ACM validates by email. */
function apex(domain: string): string {
  const parts = domain.replace(/^\*\./, '').split('.');
  const twoLevelTld = parts.length > 2 && /^(co|com|org|net|gov)$/.test(parts[parts.length - 2]);
  return parts.slice(twoLevelTld ? -3 : -2).join('.');
}

function domainValidations(
  spec: CertificateSpec,
  names: string[],
  accountId: string,
  status: StoredDomainValidation['validationStatus'],
): StoredDomainValidation[] {
  if (spec.type !== 'AMAZON_ISSUED' || !spec.validation) return [];
  return names.map((name) => {
    const bare = name.replace(/^\*\./, '');
    const h = digest(`${spec.id}/${name}`);
    const dv: StoredDomainValidation = {
      domainName: name,
      validationDomain: spec.validation === 'EMAIL' ? apex(name) : name,
      validationStatus: status,
      validationMethod: spec.validation,
    };
    if (spec.validation === 'DNS') {
      dv.resourceRecord = {
        name: `_${h.slice(0, 32)}.${bare}.`,
        type: 'CNAME',
        value: `_${h.slice(32, 64)}.${h.slice(0, 10)}.acm-validations.aws.`,
      };
    } else if (spec.validation === 'EMAIL') {
      dv.validationEmails = validationEmails(apex(name));
    } else {
      dv.httpRedirect = {
        redirectFrom: `http://${bare}/.well-known/pki-validation/${h.slice(0, 32)}.txt`,
        redirectTo: `https://validation.${spec.region}.acm-validations.aws/${accountId}/.well-known/pki-validation/${h.slice(0, 32)}.txt`,
      };
    }
    return dv;
  });
}

function validationStatusFor(status: CertificateStatus): StoredDomainValidation['validationStatus'] {
  if (status === 'PENDING_VALIDATION') return 'PENDING_VALIDATION';
  if (status === 'FAILED' || status === 'VALIDATION_TIMED_OUT') return 'FAILED';
  return 'SUCCESS';
}

/** Turns one compact spec into what ACM stores, with absolute dates. */
export function buildCertificate(spec: CertificateSpec, accountId: string, now: Date): StoredCertificate {
  const at = (d: number | undefined) => (d === undefined ? undefined : new Date(now.getTime() + d * DAY));
  const uuid = spec.uuid ?? deterministicUuid(`${accountId}/${spec.id}`);
  const material = hasMaterial(spec.status);
  const names = [spec.domainName, ...(spec.sans ?? []).filter((n) => n !== spec.domainName)];
  const origin = spec.keyPairOrigin ?? (spec.type === 'IMPORTED' ? 'CUSTOMER_PROVIDED' : 'AWS_MANAGED');
  const inUseBy = spec.inUseBy ?? [];
  const exported = spec.exported ?? false;

  const issuedDays = spec.type === 'IMPORTED' || !material ? undefined : (spec.issuedDays ?? spec.createdDays);
  const importedDays = spec.type === 'IMPORTED' ? (spec.importedDays ?? spec.createdDays) : undefined;
  const notBeforeDays = material ? (spec.notBeforeDays ?? issuedDays ?? importedDays ?? spec.createdDays) : undefined;

  const dvs = domainValidations(spec, names, accountId, validationStatusFor(spec.status));
  const ekuNames =
    spec.extendedKeyUsages ??
    (material
      ? spec.type === 'AMAZON_ISSUED'
        ? ['TLS_WEB_SERVER_AUTHENTICATION']
        : ['TLS_WEB_SERVER_AUTHENTICATION', 'TLS_WEB_CLIENT_AUTHENTICATION']
      : []);
  const keyUsages =
    spec.keyUsages ?? (material ? (isRsa(spec.keyAlgorithm) ? ['DIGITAL_SIGNATURE', 'KEY_ENCIPHERMENT'] : ['DIGITAL_SIGNATURE']) : []);

  // ACM renews DNS-validated public certificates only while they are in use (or exported);
  // private certificates renew regardless; imported ones never.
  const eligible =
    spec.status === 'ISSUED' &&
    ((spec.type === 'AMAZON_ISSUED' && origin !== 'ACME' && (inUseBy.length > 0 || exported)) || spec.type === 'PRIVATE');

  const cert: StoredCertificate = {
    arn: `arn:aws:acm:${spec.region}:${accountId}:certificate/${uuid}`,
    region: spec.region,
    domainName: spec.domainName,
    subjectAlternativeNames: names,
    status: spec.status,
    type: spec.type,
    keyAlgorithm: spec.keyAlgorithm,
    createdAt: at(spec.createdDays),
    issuedAt: at(issuedDays),
    importedAt: at(importedDays),
    notBefore: at(notBeforeDays),
    notAfter: material ? at(spec.notAfterDays) : undefined,
    inUseBy,
    renewalEligibility: spec.renewalEligibility ?? (eligible ? 'ELIGIBLE' : 'INELIGIBLE'),
    domainValidationOptions: dvs,
    keyUsages,
    extendedKeyUsages: ekuNames.map((name) => ({ name, oid: EKU_OIDS[name] ?? '' })),
    transparencyLogging: spec.transparencyLogging ?? 'ENABLED',
    exportOption: spec.exportOption ?? 'DISABLED',
    exported,
    keyPairOrigin: origin,
    tags: Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value })),
  };
  if (material) {
    const h = digest(`serial/${accountId}/${spec.id}`);
    cert.serial = spec.serial ?? (h.slice(0, 32).match(/../g) ?? []).join(':');
    cert.subject = spec.subject ?? `CN=${spec.domainName}`;
    cert.issuer = spec.issuer ?? defaultIssuer(spec);
    cert.signatureAlgorithm = spec.signatureAlgorithm ?? defaultSignatureAlgorithm(spec.keyAlgorithm);
  }
  if (spec.status === 'REVOKED') {
    cert.revokedAt = at(spec.revokedDays);
    cert.revocationReason = spec.revocationReason;
  }
  if (spec.failureReason) cert.failureReason = spec.failureReason;
  if (spec.managedBy) cert.managedBy = spec.managedBy;
  if (spec.certificateAuthorityArn) cert.certificateAuthorityArn = spec.certificateAuthorityArn;
  if (spec.validation) cert.validationMethod = spec.validation;
  if (spec.acmeEndpointArn) cert.acmeEndpointArn = spec.acmeEndpointArn;
  if (spec.acmeAccountId) cert.acmeAccountId = spec.acmeAccountId;
  if (spec.renewal) {
    const r = spec.renewal;
    const dvStatus = r.status === 'PENDING_VALIDATION' ? 'PENDING_VALIDATION' : r.status === 'FAILED' ? 'FAILED' : 'SUCCESS';
    cert.renewalSummary = {
      renewalStatus: r.status,
      renewalStatusReason: r.reason,
      updatedAt: at(r.updatedDays) as Date,
      domainValidationOptions: dvs.map((dv) => ({ ...dv, validationStatus: dvStatus })),
    };
  }
  return cert;
}
