import { AwsError } from '../../endpoint/errors.js';
import type { FakeService } from '../../endpoint/service.js';
import { element, errorResponse, textElement, XML_DECLARATION } from '../../endpoint/xml.js';

export interface StoredRecord {
  name: string;
  type: string;
  ttl?: number;
  values?: string[];
  alias?: { dnsName: string; hostedZoneId: string };
}

export interface StoredHostedZone {
  /** Without the /hostedzone/ prefix. */
  id: string;
  name: string;
  privateZone: boolean;
  records: StoredRecord[];
}

/** `AccountData.services.route53`. */
export interface ZoneData {
  hostedZones: StoredHostedZone[];
}

/**
 * Route 53 speaks restXml: `GET /2013-04-01/hostedzone?marker=&maxitems=` and
 * `GET /2013-04-01/hostedzone/{Id}/rrset?name=&type=&maxitems=`. Records page by
 * (NextRecordName, NextRecordType), up to 300 a page, in the order Route 53 documents:
 * by name with its labels reversed, then by type.
 */

const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';

const withDot = (n: string) => (n.endsWith('.') ? n : `${n}.`);

/** Route 53 sorts names as if their labels were reversed (com.example.www). */
function sortKey(r: { name: string; type: string }): string {
  return `${withDot(r.name).toLowerCase().split('.').reverse().join('.')}\u0000${r.type}`;
}

/** A zone's records in Route 53's order, with their keys: sorted once per records list, not per page. */
const inOrder = new WeakMap<StoredRecord[], { records: StoredRecord[]; keys: string[] }>();

function ordered(records: StoredRecord[]): { records: StoredRecord[]; keys: string[] } {
  let hit = inOrder.get(records);
  if (!hit) {
    const keyed = records.map((r) => ({ r, key: sortKey(r) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    hit = { records: keyed.map((k) => k.r), keys: keyed.map((k) => k.key) };
    inOrder.set(records, hit);
  }
  return hit;
}

function answer(method: string, path: string, query: URLSearchParams, zones: StoredHostedZone[], pageSize: (n: number) => number): string | null {
  if (method !== 'GET') return null;
  if (path === '/2013-04-01/hostedzone') {
    const asked = Number(query.get('maxitems') ?? 100);
    const size = pageSize(Math.min(Math.max(1, asked || 100), 100));
    const marker = query.get('marker');
    const start = marker ? zones.findIndex((z) => z.id === marker) : 0;
    if (start < 0) throw new AwsError('InvalidInput', 400, 'The marker is not valid.');
    const items = zones.slice(start, start + size);
    const next = zones[start + size];
    const zone = (z: (typeof zones)[number]) =>
      element(
        'HostedZone',
        textElement('Id', `/hostedzone/${z.id}`) +
          textElement('Name', withDot(z.name)) +
          textElement('CallerReference', `ref-${z.id}`) +
          element('Config', textElement('PrivateZone', String(z.privateZone))) +
          textElement('ResourceRecordSetCount', String(z.records.length)),
      );
    return (
      `${XML_DECLARATION}<ListHostedZonesResponse xmlns="${NS}">` +
      element('HostedZones', items.map(zone).join('')) +
      (marker ? textElement('Marker', marker) : '') +
      textElement('IsTruncated', String(Boolean(next))) +
      (next ? textElement('NextMarker', next.id) : '') +
      textElement('MaxItems', String(size)) +
      `</ListHostedZonesResponse>`
    );
  }
  const m = /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset$/.exec(path);
  if (!m) return null;
  const zone = zones.find((z) => z.id === decodeURIComponent(m[1]));
  if (!zone) throw new AwsError('NoSuchHostedZone', 404, `No hosted zone found with ID: ${m[1]}`);
  const asked = Number(query.get('maxitems') ?? 300);
  const size = pageSize(Math.min(Math.max(1, asked || 300), 300));
  const { records: sorted, keys } = ordered(zone.records);
  const fromName = query.get('name');
  const fromType = query.get('type');
  let start = 0;
  if (fromName) {
    const key = sortKey({ name: fromName, type: fromType ?? '' });
    start = keys.findIndex((k) => k >= key);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + size);
  const next = sorted[start + size];
  const record = (r: StoredRecord) =>
    element(
      'ResourceRecordSet',
      textElement('Name', withDot(r.name)) +
        textElement('Type', r.type) +
        (r.alias
          ? element('AliasTarget', textElement('HostedZoneId', r.alias.hostedZoneId) + textElement('DNSName', withDot(r.alias.dnsName)) + textElement('EvaluateTargetHealth', 'false'))
          : textElement('TTL', String(r.ttl ?? 300)) + element('ResourceRecords', (r.values ?? []).map((v) => element('ResourceRecord', textElement('Value', v))).join(''))),
    );
  return (
    `${XML_DECLARATION}<ListResourceRecordSetsResponse xmlns="${NS}">` +
    element('ResourceRecordSets', items.map(record).join('')) +
    textElement('IsTruncated', String(Boolean(next))) +
    (next ? textElement('NextRecordName', withDot(next.name)) + textElement('NextRecordType', next.type) : '') +
    textElement('MaxItems', String(size)) +
    `</ListResourceRecordSetsResponse>`
  );
}

const RRSET = /^\/2013-04-01\/hostedzone\/[^/]+\/rrset$/;

export const fake: FakeService = {
  service: 'route53',
  protocol: 'rest-xml',
  operationOf: (method, path) =>
    method !== 'GET' ? null : path === '/2013-04-01/hostedzone' ? 'ListHostedZones' : RRSET.test(path) ? 'ListResourceRecordSets' : null,
  // Route 53's requests share one account-wide bucket refilled at 10 a second; its signing region is always us-east-1.
  quotas: { ListHostedZones: 10, ListResourceRecordSets: 10 },
  handle(request) {
    const data = (request.account.data ?? {}) as Partial<ZoneData>;
    const body = answer(request.method, request.path, request.query, data.hostedZones ?? [], request.pageSize);
    return body === null ? null : { body, contentType: 'text/xml' };
  },
  renderError: (error, requestId) => ({
    status: error.status,
    contentType: 'text/xml',
    body: XML_DECLARATION + errorResponse(error, requestId, NS),
  }),
};
