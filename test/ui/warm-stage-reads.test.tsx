/**
 * A warm start shows what the read stages found last time, not only the certificates: the app, the real
 * cache in a mkdtemp folder and the real AWS source against the project's endpoint. The endpoint holds
 * every answer while the test looks, so what is on screen can only have come from the cache.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsInventorySource } from '../../src/aws/source.js';
import { withInventoryCache } from '../../src/cache/cached-source.js';
import { InventoryCache, sourceKey } from '../../src/cache/inventory-cache.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { apiGatewayStage } from '../../src/stages/apigateway/index.js';
import { elbStage } from '../../src/stages/elb/index.js';
import { KEY, renderApp, type Harness } from './harness.js';

const REGION = 'us-east-2';
const full = loadDemoAccount(new Date());
// The region of the load balancer listener that presents analytics.northwind-outfitters.com.
const account = { ...full, enabledRegions: [REGION], certificates: full.certificates.filter((c) => c.region === REGION) };
const SERVED = 'analytics.northwind-outfitters.com';
// What a certificate serves is known once the load balancers and the API domains of its region are read.
const STAGES = [elbStage, apiGatewayStage];

let endpoint: RunningEndpoint;
let dir = '';
let h: Harness | null = null;
beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 100 });
  dir = mkdtempSync(join(tmpdir(), 'acm-advisor-warm-stages-'));
});
afterAll(async () => {
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  h?.unmount();
  h = null;
});

function source() {
  const live = awsInventorySource({
    regions: { kind: 'list', regions: [REGION] },
    endpoint: endpoint.url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    homeRegion: 'us-east-1',
    stages: STAGES,
  });
  const label = { ...live.label, endpoint: 'test' };
  const cache = new InventoryCache({ dir, sourceKey: sourceKey(label), readBack: true });
  return { live, source: withInventoryCache({ label, cache, regions: [REGION], warmStart: true, stages: async () => STAGES, live: async () => live }) };
}

describe('a warm start with saved stage reads', () => {
  it("shows a cached stage's facts (the detail's Serves section) before the live read answers anything", async () => {
    // A cold read fills the cache: the region's records and the load balancer stage's section.
    const cold = source();
    const inventory = await cold.source.load(() => {});
    cold.live.close();
    const served = inventory.certificates.find((c) => c.domainName === SERVED)!;
    expect(served.endpoints?.length).toBeGreaterThan(0);
    const listener = served.endpoints![0].label;

    endpoint.resetCalls();
    const release = endpoint.pause();
    const { live, source: warm } = source();
    try {
      h = await renderApp({ source: warm, rows: 80, now: () => new Date() });
      await h.press('2');
      await h.waitForFrame(`${account.certificates.length} certificates`);
      await h.press('/', ...'analytics');
      await h.waitForFrame(`1 of ${account.certificates.length}`);
      await h.press(KEY.enter, KEY.enter);
      // The Serves section as the saved listener read says, before any AWS call is answered.
      const frame = await h.waitForFrame((f) => /Serves \(.*1 endpoint\)/.test(f) && f.includes(listener));
      expect(frame).not.toContain('Not read: the load balancer');
      expect(endpoint.calls.every((c) => c.status === 0)).toBe(true);

      release();
      await h.waitForFrame('loaded', 20_000);
      expect(h.frame()).toContain(listener);
    } finally {
      release();
      live.close();
    }
  });
});
