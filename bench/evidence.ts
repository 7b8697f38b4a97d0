/**
 * Rows for the reads beyond ACM (`npm run bench -- --only evidence`):
 * - DNS renewal checks for 2,000 certificates against a loopback DNS server answering each query in
 *   50 ms, against the least time the concurrency cap allows (lookups ÷ cap × 50 ms);
 * - CloudTrail's 90 days of 5,000 ACM events through LookupEvents at its quota (2 requests a second,
 *   50 events a page), against the least time that quota allows (pages ÷ 2 s): cold, then a second
 *   run after 200 new events that asks only for what is new (its own pages against the same quota).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DnsLookups, checkRenewalDns } from '../src/aws/dns-lookups.js';
import { awsInventorySource } from '../src/aws/source.js';
import { InventoryCache, sourceKey } from '../src/cache/inventory-cache.js';
import type { Inventory, InventoryEvent, PriorReads } from '../src/domain/inventory.js';
import { emptyCertificate, type Certificate } from '../src/domain/certificate.js';
import { startDnsServer, type DnsRecord } from '../src/endpoint/dns-server.js';
import { startEndpoint } from '../src/endpoint/index.js';
import { cloudtrail, LOOKUP_EVENTS_PER_SECOND } from '../src/stages/cloudtrail/index.js';
import type { StoredTrailEvent } from '../src/stages/cloudtrail/fake.js';
import type { BenchRow } from './tui.js';

/** The source's load with the cache's earlier reads (as the CLI's cached source passes them). */
type WithPrior = (onEvent: (e: InventoryEvent) => void, signal: AbortSignal | undefined, prior: PriorReads) => Promise<Inventory>;

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

/** One LookupEvents read: its time, the pages asked (and how many were throttled), the events it ends with. */
interface TrailRun {
  ms: number;
  pages: number;
  throttled: number;
  events: number;
}

function trailEvent(i: number, time: Date): StoredTrailEvent {
  return {
    id: `e${i}`,
    region: 'us-east-1',
    name: i % 5 ? 'RequestCertificate' : 'DeleteCertificate',
    time,
    principalArn: 'arn:aws:sts::111122223333:assumed-role/ci-deploy/run',
    requestParameters: { domainName: `app${i}.example.com` },
    responseElements: { certificateArn: `arn:aws:acm:us-east-1:111122223333:certificate/${i}` },
  };
}

/** The row for one run, against the least time LookupEvents' quota allows for its pages (the first call is free). */
function trailRow(what: string, run: TrailRun): BenchRow {
  const answered = run.pages - run.throttled;
  const floor = ((answered - 1) / LOOKUP_EVENTS_PER_SECOND) * 1000;
  return {
    name: `cloudtrail: 90 days, ${run.events} ACM events, ${what} (${run.pages} LookupEvents, ${run.throttled} throttled)`,
    value: run.ms,
    unit: 'ms',
    baseline: `${answered} pages at ${LOOKUP_EVENTS_PER_SECOND}/s = ${floor.toFixed(0)} ms`,
    ratio: run.ms / floor,
  };
}

const COLD_EVENTS = 5_000;
/** Events recorded between the two runs: the incremental read asks for these (and the overlap's). */
const NEW_EVENTS = 200;

/**
 * A cold read of 90 days of events, then — after NEW_EVENTS more are recorded — a second run that builds
 * on the first. The cache is opened as a plain CLI run opens it (no read-back, no --max-age): it still
 * hands CloudTrail's history over, and the full-screen app's next start gets the same read.
 */
async function benchCloudTrail(): Promise<BenchRow[]> {
  const now = Date.now();
  const events: StoredTrailEvent[] = Array.from({ length: COLD_EVENTS }, (_, i) => trailEvent(i, new Date(now - ((i * 89) / COLD_EVENTS) * 86_400_000 - 60_000)));
  // The endpoint enforces LookupEvents' real quota: the read must keep under it.
  const endpoint = await startEndpoint({ account: { accountId: '111122223333', enabledRegions: ['us-east-1'], certificates: [], services: { cloudtrail: { events } } }, latencyMs: 20 });
  const dir = mkdtempSync(join(tmpdir(), 'acm-bench-trail-'));
  const cache = new InventoryCache({ dir, sourceKey: sourceKey({ profile: null, endpoint: endpoint.url }), readBack: false, reuseWithinMs: null });
  const run = async (): Promise<TrailRun> => {
    endpoint.resetCalls();
    const source = awsInventorySource({
      regions: { kind: 'list', regions: ['us-east-1'] },
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' },
      homeRegion: 'us-east-1',
      timeoutMs: 30_000,
      stages: [cloudtrail],
    } as Parameters<typeof awsInventorySource>[0]);
    const t = performance.now();
    const inv = await (source.load as WithPrior)(() => {}, undefined, cache.priorReads());
    const ms = performance.now() - t;
    source.close();
    const pages = endpoint.calls.filter((c) => c.operation === 'LookupEvents');
    const read = (inv.stages?.find((s) => s.stage === 'cloudtrail')?.data as unknown[] | undefined)?.length ?? 0;
    return { ms, pages: pages.length, throttled: pages.filter((c) => c.status !== 200).length, events: read };
  };
  try {
    const cold = await run();
    // Runs are minutes apart, not back to back: let the endpoint's quota bucket refill, as AWS's would.
    await new Promise((r) => setTimeout(r, 2_000));
    const later = Date.now();
    for (let i = 0; i < NEW_EVENTS; i++) events.push(trailEvent(COLD_EVENTS + i, new Date(later - (NEW_EVENTS - i) * 10)));
    const incremental = await run();
    return [trailRow('cold', cold), trailRow(`incremental, ${NEW_EVENTS} new since the cold read`, incremental)];
  } finally {
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchEvidence(): Promise<BenchRow[]> {
  return [await benchDns(), ...(await benchCloudTrail())];
}
