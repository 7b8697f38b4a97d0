import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InventoryCache, sourceKey } from '../../src/cache/inventory-cache.js';
import { isPartial, type Inventory, type StageRead } from '../../src/domain/inventory.js';
import type { AcmEvent } from '../../src/domain/provenance.js';
import { startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { cloudtrail } from '../../src/stages/cloudtrail/index.js';
import type { StoredTrailEvent } from '../../src/stages/cloudtrail/fake.js';
import { LATE_DELIVERY_OVERLAP_MS, mergeTrailEvents } from '../../src/stages/cloudtrail/incremental.js';
import { loadWithStages } from '../support/stage-load.js';
import { tempDir } from '../support/temp-dir.js';
import { recordingLookupStarts } from '../support/lookup-start-times.js';

/**
 * CloudTrail read incrementally: the second run asks LookupEvents only for what is new since the
 * first (less an overlap for late deliveries), over the wire, and ends with what a cold read gets.
 */

const ACCOUNT = '111122223333';
const REGION = 'us-east-1';
const DAY = 86_400_000;
const HOSTILE = 'x|`y`<b>\n\u001b[31m';

function event(id: string, ageMs: number, name = 'RequestCertificate'): StoredTrailEvent {
  return {
    id,
    region: REGION,
    name,
    time: new Date(Date.now() - ageMs),
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci-deploy/${id === 'hostile' ? HOSTILE : 'run'}`,
    requestParameters: { domainName: `${id}.example.com` },
    responseElements: { certificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${id}` },
  };
}

// 300 events over 89 days: six pages of 50 for a cold read.
const events: StoredTrailEvent[] = Array.from({ length: 300 }, (_, i) => event(`e${i}`, ((i * 89) / 300) * DAY + 60_000));
events.push(event('hostile', 2 * DAY));
const EVENTS = events.length;

const { service: recording, startTimes } = recordingLookupStarts();

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint({
    account: { accountId: ACCOUNT, enabledRegions: [REGION], certificates: [], services: { cloudtrail: { events } } },
    services: [recording],
    rateScale: 100,
  });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  endpoint.resetCalls();
  startTimes.length = 0;
  // What a test added to CloudTrail's record is gone before the next.
  events.length = EVENTS;
});

const load = (cache?: InventoryCache) => loadWithStages(endpoint, [REGION], [cloudtrail], cache?.priorReads());

const trailRead = (inv: Inventory): StageRead => inv.stages!.find((s) => s.stage === 'cloudtrail')!;
const lookups = () => endpoint.calls.filter((c) => c.operation === 'LookupEvents');
/** The cache as the full-screen app opens it: earlier reads handed back, none young enough to reuse whole. */
const appCache = (dir: string) => new InventoryCache({ dir, sourceKey: sourceKey({ profile: null, endpoint: endpoint.url }), readBack: true, reuseWithinMs: null });

describe('CloudTrail, read incrementally', () => {
  it('asks only for the events since the last read, and ends where a cold read does', async () => {
    const cache = appCache(tempDir('acm-advisor-trail-'));
    const first = await load(cache);
    expect(isPartial(first)).toBe(false);
    const coldCalls = lookups().length;
    expect(coldCalls).toBeGreaterThanOrEqual(7);
    // Cold: from the start of the 90-day window.
    expect(Math.min(...startTimes)).toBeLessThan(Date.now() - 89 * DAY);
    const firstReadAt = Date.parse(trailRead(first).readAt);

    // Between the runs: a new request, and one made before the first read that CloudTrail delivered late.
    events.push(event('new', 1_000), event('late', Date.now() - firstReadAt + 10 * 60_000, 'DeleteCertificate'));
    endpoint.resetCalls();
    startTimes.length = 0;
    const second = await load(cache);
    expect(isPartial(second)).toBe(false);
    expect(lookups().length).toBeLessThan(coldCalls);
    expect(lookups().length).toBe(1);
    expect(startTimes).toEqual([firstReadAt - LATE_DELIVERY_OVERLAP_MS]);

    endpoint.resetCalls();
    const cold = await load();
    expect(lookups().length).toBeGreaterThan(coldCalls - 1);
    const incremental = trailRead(second).data as AcmEvent[];
    expect(incremental).toEqual(trailRead(cold).data);
    expect(incremental.map((e) => e.id)).toEqual(expect.arrayContaining(['new', 'late', 'hostile', 'e0', 'e299']));
    expect(incremental).toHaveLength(events.length);
    // The hostile principal travels as data, whole.
    expect(incremental.find((e) => e.id === 'hostile')!.by).toContain(HOSTILE);
  });

  it('a cached read that fails the schema is not built on: the next read is cold', async () => {
    const dir = tempDir('acm-advisor-trail-');
    await load(appCache(dir));
    const coldCalls = lookups().length;
    const path = join(dir, 'accounts', ACCOUNT, 'stages', 'cloudtrail', `${REGION}.json`);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { read: { data: Array<Record<string, unknown>> } };
    // Edited by hand (or written by another version): one event's name is not one the stage knows.
    file.read.data[0].event = 'RunInstances';
    writeFileSync(path, JSON.stringify(file));

    endpoint.resetCalls();
    startTimes.length = 0;
    const inv = await load(appCache(dir));
    expect(lookups().length).toBe(coldCalls);
    expect(Math.min(...startTimes)).toBeLessThan(Date.now() - 89 * DAY);
    expect((trailRead(inv).data as AcmEvent[]).every((e) => e.event === 'RequestCertificate')).toBe(true);
  });

  it('a cached read stamped in the future is not built on', async () => {
    const dir = tempDir('acm-advisor-trail-');
    await load(appCache(dir));
    const coldCalls = lookups().length;
    const path = join(dir, 'accounts', ACCOUNT, 'stages', 'cloudtrail', `${REGION}.json`);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { read: { readAt: string } };
    // A stamp a year ahead would have every later run ask for nothing at all.
    file.read.readAt = new Date(Date.now() + 365 * DAY).toISOString();
    writeFileSync(path, JSON.stringify(file));

    endpoint.resetCalls();
    startTimes.length = 0;
    await load(appCache(dir));
    expect(lookups().length).toBe(coldCalls);
    expect(Math.min(...startTimes)).toBeLessThan(Date.now() - 89 * DAY);
  });

  it('the merge keeps each event once, newest first, and drops what has left the 90 days', () => {
    const at = (id: string, days: number): AcmEvent => ({
      id,
      event: 'RequestCertificate',
      by: null,
      at: new Date(Date.UTC(2026, 0, 1) - days * DAY).toISOString(),
      region: REGION,
      accountId: ACCOUNT,
      certificateArn: null,
      names: [],
      domains: [],
      tags: {},
      failed: false,
    });
    const since = new Date(Date.UTC(2026, 0, 1) - 90 * DAY);
    const merged = mergeTrailEvents([at('old', 91), at('a', 30), at('b', 2)], [at('b', 2), at('c', 0)], since);
    expect(merged.map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });
});
