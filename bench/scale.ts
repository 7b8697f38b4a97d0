/**
 * Large accounts at the speed of the API (`npm run bench`, called from run.ts): the inventory
 * engine against the project's endpoint with ACM's quotas on and 40 ms of latency per call.
 * Every figure is set against a bound computed from the quotas in the same run.
 */
import { performance } from 'node:perf_hooks';
import { startEndpoint, syntheticAccount, type AccountData } from '../src/endpoint/index.js';
import { awsInventorySource } from '../src/aws/source.js';
import { DEFAULT_PACING, type Pacing } from '../src/aws/pacer.js';
import { SEARCH_MISSING_FIELDS } from '../src/aws/search.js';
import { runAudit } from '../src/audit/run.js';
import { RULES } from '../src/audit/rules/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../src/domain/thresholds.js';
import type { Certificate } from '../src/domain/certificate.js';

export interface Row {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  ratio?: number;
}

const LATENCY_MS = 40;
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' };

/** Our starting rates and the endpoint's quotas, multiplied alike (so a run takes seconds, not minutes). */
export function scaledPacing(scale: number): Pacing {
  const p: Pacing = { ...DEFAULT_PACING, quotaScale: scale };
  for (const k of ['listCertificates', 'searchCertificates', 'describeCertificate', 'listTagsForCertificate', 'getResources'] as const) p[k] *= scale;
  return p;
}

function source(url: string, regions: string[], pacing: Pacing) {
  return awsInventorySource({ regions: { kind: 'list', regions }, endpoint: url, credentials: CREDENTIALS, homeRegion: 'us-east-1', pacing });
}

/**
 * The whole inventory, details and tags: DescribeCertificate at 10/s per region is the
 * bound (500 certificates a region: 50 s). Quotas and pacing ×2 so the row takes ~25 s.
 */
async function fullInventory(): Promise<Row[]> {
  const scale = 2;
  const regions = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
  const account = syntheticAccount({ count: 2000, regions, seed: 7, now: new Date() });
  const endpoint = await startEndpoint({ account, rateScale: scale, latencyMs: LATENCY_MS });
  try {
    const src = source(endpoint.url, regions, scaledPacing(scale));
    const t = performance.now();
    const inv = await src.load(() => {});
    const ms = performance.now() - t;
    src.close();
    const perRegion = Math.max(...regions.map((r) => account.certificates.filter((c) => c.region === r).length));
    const bound = (perRegion / (10 * scale)) * 1000;
    const complete = inv.certificates.filter((c) => c.detail.state === 'complete').length;
    const throttled = endpoint.calls.filter((c) => c.status === 400).length;
    return [
      {
        name: `full inventory: ${inv.certificates.length} certificates, 4 regions, details and tags (quotas x${scale}, ${LATENCY_MS} ms)`,
        value: ms,
        unit: 'ms',
        baseline: `quota bound ${bound.toFixed(0)} ms (DescribeCertificate 10/s/region); ${complete} complete, ${throttled} throttled of ${endpoint.calls.length} calls`,
        ratio: ms / bound,
      },
    ];
  } finally {
    await endpoint.close();
  }
}

/** Rules that read nothing only DescribeCertificate gives. */
const SEARCH_RULES = RULES.filter((r) => !r.needs.some((f) => (SEARCH_MISSING_FIELDS as readonly string[]).includes(f))).map((r) => r.id);

/**
 * Cold start on one region of 2,500 certificates at ACM's real quotas: how long until every
 * certificate shows its status, expiry, key, renewal status and validation method, and until
 * every finding that needs no DescribeCertificate is final. The load is stopped there (the
 * details would take another 250 s).
 */
async function coldStart(account: AccountData): Promise<{ listed: number; findings: number; findingCount: number; listOnly: number }> {
  const endpoint = await startEndpoint({ account, latencyMs: LATENCY_MS });
  try {
    const src = source(endpoint.url, ['us-east-1'], DEFAULT_PACING);
    const total = account.certificates.length;
    const records = new Map<string, Certificate>();
    const controller = new AbortController();
    let listed = NaN;
    let findings = NaN;
    let findingCount = 0;
    const t = performance.now();
    await src
      .load((e) => {
        if (e.kind !== 'summaries' && e.kind !== 'details') return;
        for (const c of e.certificates) records.set(c.arn, c);
        if (records.size < total) return;
        const all = [...records.values()];
        if (Number.isNaN(listed) && all.every((c) => c.detail.state !== 'summary')) listed = performance.now() - t;
        if (Number.isNaN(findings) && all.every((c) => c.detail.state !== 'summary' && !(c.detail.state === 'searched' && c.detail.missingFields.includes('tags')))) {
          findingCount = runAudit(all, DEFAULT_AUDIT_CONFIG, new Date(), { rules: SEARCH_RULES }).findings.length;
          findings = performance.now() - t;
          controller.abort();
        }
      }, controller.signal)
      .catch((e: Error) => {
        if (e.name !== 'AbortError') throw e;
      });
    src.close();

    // Reference, same run and endpoint: ListCertificates alone, every page, from a cold client.
    const ref = source(endpoint.url, ['us-east-1'], DEFAULT_PACING);
    const listController = new AbortController();
    const t2 = performance.now();
    let listOnly = NaN;
    let seen = 0;
    await ref
      .load((e) => {
        if (e.kind === 'summaries') seen += e.certificates.length;
        if (seen >= total && Number.isNaN(listOnly)) {
          listOnly = performance.now() - t2;
          listController.abort();
        }
      }, listController.signal)
      .catch((e: Error) => {
        if (e.name !== 'AbortError') throw e;
      });
    ref.close();
    return { listed, findings, findingCount, listOnly };
  } finally {
    await endpoint.close();
  }
}

export async function benchScale(): Promise<Row[]> {
  const rows = await fullInventory();
  const count = 2500;
  const account = syntheticAccount({ count, regions: ['us-east-1'], seed: 17, now: new Date() });
  const cold = await coldStart(account);
  // What the quotas allow at best: five Search pages at 5/s (the first at once) plus one round trip.
  const searchBound = ((Math.ceil(count / 500) - 1) / 5) * 1000 + LATENCY_MS;
  rows.push({
    name: `cold: ${count} certificates in one region listed with status, expiry, key, renewal, validation`,
    value: cold.listed,
    unit: 'ms',
    baseline: `ListCertificates alone ${cold.listOnly.toFixed(0)} ms; Search quota bound ${searchBound.toFixed(0)} ms; target 3000 ms`,
    ratio: cold.listed / cold.listOnly,
  });
  rows.push({
    name: `cold: findings of the ${SEARCH_RULES.length} rules that need no DescribeCertificate (${cold.findingCount} findings)`,
    value: cold.findings,
    unit: 'ms',
    baseline: `ListCertificates alone ${cold.listOnly.toFixed(0)} ms; target 3000 ms`,
    ratio: cold.findings / cold.listOnly,
  });
  return rows;
}
