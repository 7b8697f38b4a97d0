import { createHash } from 'node:crypto';
import { compact, epoch } from '../../endpoint/acm.js';
import { decodeToken, encodeToken, validation } from '../../endpoint/errors.js';
import type { FakeService, ServiceRequest } from '../../endpoint/service.js';
import type { StoredCertificate } from '../../endpoint/types.js';

/**
 * ACM's SearchCertificates (ACM API Reference, SearchCertificates): the account's certificates of the
 * region, filtered by a statement over X.509 attributes and ACM metadata, sorted, 500 at most a page.
 * It shares ACM's X-Amz-Target prefix, so it claims only its own operation: every other ACM call goes
 * on to the endpoint's ACM (src/endpoint/acm.ts).
 */

type Json = Record<string, unknown>;

export const fake: FakeService = {
  service: 'acm',
  protocol: 'json',
  targetPrefix: 'CertificateManager',
  operations: ['SearchCertificates'],
  // ACM quotas (https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html): 5 a second.
  quotas: { SearchCertificates: 5 },
  handle: (request) => (request.operation === 'SearchCertificates' ? { body: searchCertificates(request.json, request) } : null),
};

interface SearchToken extends Json {
  r: string;
  q: string;
  i: number;
}

function searchCertificates(body: Json, ctx: ServiceRequest): Json {
  const max = body.MaxResults ?? 100;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 500)
    throw validation(`1 validation error detected: Value '${String(max)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 500`);
  const statement = body.FilterStatement as Json | undefined;
  const sortBy = (body.SortBy as string | undefined) ?? 'CREATED_AT';
  const descending = body.SortOrder === 'DESCENDING';
  const key = SORT_KEYS[sortBy];
  if (!key) throw validation(`Invalid SortBy value: ${sortBy}`);
  // The token pins the query it belongs to, so a token cannot be replayed against another filter.
  const query = createHash('sha256').update(JSON.stringify([statement, sortBy, descending])).digest('hex').slice(0, 16);
  let start = 0;
  if (body.NextToken !== undefined) {
    const t = decodeToken<SearchToken>(String(body.NextToken), (t) => t.r === ctx.region && t.q === query && Number.isInteger(t.i));
    if (!t) throw validation('The NextToken is not valid.');
    start = t.i;
  }
  const hits = ctx.account.certificates(ctx.region).filter((c) => !statement || evaluate(statement, c, 0));
  hits.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const r = x === y ? (a.arn < b.arn ? -1 : 1) : x < y ? -1 : 1;
    return descending ? -r : r;
  });
  const size = ctx.pageSize(max);
  const page = hits.slice(start, start + size);
  const out: Json = { Results: page.map(searchResult) };
  if (start + size < hits.length) out.NextToken = encodeToken({ r: ctx.region, q: query, i: start + size });
  return out;
}

const SORT_KEYS: Record<string, (c: StoredCertificate) => string | number> = {
  CREATED_AT: (c) => c.createdAt?.getTime() ?? 0,
  NOT_AFTER: (c) => c.notAfter?.getTime() ?? Number.MAX_SAFE_INTEGER,
  NOT_BEFORE: (c) => c.notBefore?.getTime() ?? 0,
  ISSUED_AT: (c) => c.issuedAt?.getTime() ?? 0,
  IMPORTED_AT: (c) => c.importedAt?.getTime() ?? 0,
  REVOKED_AT: (c) => c.revokedAt?.getTime() ?? 0,
  STATUS: (c) => c.status,
  RENEWAL_STATUS: (c) => c.renewalSummary?.renewalStatus ?? '',
  EXPORTED: (c) => (c.exported ? 1 : 0),
  IN_USE: (c) => (c.inUseBy.length ? 1 : 0),
  KEY_ALGORITHM: (c) => c.keyAlgorithm,
  TYPE: (c) => c.type,
  CERTIFICATE_ARN: (c) => c.arn,
  COMMON_NAME: (c) => c.domainName,
  RENEWAL_ELIGIBILITY: (c) => c.renewalEligibility,
  MANAGED_BY: (c) => c.managedBy ?? '',
  EXPORT_OPTION: (c) => c.exportOption,
  VALIDATION_METHOD: (c) => c.validationMethod ?? '',
  ACME_ENDPOINT_ARN: (c) => c.acmeEndpointArn ?? '',
  ACME_ACCOUNT_ID: (c) => c.acmeAccountId ?? '',
  CERTIFICATE_KEY_PAIR_ORIGIN: (c) => c.keyPairOrigin,
};

function evaluate(s: Json, c: StoredCertificate, depth: number): boolean {
  if (depth > 10) throw validation('FilterStatement is nested too deeply.');
  const members = Object.keys(s).filter((k) => s[k] !== undefined && s[k] !== null);
  if (members.length !== 1) throw validation('FilterStatement must set exactly one of And, Or, Not, Filter.');
  const [m] = members;
  const v = s[m];
  if (m === 'And' || m === 'Or') {
    if (!Array.isArray(v) || v.length < 1 || v.length > 15) throw validation(`${m} must hold 1 to 15 statements.`);
    return m === 'And' ? v.every((x) => evaluate(x as Json, c, depth + 1)) : v.some((x) => evaluate(x as Json, c, depth + 1));
  }
  if (m === 'Not') return !evaluate(v as Json, c, depth + 1);
  if (m === 'Filter') return filter(v as Json, c);
  throw validation(`Unknown FilterStatement member ${m}.`);
}

function compare(filter: Json | undefined, value: string): boolean {
  if (!filter) return true;
  const want = String(filter.Value ?? '');
  return filter.ComparisonOperator === 'CONTAINS' ? value.includes(want) : value === want;
}

function inRange(range: Json | undefined, d: Date | undefined): boolean {
  if (!range) return true;
  if (!d) return false;
  const t = d.getTime() / 1000;
  return (range.Start === undefined || t >= Number(range.Start)) && (range.End === undefined || t <= Number(range.End));
}

function filter(f: Json, c: StoredCertificate): boolean {
  if (typeof f.CertificateArn === 'string') return c.arn === f.CertificateArn;
  const x = f.X509AttributeFilter as Json | undefined;
  if (x) {
    const subject = x.Subject as Json | undefined;
    const san = x.SubjectAlternativeName as Json | undefined;
    return (
      compare(subject?.CommonName as Json | undefined, c.domainName) &&
      (!san?.DnsName || c.subjectAlternativeNames.some((n) => compare(san.DnsName as Json, n))) &&
      (x.ExtendedKeyUsage === undefined || c.extendedKeyUsages.some((e) => e.name === x.ExtendedKeyUsage)) &&
      (x.KeyUsage === undefined || c.keyUsages.includes(String(x.KeyUsage))) &&
      (x.KeyAlgorithm === undefined || c.keyAlgorithm === x.KeyAlgorithm) &&
      (x.SerialNumber === undefined || c.serial === x.SerialNumber) &&
      inRange(x.NotAfter as Json | undefined, c.notAfter) &&
      inRange(x.NotBefore as Json | undefined, c.notBefore)
    );
  }
  const m = f.AcmCertificateMetadataFilter as Json | undefined;
  if (m) {
    const checks: [unknown, unknown][] = [
      [m.Status, c.status],
      [m.RenewalStatus, c.renewalSummary?.renewalStatus],
      [m.Type, c.type],
      [m.InUse, c.inUseBy.length > 0],
      [m.Exported, c.exported],
      [m.ExportOption, c.exportOption],
      [m.ManagedBy, c.managedBy],
      [m.ValidationMethod, c.validationMethod],
      [m.CertificateKeyPairOrigin, c.keyPairOrigin],
      [m.AcmeEndpointArn, c.acmeEndpointArn],
      [m.AcmeAccountId, c.acmeAccountId],
    ];
    return checks.every(([want, have]) => want === undefined || want === have);
  }
  throw validation('Filter must set one of CertificateArn, X509AttributeFilter, AcmCertificateMetadataFilter.');
}

function distinguishedName(dn: string | undefined): Json | undefined {
  if (!dn) return undefined;
  const names: Record<string, string> = { CN: 'CommonName', O: 'Organization', OU: 'OrganizationalUnit', L: 'Locality', ST: 'State', C: 'Country' };
  if (!dn.includes('=')) return { CommonName: dn };
  const out: Json = {};
  for (const part of dn.split(',')) {
    const [k, ...rest] = part.split('=');
    const name = names[k.trim()];
    if (name) out[name] = rest.join('=').trim();
  }
  return out;
}

function searchResult(c: StoredCertificate): Json {
  return {
    CertificateArn: c.arn,
    X509Attributes: compact({
      Issuer: distinguishedName(c.issuer),
      Subject: distinguishedName(c.subject),
      SubjectAlternativeNames: c.subjectAlternativeNames.map((DnsName) => ({ DnsName })),
      ExtendedKeyUsages: c.extendedKeyUsages.map((e) => e.name),
      KeyAlgorithm: c.keyAlgorithm,
      KeyUsages: c.keyUsages,
      SerialNumber: c.serial,
      NotAfter: epoch(c.notAfter),
      NotBefore: epoch(c.notBefore),
    }),
    CertificateMetadata: {
      AcmCertificateMetadata: compact({
        CreatedAt: epoch(c.createdAt),
        Exported: c.exported,
        ImportedAt: epoch(c.importedAt),
        InUse: c.inUseBy.length > 0,
        IssuedAt: epoch(c.issuedAt),
        RenewalEligibility: c.renewalEligibility,
        RevokedAt: epoch(c.revokedAt),
        Status: c.status,
        RenewalStatus: c.renewalSummary?.renewalStatus,
        Type: c.type,
        ExportOption: c.exportOption,
        ManagedBy: c.managedBy,
        ValidationMethod: c.validationMethod,
        CertificateKeyPairOrigin: c.keyPairOrigin,
        AcmeEndpointArn: c.acmeEndpointArn,
        AcmeAccountId: c.acmeAccountId,
      }),
    },
  };
}
