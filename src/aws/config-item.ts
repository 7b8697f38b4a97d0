import { emptyCertificate, type Certificate, type CertificateField, type DomainValidation } from '../domain/certificate.js';

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

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Json => (isObj(v) ? v : {});
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

/** The failure code a certificate carries when its configuration item could not be read in full. */
export const MALFORMED_ITEM_CODE = 'MalformedConfigurationItem';

/** What one result document gave: a certificate, or why nothing could be taken from it. */
export type ConfigItemResult = { certificate: Certificate; capturedAt: string | null } | { unreadable: string };

/**
 * One result document (a JSON string) → a Certificate. A result that is not JSON or names no
 * certificate is `unreadable`. A field that is missing where Config always records it, or of the
 * wrong type, is not guessed: the certificate's detail is `failed` with those fields and the reason,
 * as a DescribeCertificate answer that could not be read would leave it, so the checks that need
 * them are reported as not run and the run as partial.
 */
export function fromConfigurationItem(result: string): ConfigItemResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(result);
  } catch {
    return { unreadable: 'not valid JSON' };
  }
  if (!isObj(parsed)) return { unreadable: 'not a JSON object' };
  const doc = parsed;
  const problems: string[] = [];
  const missing = new Set<CertificateField>();
  // Config's own APIs sometimes carry the configuration as a JSON string: read either form.
  let c: Json = {};
  if (typeof doc.configuration === 'string') {
    try {
      c = obj(JSON.parse(doc.configuration));
    } catch {
      problems.push('configuration is not valid JSON');
    }
  } else if (isObj(doc.configuration)) c = doc.configuration;
  else problems.push(doc.configuration === undefined ? 'configuration is missing' : 'configuration is not an object');

  const arn = str(c.certificateArn) ?? str(doc.arn);
  const region = str(doc.awsRegion) ?? arn?.split(':')[3] ?? null;
  if (!arn || !region) return { unreadable: problems[0] ?? 'it names no certificate' };
  const cert = emptyCertificate(arn, region);
  cert.accountId = str(doc.accountId) ?? cert.accountId;

  /** A field read with `read`: absent where `required`, or present with the wrong type, is a problem. */
  // A configuration that cannot be read leaves every field unknown: that one problem is named, not each field.
  const broken = problems.length > 0;
  const field = <T>(name: string, model: CertificateField, read: (v: unknown) => T | null, required: boolean): T | null => {
    const v = c[name];
    if (v === undefined || v === null) {
      if (required && !broken) {
        problems.push(`${name} is missing`);
        missing.add(model);
      }
      return null;
    }
    const out = read(v);
    if (out === null) {
      problems.push(`${name} is ${Array.isArray(v) ? 'a list' : typeof v}, not what Config records`);
      missing.add(model);
    }
    return out;
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const textList = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
  const objList = (v: unknown) => (Array.isArray(v) && v.every(isObj) ? (v as Json[]) : null);

  const status = field('status', 'status', text, true);
  const issued = status === 'ISSUED';
  const dvos: DomainValidation[] = (field('domainValidationOptions', 'domainValidations', objList, false) ?? []).map((v) => {
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
  const inUseBy = field('inUseBy', 'inUseBy', textList, true);
  if (inUseBy === null) missing.add('inUse');
  const options = field('options', 'transparencyLogging', (v) => (isObj(v) ? v : null), false);
  const renewal = field('renewalSummary', 'renewalStatus', (v) => (isObj(v) ? v : null), false);
  const usages = (name: string, model: CertificateField) =>
    (field(name, model, objList, false) ?? []).map((k) => str(k.name)).filter((x): x is string => x !== null);

  Object.assign(cert, {
    domainName: field('domainName', 'domainName', text, true),
    subjectAlternativeNames: field('subjectAlternativeNames', 'subjectAlternativeNames', textList, false) ?? [],
    status,
    type: field('type', 'type', text, true),
    keyAlgorithm: field('keyAlgorithm', 'keyAlgorithm', text, false),
    notBefore: field('notBefore', 'notBefore', date, issued),
    notAfter: field('notAfter', 'notAfter', date, issued),
    inUseBy: inUseBy ?? [],
    // The schema records inUseBy in full, so "not in use" is known, not guessed.
    inUse: inUseBy === null ? null : inUseBy.length > 0,
    renewalEligibility: field('renewalEligibility', 'renewalEligibility', text, false),
    renewalStatus: renewal ? str(renewal.renewalStatus) : null,
    validationMethod: methods.includes('EMAIL') ? 'EMAIL' : (methods[0] ?? null),
    transparencyLogging: options ? str(options.certificateTransparencyLoggingPreference) : null,
    issuer: field('issuer', 'issuer', text, false),
    tags: Object.fromEntries(
      list(doc.tags)
        .map(obj)
        .filter((t) => typeof t.key === 'string')
        .map((t) => [t.key as string, str(t.value) ?? '']),
    ),
    createdAt: field('createdAt', 'createdAt', date, false),
    issuedAt: field('issuedAt', 'issuedAt', date, false),
    importedAt: field('importedAt', 'importedAt', date, false),
    failureReason: field('failureReason', 'failureReason', text, false),
    serial: field('serial', 'serial', text, false),
    subject: field('subject', 'subject', text, false),
    signatureAlgorithm: field('signatureAlgorithm', 'signatureAlgorithm', text, false),
    keyUsages: usages('keyUsages', 'keyUsages'),
    extendedKeyUsages: usages('extendedKeyUsages', 'extendedKeyUsages'),
    certificateAuthorityArn: field('certificateAuthorityArn', 'certificateAuthorityArn', text, false),
    domainValidations: dvos,
  } satisfies Partial<Certificate>);
  if (broken) for (const f of CONFIG_FIELDS) missing.add(f);
  cert.detail =
    problems.length > 0
      ? {
          state: 'failed',
          missingFields: [...missing].sort(),
          reason: `AWS Config's item could not be read in full (${problems.join('; ')})`,
          failure: { reason: 'malformed-response', code: MALFORMED_ITEM_CODE },
        }
      : { state: 'complete', unrecorded: MISSING_FROM_CONFIG.map((m) => m.field) };
  return { certificate: cert, capturedAt: date(doc.configurationItemCaptureTime) };
}

/** Every model field a configuration item fills: what a configuration that cannot be read at all leaves unknown. */
const CONFIG_FIELDS: readonly CertificateField[] = [
  'domainName', 'subjectAlternativeNames', 'status', 'type', 'keyAlgorithm', 'notBefore', 'notAfter', 'inUseBy', 'inUse',
  'renewalEligibility', 'renewalStatus', 'validationMethod', 'transparencyLogging', 'issuer', 'createdAt', 'issuedAt',
  'importedAt', 'failureReason', 'serial', 'subject', 'signatureAlgorithm', 'keyUsages', 'extendedKeyUsages',
  'certificateAuthorityArn', 'domainValidations',
];
