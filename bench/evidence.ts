/**
 * Rows for the reads beyond ACM (`npm run bench -- --only evidence`):
 * - DNS renewal checks for 2,000 certificates against a loopback DNS server answering each query in
 *   50 ms, against the least time the concurrency cap allows (lookups ÷ cap × 50 ms);
 * - CloudTrail's 90 days of 5,000 ACM events through LookupEvents at its quota (2 requests a second,
 *   50 events a page), against the least time that quota allows (pages ÷ 2 s).
 */
import { performance } from 'node:perf_hooks';
import { DnsLookups, checkRenewalDns } from '../src/aws/dns-lookups.js';
import { awsInventorySource } from '../src/aws/source.js';
import { emptyCertificate, type Certificate } from '../src/domain/certificate.js';
import { startDnsServer, type DnsRecord } from '../src/endpoint/dns-server.js';
import { startEndpoint } from '../src/endpoint/index.js';
import { cloudtrail } from '../src/stages/cloudtrail/index.js';
import type { StoredTrailEvent } from '../src/stages/cloudtrail/fake.js';
import type { BenchRow } from './tui.js';

const CERTIFICATES = 2_000;
const LATENCY_MS = 50;
const CONCURRENCY = 32;

function certificates(): { certs: Certificate[]; records: DnsRecord[] } {
  const certs: Certificate[] = [];
  const records: DnsRecord[] = [{ name: 'example.com', type: 'CAA', tag: 'issue', value: 'amazon.com' }];
  for (let i = 0; i < CERTIFICATES; i++) {
    const name = `app${i}.example.com`;
    const record = { name: `_v${i}.${name}.`, type: 'CNAME', value: `_t${i}.acm-validations.aws.` };
    certs.push({
      ...emptyCertificate(`arn:aws:acm:us-east-1:111122223333:certificate/${i}`, 'us-east-1'),
      domainName: name,
      subjectAlternativeNames: [name],
      type: 'AMAZON_ISSUED',
      status: 'ISSUED',
      domainValidations: [{ domainName: name, validationMethod: 'DNS', validationStatus: 'SUCCESS', validationDomain: name, validationEmails: [], resourceRecord: record, httpRedirect: null }],
    });
    // One in ten records was deleted.
    if (i % 10) records.push({ name: record.name, type: 'CNAME', value: record.value });
  }
  return { certs, records };
}

async function benchDns(): Promise<BenchRow> {
  const { certs, records } = certificates();
  const server = await startDnsServer({ records, latencyMs: LATENCY_MS });
  try {
    const lookups = new DnsLookups({ server: server.address, timeoutMs: 5_000, concurrency: CONCURRENCY });
    const t = performance.now();
    const result = await checkRenewalDns(certs, lookups);
    const ms = performance.now() - t;
    const missing = [...result.values()].filter((r) => r.validation.some((v) => v.state === 'missing')).length;
    const floor = Math.ceil(lookups.sent / CONCURRENCY) * LATENCY_MS;
    return {
      name: `dns: ${CERTIFICATES} certificates' CNAME + CAA (${lookups.sent} lookups, ${missing} missing), resolver at ${LATENCY_MS} ms`,
      value: ms,
      unit: 'ms',
      baseline: `${lookups.sent} lookups ÷ ${CONCURRENCY} at a time × ${LATENCY_MS} ms = ${floor} ms`,
      ratio: ms / floor,
    };
  } finally {
    await server.close();
  }
}

async function benchCloudTrail(): Promise<BenchRow> {
  const now = Date.now();
  const events: StoredTrailEvent[] = Array.from({ length: 5_000 }, (_, i) => ({
    id: `e${i}`,
    region: 'us-east-1',
    name: i % 5 ? 'RequestCertificate' : 'DeleteCertificate',
    time: new Date(now - ((i * 89) / 5_000) * 86_400_000 - 60_000),
    principalArn: 'arn:aws:sts::111122223333:assumed-role/ci-deploy/run',
    requestParameters: { domainName: `app${i}.example.com` },
    responseElements: { certificateArn: `arn:aws:acm:us-east-1:111122223333:certificate/${i}` },
  }));
  // The endpoint enforces LookupEvents' real quota: the read must keep under it.
  const endpoint = await startEndpoint({ account: { accountId: '111122223333', enabledRegions: ['us-east-1'], certificates: [], services: { cloudtrail: { events } } }, latencyMs: 20 });
  try {
    const source = awsInventorySource({
      regions: { kind: 'list', regions: ['us-east-1'] },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      timeoutMs: 30_000,
      stages: [cloudtrail],
    } as Parameters<typeof awsInventorySource>[0]);
    const t = performance.now();
    const inv = await source.load(() => {});
    const ms = performance.now() - t;
    source.close();
    const pages = endpoint.calls.filter((c) => c.operation === 'LookupEvents');
    const throttled = pages.filter((c) => c.status !== 200).length;
    const read = (inv.stages?.find((s) => s.stage === 'cloudtrail')?.data as unknown[] | undefined)?.length ?? 0;
    const floor = ((pages.length - throttled - 1) / 2) * 1000;
    return {
      name: `cloudtrail: 90 days, ${read} ACM events, cold (${pages.length} LookupEvents, ${throttled} throttled)`,
      value: ms,
      unit: 'ms',
      baseline: `${pages.length - throttled} pages at 2/s = ${floor.toFixed(0)} ms`,
      ratio: ms / floor,
    };
  } finally {
    await endpoint.close();
  }
}

export async function benchEvidence(): Promise<BenchRow[]> {
  return [await benchDns(), await benchCloudTrail()];
}
