import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, syntheticAccount, type RunningEndpoint } from '../../src/endpoint/index.js';
import { DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { AwsClients } from '../../src/aws/clients.js';
import { awsInventorySource, type AwsSourceOptions } from '../../src/aws/source.js';
import { runAudit } from '../../src/audit/run.js';
import { RULES } from '../../src/audit/rules/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { awaitsDetail, type Certificate } from '../../src/domain/certificate.js';
import type { InventoryEvent } from '../../src/domain/inventory.js';
import { SEARCH_MISSING_FIELDS } from '../../src/aws/search.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const account = loadDemoAccount(new Date());
const regions = [...new Set(account.certificates.map((c) => c.region))].sort();
const FAST = { listCertificates: 400, searchCertificates: 250, describeCertificate: 400, listTagsForCertificate: 400, getResources: 400, concurrency: 16 };

function source(endpoint: RunningEndpoint, extra: Partial<AwsSourceOptions> = {}) {
  return awsInventorySource({
    regions: { kind: 'list', regions },
    endpoint: endpoint.url,
    credentials: CREDENTIALS,
    homeRegion: 'us-east-1',
    pacing: FAST,
    // ACM's own read alone: what other services' reads add to a record is tested where they are.
    stages: [],
    ...extra,
  });
}

/** Replays events into a map by ARN, as a UI would, calling `at` after each event. */
function replay(events: InventoryEvent[], at: (state: Map<string, Certificate>, e: InventoryEvent, i: number) => void): void {
  const state = new Map<string, Certificate>();
  events.forEach((e, i) => {
    if (e.kind === 'summaries' || e.kind === 'details') for (const c of e.certificates) state.set(c.arn, c);
    at(state, e, i);
  });
}

const describeOnlyRules = RULES.filter((r) => r.needs.some((f) => (SEARCH_MISSING_FIELDS as readonly string[]).includes(f)));
const searchRules = RULES.filter((r) => !describeOnlyRules.includes(r)).map((r) => r.id);

describe('SearchCertificates fast path, over HTTP', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account, rateScale: 50 });
  });
  afterAll(() => endpoint.close());

  it('the list and every finding that needs no DescribeCertificate arrive before any detail completes', async () => {
    const events: InventoryEvent[] = [];
    const inv = await source(endpoint).load((e) => events.push(e));
    expect(inv.warnings).toEqual([]);
    const now = new Date();
    let seen = 0;

    // Regions are read side by side; within each, its first described record comes after all of this.
    for (const region of regions) {
      const firstDetail = events.findIndex((e) => e.kind === 'details' && e.region === region && e.certificates.some((c) => !awaitsDetail(c)));
      expect(firstDetail).toBeGreaterThan(0);
      let before: Certificate[] = [];
      replay(events, (state, _e, i) => {
        if (i === firstDetail - 1) before = [...state.values()].filter((c) => c.region === region);
      });
      const all = inv.certificates.filter((c) => c.region === region);

      // Every certificate of the region is listed, searched and tagged by then.
      expect(before.map((c) => c.arn).sort()).toEqual(all.map((c) => c.arn).sort());
      expect(before.every((c) => c.detail.state === 'searched' && !c.detail.missingFields.includes('tags'))).toBe(true);

      // The findings of the rules that read nothing only DescribeCertificate gives are final already.
      const early = runAudit(before, DEFAULT_AUDIT_CONFIG, now, { rules: searchRules }).findings;
      const final = runAudit(all, DEFAULT_AUDIT_CONFIG, now, { rules: searchRules }).findings;
      expect(early.every((f) => f.provisional === undefined)).toBe(true);
      expect(early).toEqual(final);
      seen += early.length;
    }
    expect(searchRules.length).toBeGreaterThan(5);
    expect(seen).toBeGreaterThan(0);
  });

  it('maps every field Search returns to the value DescribeCertificate later confirms, and leaves the rest for it', async () => {
    const events: InventoryEvent[] = [];
    const inv = await source(endpoint).load((e) => events.push(e));
    const searched = new Map<string, Certificate>();
    for (const e of events) if (e.kind === 'details') for (const c of e.certificates) if (c.detail.state === 'searched') searched.set(c.arn, c);
    expect(searched.size).toBe(inv.certificates.length);
    for (const done of inv.certificates) {
      expect(done.detail.state).toBe('complete');
      const early = searched.get(done.arn)!;
      const missing = new Set<string>(early.detail.state === 'searched' ? early.detail.missingFields : []);
      for (const key of Object.keys(done) as (keyof Certificate)[]) {
        if (key === 'detail') continue;
        if (missing.has(key)) {
          // Not guessed: still empty, whatever the detail later says.
          expect(early[key], `${done.arn} ${key}`).toEqual(Array.isArray(early[key]) ? [] : null);
        } else {
          expect(early[key], `${done.arn} ${key}`).toEqual(done[key]);
        }
      }
    }
  });

  it('reads every page: 500 a call, or fewer when the endpoint caps pages', async () => {
    endpoint.setFaults({ pageSizeCap: 3 });
    endpoint.resetCalls();
    const events: InventoryEvent[] = [];
    const inv = await source(endpoint).load((e) => events.push(e));
    endpoint.setFaults({ pageSizeCap: undefined });
    const searchCalls = endpoint.calls.filter((c) => c.operation === 'SearchCertificates' && c.status === 200);
    expect(searchCalls.length).toBeGreaterThanOrEqual(Math.ceil(inv.certificates.length / 3));
    const searchedArns = new Set(events.flatMap((e) => (e.kind === 'details' ? e.certificates.filter((c) => c.detail.state === 'searched').map((c) => c.arn) : [])));
    expect(searchedArns.size).toBe(inv.certificates.length);
  });

  for (const mode of ['unknown', 'denied'] as const) {
    it(`Search ${mode} → today's path, complete, with exactly one warning however many regions`, async () => {
      endpoint.setFaults(mode === 'unknown' ? { unknownOperations: ['acm:SearchCertificates'] } : { deniedOperations: ['acm:SearchCertificates'] });
      endpoint.resetCalls();
      const events: InventoryEvent[] = [];
      const inv = await source(endpoint).load((e) => events.push(e));
      endpoint.setFaults({ unknownOperations: [], deniedOperations: [] });
      expect(regions.length).toBeGreaterThan(1);
      expect(endpoint.calls.filter((c) => c.operation === 'SearchCertificates').length).toBeGreaterThanOrEqual(regions.length);
      const warnings = events.filter((e) => e.kind === 'warning');
      expect(warnings).toHaveLength(1);
      expect(inv.warnings).toHaveLength(1);
      expect(inv.warnings[0]).toMatch(mode === 'unknown' ? /SearchCertificates.*UnknownOperationException/ : /SearchCertificates.*AccessDenied/);
      expect(inv.certificates).toHaveLength(account.certificates.filter((c) => regions.includes(c.region)).length);
      expect(inv.certificates.every((c) => c.detail.state === 'complete')).toBe(true);
      expect(events.some((e) => (e.kind === 'details' || e.kind === 'summaries') && e.certificates.some((c) => c.detail.state === 'searched'))).toBe(false);
      expect(inv.regions.every((r) => r.status === 'ok')).toBe(true);
    });
  }
});

describe('describe what matters first', () => {
  it('the certificate opened mid-load is described next, before the rest of the queue', async () => {
    const big = syntheticAccount({ count: 60, regions: ['eu-west-1'], seed: 5, now: new Date() });
    const endpoint = await startEndpoint({ account: big, rateScale: 20 });
    try {
      const src = awsInventorySource({
        regions: { kind: 'list', regions: ['eu-west-1'] },
        endpoint: endpoint.url,
        credentials: CREDENTIALS,
        homeRegion: 'us-east-1',
        // One describe at a time, so the order calls start in is the order they finish in.
        pacing: { ...FAST, describeCertificate: 50, concurrency: 1 },
      });
      const described: string[] = [];
      let opened: string | null = null;
      await src.load((e) => {
        if (e.kind === 'details') {
          const searched = e.certificates.filter((c) => c.detail.state === 'searched');
          // Open the certificate the queue would otherwise read last: unused, no severe finding.
          if (searched.length > 0 && opened === null) {
            opened = searched.filter((c) => c.inUse === false).at(-1)!.arn;
            src.prioritise(['no-such-arn', opened], 'opened');
          }
          for (const c of e.certificates) if (c.detail.state === 'complete') described.push(c.arn);
        }
      });
      src.close();
      expect(opened).not.toBeNull();
      expect(described[0]).toBe(opened);
      expect(new Set(described).size).toBe(60);
    } finally {
      await endpoint.close();
    }
  });

  it('in-use certificates are described before unused ones, and severe ones before both', async () => {
    const big = syntheticAccount({ count: 80, regions: ['eu-west-1'], seed: 9, now: new Date() });
    const endpoint = await startEndpoint({ account: big, rateScale: 20 });
    try {
      const severe = new Set(big.certificates.filter((c) => c.keyAlgorithm === 'RSA_1024' || c.status === 'EXPIRED').map((c) => c.arn));
      const src = awsInventorySource({
        regions: { kind: 'list', regions: ['eu-west-1'] },
        endpoint: endpoint.url,
        credentials: CREDENTIALS,
        homeRegion: 'us-east-1',
        pacing: { ...FAST, describeCertificate: 100, concurrency: 1 },
        urgent: (certs) => new Set(certs.filter((c) => severe.has(c.arn)).map((c) => c.arn)),
      });
      const order: Certificate[] = [];
      await src.load((e) => {
        if (e.kind === 'details') for (const c of e.certificates) if (c.detail.state === 'complete') order.push(c);
      });
      src.close();
      const rank = (c: Certificate) => (severe.has(c.arn) ? 0 : c.inUse ? 1 : 2);
      const ranks = order.map(rank);
      expect(new Set(ranks).size).toBe(3);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    } finally {
      await endpoint.close();
    }
  });
});

describe('pacing with the quotas on', () => {
  it('every throttled attempt, retried or not, reaches the pacing as a signal', async () => {
    // The back-off itself is the rate controller's (fake-clock tests above it in pacing.test.ts);
    // this proves the wiring from inside the SDK's retry loop, without timing.
    const endpoint = await startEndpoint({ account: loadDemoAccount(), throttleFraction: 1 });
    const clients = new AwsClients({ credentials: CREDENTIALS, endpoint: endpoint.url, maxAttempts: 3 });
    const signals: string[] = [];
    const stop = clients.onThrottle((region, operation) => signals.push(`${region} ${operation}`));
    try {
      const arn = loadDemoAccount().certificates.find((c) => c.region === 'us-east-1')!.arn;
      await expect(clients.acm('us-east-1').send(new DescribeCertificateCommand({ CertificateArn: arn }))).rejects.toThrow();
      expect(signals).toEqual(Array(3).fill('us-east-1 DescribeCertificate'));
    } finally {
      stop();
      clients.destroy();
      await endpoint.close();
    }
  });

  it('asking at twice the quota loses no certificate', async () => {
    const big = syntheticAccount({ count: 200, regions: ['us-east-1', 'eu-west-1'], seed: 13, now: new Date() });
    // Quotas ×2 (Describe 20/s), but we start at twice that: as when another caller in the
    // account already uses half of the quota. How many attempts are throttled depends on the
    // machine (3% quiet, up to 30% with both cores busy): the bench reports it, a test cannot.
    const endpoint = await startEndpoint({ account: big, rateScale: 2 });
    try {
      const src = awsInventorySource({
        regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
        endpoint: endpoint.url,
        credentials: CREDENTIALS,
        homeRegion: 'us-east-1',
        pacing: { listCertificates: 32, searchCertificates: 20, describeCertificate: 40, listTagsForCertificate: 40, getResources: 40, concurrency: 16 },
      });
      const inv = await src.load(() => {});
      src.close();
      const describes = endpoint.calls.filter((c) => c.operation === 'DescribeCertificate');
      expect(describes.filter((c) => c.status === 400).length).toBeGreaterThan(0);
      expect(inv.certificates.map((c) => c.arn).sort()).toEqual(big.certificates.map((c) => c.arn).sort());
      expect(inv.certificates.filter((c) => c.detail.state !== 'complete')).toEqual([]);
      expect(inv.regions.every((r) => r.status === 'ok')).toBe(true);
    } finally {
      await endpoint.close();
    }
  });
});
