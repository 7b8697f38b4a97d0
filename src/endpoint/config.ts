import { createHash } from 'node:crypto';
import { AwsError, decodeToken, encodeToken } from './errors.js';
import type { Caller, Directory } from './organization.js';
import type { AggregatorData, StoredCertificate } from './types.js';

/**
 * AWS Config SelectAggregateResourceConfig (AWS JSON 1.1, X-Amz-Target
 * StarlingDoveService.*): the advanced query over an aggregator's configuration items.
 * Enough of the language for what acm-advisor sends — `SELECT path, … WHERE cond AND …`
 * with `=`, `!=` and `IN (…)` on dotted property paths — and Config's answer shape: each
 * result a JSON document holding only the selected properties, nested as in the item.
 * Properties follow the AWS::ACM::Certificate resource schema; what that schema lacks
 * (export option, key-pair origin, managed-by, revocation, renewal reason) is absent here too.
 */

type Json = Record<string, unknown>;

interface Condition {
  path: string[];
  op: '=' | '!=' | 'IN';
  values: string[];
}

interface Query {
  select: string[][];
  where: Condition[];
}

const invalidExpression = (why: string) => new AwsError('InvalidExpressionException', 400, `The expression is not valid: ${why}`);

/** Parses the subset of Config's query language acm-advisor uses. */
export function parseQuery(expression: string): Query {
  const m = /^\s*SELECT\s+([\s\S]+?)(?:\s+WHERE\s+([\s\S]+?))?\s*$/i.exec(expression);
  if (!m) throw invalidExpression('it must start with SELECT');
  const select = m[1].split(',').map((p) => p.trim());
  for (const p of select) if (!/^[A-Za-z][\w]*(\.[A-Za-z][\w]*)*$/.test(p)) throw invalidExpression(`'${p}' is not a property`);
  const where: Condition[] = [];
  if (m[2]) {
    for (const part of m[2].split(/\s+AND\s+/i)) {
      const c = /^\s*([A-Za-z][\w.]*)\s*(=|!=|IN)\s*(?:'((?:[^']|'')*)'|\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*)\s*\))\s*$/i.exec(part);
      if (!c) throw invalidExpression(`cannot read the condition '${part.trim()}'`);
      const op = c[2].toUpperCase() as Condition['op'];
      const values = c[3] !== undefined ? [c[3]] : [...c[4].matchAll(/'((?:[^']|'')*)'/g)].map((v) => v[1]);
      if ((op === 'IN') !== (c[4] !== undefined)) throw invalidExpression(`'${part.trim()}' mixes IN with a single value`);
      where.push({ path: c[1].split('.'), op, values: values.map((v) => v.replace(/''/g, "'")) });
    }
  }
  return { select: select.map((p) => p.split('.')), where };
}

/** The configuration item Config records for one certificate. */
export function configurationItem(cert: StoredCertificate, accountId: string, capturedAt: Date): Json {
  const iso = (d: Date | undefined) => d?.toISOString();
  const dvo = cert.domainValidationOptions.map((d) =>
    compact({
      domainName: d.domainName,
      validationDomain: d.validationDomain,
      validationEmails: d.validationEmails,
      validationMethod: d.validationMethod,
      validationStatus: d.validationStatus,
      resourceRecord: d.resourceRecord,
    }),
  );
  return {
    accountId,
    awsRegion: cert.region,
    arn: cert.arn,
    resourceId: cert.arn,
    resourceName: cert.domainName,
    resourceType: 'AWS::ACM::Certificate',
    resourceCreationTime: iso(cert.createdAt ?? cert.importedAt),
    configurationItemCaptureTime: capturedAt.toISOString(),
    configurationItemStatus: 'OK',
    tags: cert.tags.map((t) => ({ key: t.key, value: t.value })),
    relationships: [],
    configuration: compact({
      certificateArn: cert.arn,
      certificateAuthorityArn: cert.certificateAuthorityArn,
      createdAt: iso(cert.createdAt),
      domainName: cert.domainName,
      domainValidationOptions: dvo,
      extendedKeyUsages: cert.extendedKeyUsages.map((e) => ({ name: e.name, oID: e.oid })),
      failureReason: cert.failureReason,
      importedAt: iso(cert.importedAt),
      inUseBy: cert.inUseBy,
      issuedAt: iso(cert.issuedAt),
      issuer: cert.issuer,
      keyAlgorithm: cert.keyAlgorithm,
      keyUsages: cert.keyUsages.map((name) => ({ name })),
      notAfter: iso(cert.notAfter),
      notBefore: iso(cert.notBefore),
      options: { certificateTransparencyLoggingPreference: cert.transparencyLogging },
      renewalEligibility: cert.renewalEligibility,
      renewalSummary: cert.renewalSummary ? { renewalStatus: cert.renewalSummary.renewalStatus } : undefined,
      serial: cert.serial,
      signatureAlgorithm: cert.signatureAlgorithm,
      status: cert.status,
      subject: cert.subject,
      subjectAlternativeNames: cert.subjectAlternativeNames,
      type: cert.type,
    }),
  };
}

function compact(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function valuesAt(doc: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [doc];
  if (Array.isArray(doc)) return doc.flatMap((d) => valuesAt(d, path));
  if (doc === null || typeof doc !== 'object') return [];
  return valuesAt((doc as Json)[path[0]], path.slice(1));
}

function matches(item: Json, c: Condition): boolean {
  const found = valuesAt(item, c.path).map(String);
  const hit = found.some((v) => c.values.includes(v));
  return c.op === '!=' ? !hit : hit;
}

/** Copies the value at `path` from `from` into `into`, keeping the nesting (and arrays) on the way. */
function project(from: unknown, into: Json, path: string[]): void {
  if (from === null || typeof from !== 'object' || Array.isArray(from)) return;
  const key = path[0];
  const value = (from as Json)[key];
  if (value === undefined) return;
  if (path.length === 1) {
    into[key] = value;
    return;
  }
  if (Array.isArray(value)) {
    const existing = (Array.isArray(into[key]) ? into[key] : value.map(() => ({}))) as Json[];
    value.forEach((v, i) => project(v, existing[i], path.slice(1)));
    into[key] = existing;
    return;
  }
  const child = (into[key] && typeof into[key] === 'object' ? into[key] : {}) as Json;
  project(value, child, path.slice(1));
  if (Object.keys(child).length > 0) into[key] = child;
}

interface PageToken extends Json {
  q: string;
  i: number;
}

function captureTime(aggregator: AggregatorData, arn: string): Date {
  const spread = (aggregator.spreadMinutes ?? 0) * 60_000;
  if (spread === 0) return aggregator.capturedAt;
  const h = parseInt(createHash('sha256').update(arn).digest('hex').slice(0, 8), 16);
  return new Date(aggregator.capturedAt.getTime() - (h % spread));
}

/**
 * The items a query matches, kept for the pages that follow: building every item for every
 * page would make a 10,000-certificate query quadratic. The data never changes while the
 * endpoint runs, so the cache is always right.
 */
const matchCache = new WeakMap<Directory, Map<string, Json[]>>();

function matching(directory: Directory, aggregator: AggregatorData, query: Query, queryKey: string): Json[] {
  let cache = matchCache.get(directory);
  if (!cache) matchCache.set(directory, (cache = new Map()));
  const key = `${aggregator.name}\u0000${queryKey}`;
  let items = cache.get(key);
  if (!items) {
    items = [];
    for (const store of directory.allStores()) {
      for (const region of store.regionsWithCertificates()) {
        for (const cert of store.inRegion(region)) {
          const item = configurationItem(cert, store.accountId, captureTime(aggregator, cert.arn));
          if (query.where.every((c) => matches(item, c))) items.push(item);
        }
      }
    }
    // A handful of distinct queries at most in practice; never let it grow without bound.
    if (cache.size >= 16) cache.clear();
    cache.set(key, items);
  }
  return items;
}

export function handleConfig(operation: string, body: Json, directory: Directory, caller: Caller, pageSize: (n: number) => number): Json | null {
  if (operation !== 'SelectAggregateResourceConfig') return null;
  const name = body.ConfigurationAggregatorName;
  const aggregator = directory.organization?.aggregators?.find((a) => a.name === name);
  // Aggregators belong to the account that created them.
  if (typeof name !== 'string' || !aggregator || caller.session)
    throw new AwsError('NoSuchConfigurationAggregatorException', 400, `The configuration aggregator ${String(name)} does not exist.`);
  if (typeof body.Expression !== 'string' || body.Expression.length === 0)
    throw new AwsError('ValidationException', 400, "1 validation error detected: Value null at 'expression' failed to satisfy constraint: Member must not be null");
  const limit = body.Limit ?? body.MaxResults ?? 100;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > 100)
    throw new AwsError('ValidationException', 400, "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
  const query = parseQuery(body.Expression);
  const queryKey = createHash('sha256').update(body.Expression).digest('hex').slice(0, 16);

  let start = 0;
  if (body.NextToken !== undefined && body.NextToken !== null) {
    const t = decodeToken<PageToken>(String(body.NextToken), (t) => t.q === queryKey && Number.isInteger(t.i) && t.i >= 0);
    if (!t) throw new AwsError('InvalidNextTokenException', 400, 'The specified next token is not valid.');
    start = t.i;
  }

  const items = matching(directory, aggregator, query, queryKey);
  const size = pageSize(limit === 0 ? 100 : limit);
  const page = items.slice(start, start + size).map((item) => {
    const out: Json = {};
    for (const path of query.select) project(item, out, path);
    return JSON.stringify(out);
  });
  const next = start + size;
  return {
    Results: page,
    QueryInfo: { SelectFields: query.select.map((p) => ({ Name: p.join('.') })) },
    ...(next < items.length ? { NextToken: encodeToken({ q: queryKey, i: next }) } : {}),
  };
}
