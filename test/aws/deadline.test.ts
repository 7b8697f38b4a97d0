import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type FaultOptions, type RunningEndpoint } from '../../src/endpoint/index.js';
import { awsInventorySource } from '../../src/aws/source.js';
import { DeadlineExceeded } from '../../src/domain/deadline.js';
import { isPartial, type InventoryEvent } from '../../src/domain/inventory.js';

// The engine tells a deadline from a cancel by the abort signal's reason. Each case stops the run
// once the endpoint has seen the calls that stall (never after a wall-clock wait), so what is cut
// short is exactly known.
const account = loadDemoAccount(new Date());
const east = account.certificates.filter((c) => c.region === 'us-east-1');
const FAST = { listCertificates: 400, describeCertificate: 400, listTagsForCertificate: 400, concurrency: 64 };

function source(endpoint: RunningEndpoint) {
  return awsInventorySource({
    regions: { kind: 'list', regions: ['us-east-1'] },
    endpoint: endpoint.url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    homeRegion: 'us-east-1',
    pacing: FAST,
    timeoutMs: 60_000,
    // ACM's own reads and their deadline; a read stage's deadline is tested with the stages (test/stages/).
    stages: [],
  });
}

/** Resolves once the endpoint has recorded `count` calls of `operation`. */
async function seen(endpoint: RunningEndpoint, operation: string, count = 1): Promise<void> {
  while (endpoint.calls.filter((c) => c.operation === operation).length < count) await new Promise((r) => setTimeout(r, 10));
}

describe('the engine at its deadline, and at a cancel', () => {
  let endpoint: RunningEndpoint | null = null;
  let src: ReturnType<typeof source> | null = null;
  afterEach(async () => {
    src?.close();
    await endpoint?.close();
    endpoint = src = null;
  });
  const start = async (faults: FaultOptions) => {
    endpoint = await startEndpoint({ account, rateScale: 50, ...faults });
    src = source(endpoint);
    return { endpoint, src };
  };

  it('every DescribeCertificate stalled, then the deadline: resolves with every certificate listed, each marked DeadlineExceeded', async () => {
    const { endpoint, src } = await start({ stalledOperations: ['acm:DescribeCertificate'] });
    const stop = new AbortController();
    const events: InventoryEvent[] = [];
    const load = src.load((e) => events.push(e), stop.signal);
    await seen(endpoint, 'DescribeCertificate', east.length);
    stop.abort(new DeadlineExceeded('1m'));
    const inv = await load;
    expect(isPartial(inv)).toBe(true);
    expect(inv.stopped).toEqual({ code: 'DeadlineExceeded', message: 'the deadline of 1m passed before the read finished: 1 of 1 region not read in full; the output holds what was read by then' });
    expect(inv.certificates).toHaveLength(east.length);
    expect(inv.regions[0]).toMatchObject({ status: 'partial', detailsFailed: [{ part: 'details', reason: 'unfinished', code: 'DeadlineExceeded', count: east.length }] });
    // The search and the tags answered: only what DescribeCertificate alone gives is unknown.
    for (const c of inv.certificates) {
      expect(c.detail).toMatchObject({ state: 'failed', failure: { code: 'DeadlineExceeded' } });
      expect(c.tags).not.toBeNull();
      expect(c.status).not.toBeNull();
    }
    expect(events.at(-1)?.kind).toBe('done');
  });

  it('the same stall, cancelled: rejects with an AbortError and never says done', async () => {
    const { endpoint, src } = await start({ stalledOperations: ['acm:DescribeCertificate'] });
    const stop = new AbortController();
    const events: InventoryEvent[] = [];
    const load = src.load((e) => events.push(e), stop.signal);
    await seen(endpoint, 'DescribeCertificate', east.length);
    stop.abort();
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
    expect(events.some((e) => e.kind === 'done')).toBe(false);
  });

  it('the Tagging API stalled, then the deadline: tags unknown with DeadlineExceeded, no fallback started', async () => {
    const { endpoint, src } = await start({ stalledOperations: ['tagging:GetResources'] });
    const stop = new AbortController();
    const load = src.load(() => {}, stop.signal);
    await seen(endpoint, 'GetResources');
    stop.abort(new DeadlineExceeded('1m'));
    const inv = await load;
    // Describing starts once the bulk tags are in, so the details are cut short too.
    expect(inv.regions[0].detailsFailed).toEqual([
      { part: 'details', reason: 'unfinished', code: 'DeadlineExceeded', count: east.length },
      { part: 'tags', reason: 'unfinished', code: 'DeadlineExceeded', count: east.length },
    ]);
    for (const c of inv.certificates) {
      expect(c.tags).toBeNull();
      expect(c.tagsState).toMatchObject({ state: 'failed', reason: 'Tag reads (GetResources, ListTagsForCertificate) not finished before the deadline' });
    }
    // The deadline is no Tagging API failure: no fallback to ListTagsForCertificate, no warning.
    expect(endpoint.calls.filter((c) => c.operation === 'ListTagsForCertificate')).toHaveLength(0);
    expect(inv.warnings).toEqual([]);
  });

  it('ListCertificates stalled, then the deadline: the region is in error with DeadlineExceeded, nothing invented', async () => {
    const { endpoint, src } = await start({ stalledOperations: ['acm:ListCertificates'] });
    const stop = new AbortController();
    const load = src.load(() => {}, stop.signal);
    await seen(endpoint, 'ListCertificates');
    stop.abort(new DeadlineExceeded('90s'));
    const inv = await load;
    expect(inv.regions[0]).toMatchObject({ status: 'error', error: { code: 'DeadlineExceeded', message: 'the deadline of 90s passed before us-east-1 listed any certificate' } });
    expect(inv.certificates).toEqual([]);
    expect(isPartial(inv)).toBe(true);
  });
});
