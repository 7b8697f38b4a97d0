import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsInventorySource, type AwsSourceOptions } from '../../src/aws/source.js';
import { applyInventoryEvents, EMPTY_FOLD, inventoryOfFold } from '../../src/domain/inventory-fold.js';
import type { Certificate } from '../../src/domain/certificate.js';
import type { Inventory, InventoryEvent } from '../../src/domain/inventory.js';
import { loadDemoAccount, startEndpoint, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { initialState, reducer } from '../../src/ui/state/app-state.js';
import { inventoryOf } from '../../src/ui/state/selectors.js';

/**
 * One fold: the engine's result, the estate reader's result and the app's inventory are the same
 * fold over the same events, so they cannot drift apart.
 */

const FAST = { listCertificates: 400, describeCertificate: 400, listTagsForCertificate: 400, concurrency: 16 };

function source(endpoint: RunningEndpoint, extra: Partial<AwsSourceOptions>) {
  return awsInventorySource({
    regions: { kind: 'list', regions: ['us-east-1', 'eu-west-1'] },
    endpoint: endpoint.url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
    homeRegion: 'us-east-1',
    pacing: FAST,
    ...extra,
  });
}

/** The events in the batches the app receives them in (a few at a time), through its reducer. */
function throughTheApp(events: readonly InventoryEvent[]): Inventory {
  let state = initialState();
  for (let i = 0; i < events.length; i += 3) state = reducer(state, { type: 'inventory', generation: state.load.generation, events: events.slice(i, i + 3) });
  expect(state.load.status).toBe('done');
  return inventoryOf(state, new Date(0));
}

/** The same events without the final `done` (which carries the result): what the progress alone folds to. */
function progressOnly(events: readonly InventoryEvent[], generatedAt: string): Inventory {
  return inventoryOfFold(applyInventoryEvents(EMPTY_FOLD, events.filter((e) => e.kind !== 'done')).acc, generatedAt);
}

async function run(endpoint: RunningEndpoint, extra: Partial<AwsSourceOptions> = {}): Promise<{ inv: Inventory; events: InventoryEvent[] }> {
  const events: InventoryEvent[] = [];
  const src = source(endpoint, extra);
  try {
    const inv = await src.load((e) => events.push(e));
    return { inv, events };
  } finally {
    src.close();
  }
}

describe('the inventory fold', () => {
  describe('one account, one region denying DescribeCertificate', () => {
    let endpoint: RunningEndpoint;
    beforeAll(async () => {
      endpoint = await startEndpoint({ account: loadDemoAccount(new Date()), rateScale: 50, deniedOperations: ['acm:DescribeCertificate@eu-west-1'] });
    });
    afterAll(() => endpoint.close());

    it("the engine's result and the app's inventory are deep-equal", async () => {
      const { inv, events } = await run(endpoint);
      expect(inv.certificates.length).toBeGreaterThan(0);
      expect(inv.regions.map((r) => r.status).sort()).toEqual(['ok', 'partial']);
      expect(throughTheApp(events)).toEqual(inv);
      // The progress events alone say everything the result says: `done` adds nothing but its date.
      expect(progressOnly(events, inv.generatedAt)).toEqual(inv);
    });
  });

  describe('an organisation, one member refusing its role', () => {
    let endpoint: RunningEndpoint;
    beforeAll(async () => {
      const org = syntheticOrganization({ accounts: 4, regions: ['us-east-1', 'eu-west-1'], certificatesPerRegion: 3, now: new Date() });
      org.organization.accounts[2].refusesRole = true;
      endpoint = await startEndpoint({ ...org, rateScale: 50 });
    });
    afterAll(() => endpoint.close());

    it("the estate reader's result and the app's inventory are deep-equal", async () => {
      const { inv, events } = await run(endpoint, { scope: { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' } });
      expect(inv.accounts?.map((a) => a.status).sort()).toEqual(['error', 'ok', 'ok', 'ok']);
      expect(throughTheApp(events)).toEqual(inv);
    });
  });

  it('a batch copies once and reports what changed: new and replaced records, the regions announced', () => {
    const cert = (arn: string, region: string) => ({ arn, region, detail: { state: 'summary' } }) as unknown as Certificate;
    const { acc, changed } = applyInventoryEvents(EMPTY_FOLD, [
      { kind: 'regions', regions: ['us-east-1'] },
      { kind: 'summaries', region: 'us-east-1', certificates: [cert('a', 'us-east-1'), cert('b', 'us-east-1')] },
    ]);
    expect(changed).toMatchObject({ regionsAnnounced: true, done: false, reindexed: null });
    expect([...changed.certificates]).toEqual(['a', 'b']);
    const next = applyInventoryEvents(acc, [{ kind: 'details', region: 'us-east-1', certificates: [cert('b', 'us-east-1')] }]);
    expect([...next.changed.certificates]).toEqual(['b']);
    expect(next.acc.arnIndex.get('b')).toBe(1);
    expect(acc.certificates).toHaveLength(2);
  });
});
