import { emptyCertificate, type Certificate, type DomainValidation } from '../domain/certificate.js';

/**
 * Pure mapping from an AWS Config configuration item of type AWS::ACM::Certificate (as
 * SelectAggregateResourceConfig returns it) to the one Certificate model.
 *
 * The item's properties are those of the resource schema (awslabs/aws-config-resource-schema,
 * AWS::ACM::Certificate): the fields below. What the schema does not hold stays null and is
 * listed in MISSING_FROM_CONFIG, never guessed.
 */

/** The properties the query selects: everything the model can use. */
export const CONFIG_PROPERTIES = [
  'accountId',
  'awsRegion',
  'arn',
  'configurationItemCaptureTime',
  'tags',
  'configuration.certificateArn',
  'configuration.certificateAuthorityArn',
  'configuration.createdAt',
  'configuration.domainName',
  'configuration.domainValidationOptions',
  'configuration.extendedKeyUsages',
  'configuration.failureReason',
  'configuration.importedAt',
  'configuration.inUseBy',
  'configuration.issuedAt',
  'configuration.issuer',
  'configuration.keyAlgorithm',
  'configuration.keyUsages',
  'configuration.notAfter',
  'configuration.notBefore',
  'configuration.options',
  'configuration.renewalEligibility',
  'configuration.renewalSummary',
  'configuration.serial',
  'configuration.signatureAlgorithm',
  'configuration.status',
  'configuration.subject',
  'configuration.subjectAlternativeNames',
  'configuration.type',
] as const;

const NOT_IN_SCHEMA = "not in AWS Config's AWS::ACM::Certificate resource schema";

/** Certificate fields a Config aggregator cannot provide, and why. */
export const MISSING_FROM_CONFIG: ReadonlyArray<{ field: keyof Certificate; reason: string }> = [
  { field: 'exportOption', reason: NOT_IN_SCHEMA },
  { field: 'exported', reason: NOT_IN_SCHEMA },
  { field: 'keyPairOrigin', reason: NOT_IN_SCHEMA },
  { field: 'managedBy', reason: NOT_IN_SCHEMA },
  { field: 'revokedAt', reason: NOT_IN_SCHEMA },
  { field: 'revocationReason', reason: NOT_IN_SCHEMA },
  { field: 'renewalStatusReason', reason: NOT_IN_SCHEMA },
  { field: 'renewalUpdatedAt', reason: NOT_IN_SCHEMA },
];

/** The query: every certificate the aggregator recorded, optionally narrowed to accounts and regions. */
export function aggregatorQuery(accounts: string[] | null, regions: string[] | null): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const where = ["resourceType = 'AWS::ACM::Certificate'"];
  if (accounts?.length) where.push(`accountId IN (${accounts.map(quote).join(', ')})`);
  if (regions?.length) where.push(`awsRegion IN (${regions.map(quote).join(', ')})`);
  return `SELECT ${CONFIG_PROPERTIES.join(', ')} WHERE ${where.join(' AND ')}`;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const strings = (v: unknown): string[] => list(v).map(str).filter((s): s is string => s !== null);

/** Config writes dates as ISO strings; epoch numbers (seconds or milliseconds) are read too. */
function date(v: unknown): string | null {
  let t: number;
  if (typeof v === 'number') t = v > 1e11 ? v : v * 1000;
  else if (typeof v === 'string' && v) t = Date.parse(v);
  else return null;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** One result document (a JSON string) → a Certificate, or null when it names no certificate. */
export function fromConfigurationItem(result: string): { certificate: Certificate; capturedAt: string | null } | null {
  let doc: Json;
  try {
    doc = obj(JSON.parse(result));
  } catch {
    return null;
  }
  const c = obj(doc.configuration);
  const arn = str(c.certificateArn) ?? str(doc.arn);
  const region = str(doc.awsRegion) ?? arn?.split(':')[3] ?? null;
  if (!arn || !region) return null;

  const cert = emptyCertificate(arn, region);
  cert.accountId = str(doc.accountId) ?? cert.accountId;
  const dvos: DomainValidation[] = list(c.domainValidationOptions).map((raw) => {
    const v = obj(raw);
    const rr = v.resourceRecord ? obj(v.resourceRecord) : null;
    return {
      domainName: str(v.domainName) ?? '',
      validationMethod: str(v.validationMethod),
      validationStatus: str(v.validationStatus),
      validationDomain: str(v.validationDomain),
      validationEmails: strings(v.validationEmails),
      resourceRecord: rr ? { name: str(rr.name) ?? '', type: str(rr.type) ?? '', value: str(rr.value) ?? '' } : null,
      httpRedirect: null,
    };
  });
  const methods = dvos.map((d) => d.validationMethod).filter((m): m is string => !!m);
  const inUseBy = strings(c.inUseBy);

  Object.assign(cert, {
    domainName: str(c.domainName),
    subjectAlternativeNames: strings(c.subjectAlternativeNames),
    status: str(c.status),
    type: str(c.type),
    keyAlgorithm: str(c.keyAlgorithm),
    notBefore: date(c.notBefore),
    notAfter: date(c.notAfter),
    inUseBy,
    // The schema records inUseBy in full, so "not in use" is known, not guessed.
    inUse: Array.isArray(c.inUseBy) ? inUseBy.length > 0 : null,
    renewalEligibility: str(c.renewalEligibility),
    renewalStatus: str(obj(c.renewalSummary).renewalStatus),
    validationMethod: methods.includes('EMAIL') ? 'EMAIL' : (methods[0] ?? null),
    transparencyLogging: str(obj(c.options).certificateTransparencyLoggingPreference),
    issuer: str(c.issuer),
    tags: Object.fromEntries(
      list(doc.tags)
        .map(obj)
        .filter((t) => typeof t.key === 'string')
        .map((t) => [t.key as string, str(t.value) ?? '']),
    ),
    createdAt: date(c.createdAt),
    issuedAt: date(c.issuedAt),
    importedAt: date(c.importedAt),
    failureReason: str(c.failureReason),
    serial: str(c.serial),
    subject: str(c.subject),
    signatureAlgorithm: str(c.signatureAlgorithm),
    keyUsages: list(c.keyUsages).map((k) => str(obj(k).name)).filter((s): s is string => s !== null),
    extendedKeyUsages: list(c.extendedKeyUsages).map((k) => str(obj(k).name)).filter((s): s is string => s !== null),
    certificateAuthorityArn: str(c.certificateAuthorityArn),
    domainValidations: dvos,
    detail: { state: 'complete' },
  } satisfies Partial<Certificate>);
  return { certificate: cert, capturedAt: date(doc.configurationItemCaptureTime) };
}
