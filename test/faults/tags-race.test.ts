import { afterEach, describe, expect, it } from 'vitest';
import { awsInventorySource } from '../../src/aws/source.js';
import type { Certificate } from '../../src/domain/certificate.js';
import type { InventoryEvent } from '../../src/domain/inventory.js';
import type { RunningEndpoint } from '../../src/endpoint/index.js';
import { certsIn, faultyEndpoint } from './helpers.js';

/**
 * Both tag APIs fail; DescribeCertificate succeeds. Whichever answers first, the end state is
 * the same: details complete, tags unknown. Each order is forced by stalling one side until the
 * other has finished (a condition, not a delay).
 */
describe('a tag failure and a later describe never undo each other', () => {
  let endpoint: RunningEndpoint | null = null;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = null;
  });
  const n = certsIn('us-east-1').length;

  async function run(stalled: string, releaseWhen: (latest: Map<string, Certificate>) => boolean) {
    endpoint = await faultyEndpoint({
      deniedOperations: ['tagging:GetResources', 'acm:ListTagsForCertificate'],
      stalledOperations: [stalled],
      rateScale: 50,
    });
    const ep = endpoint;
    const latest = new Map<string, Certificate>();
    const source = awsInventorySource({
      regions: { kind: 'list', regions: ['us-east-1'] },
      endpoint: ep.url,
      credentials: { accessKeyId: 'AKIDRACE', secretAccessKey: 'race' },
      homeRegion: 'us-east-1',
      search: false,
    });
    let released = false;
    const inv = await source.load((e: InventoryEvent) => {
      if (e.kind === 'summaries' || e.kind === 'details') for (const c of e.certificates) latest.set(c.arn, c);
      if (!released && latest.size === n && releaseWhen(latest)) {
        released = true;
        ep.setFaults({ stalledOperations: [] });
      }
    });
    source.close();
    return inv;
  }

  const check = (certs: Certificate[]) => {
    expect(certs).toHaveLength(n);
    for (const c of certs) {
      expect(c.detail.state).toBe('complete');
      expect(c.tags).toBeNull();
      expect(c.tagsState).toMatchObject({ state: 'failed', failure: { reason: 'denied' } });
    }
  };

  it('tags fail first, details arrive after', async () => {
    const inv = await run('acm:DescribeCertificate', (l) => [...l.values()].every((c) => c.tagsState.state === 'failed'));
    check(inv.certificates);
    expect(inv.regions[0].detailsFailed).toEqual([{ part: 'tags', reason: 'denied', code: 'AccessDeniedException', count: n }]);
  });

  it('details arrive first, tags fail after', async () => {
    const inv = await run('acm:ListTagsForCertificate', (l) => [...l.values()].every((c) => c.detail.state === 'complete'));
    check(inv.certificates);
    expect(inv.regions[0].detailsFailed).toEqual([{ part: 'tags', reason: 'denied', code: 'AccessDeniedException', count: n }]);
  });
});
