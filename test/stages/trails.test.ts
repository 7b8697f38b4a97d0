import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { incompleteLines } from '../../src/audit/coverage.js';
import { runAudit } from '../../src/audit/run.js';
import { isPartial, type Inventory } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import type { StoredTrail } from '../../src/stages/cloudtrail/fake.js';
import { evidenceOf } from '../../src/stages/evidence.js';
import { readsOf } from '../../src/stages/index.js';
import { trails } from '../../src/stages/trails/index.js';
import { loadWithStages } from '../support/stage-load.js';

/**
 * The trails stage against the wire endpoint's CloudTrail: which Regions have a logging trail that keeps
 * ACM's management events, read with DescribeTrails, GetTrailStatus and GetEventSelectors, and the
 * `no-management-trail` finding where none does.
 */

const HOSTILE = 'x|`y`<b>\n\u001b[31m';
const REGIONS = ['us-east-1', 'us-east-2', 'eu-west-1'];
const full = loadDemoAccount(new Date());
// Two certificates in each Region.
const account = { ...full, enabledRegions: REGIONS, certificates: REGIONS.flatMap((r) => full.certificates.filter((c) => c.region === r).slice(0, 2)) };

const trail = (t: Partial<StoredTrail> & Pick<StoredTrail, 'name' | 'homeRegion'>): StoredTrail => ({ multiRegion: false, logging: true, s3BucketName: 'audit-logs', ...t });
/** us-east-1 is covered; us-east-2 and eu-west-1 have trails that keep nothing of ACM's changes. */
const START: StoredTrail[] = [
  trail({ name: 'regional-audit', homeRegion: 'us-east-1' }),
  trail({ name: `stopped-${HOSTILE}`, homeRegion: 'eu-west-1', multiRegion: true, logging: false }),
  trail({ name: 'data-only', homeRegion: 'us-east-2', managementEvents: false }),
  trail({ name: 'reads-only', homeRegion: 'us-east-2', readWriteType: 'ReadOnly', advancedSelectors: true }),
];
const stored: StoredTrail[] = [];

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint({ account: { ...account, services: { cloudtrail: { events: [], trails: stored } } }, rateScale: 100 });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  endpoint.resetCalls();
  endpoint.setFaults({ deniedOperations: [] });
  stored.splice(0, stored.length, ...START);
});

const load = () => loadWithStages(endpoint, REGIONS, [trails]);

const findings = (inv: Inventory) => runAudit(inv.certificates, DEFAULT_AUDIT_CONFIG, new Date(), { evidence: evidenceOf(inv.stages) }).findings.filter((f) => f.ruleId === 'no-management-trail');

describe('CloudTrail trails as a read stage', () => {
  it("names the Regions where no logging trail keeps ACM's changes, and why each trail there does not", async () => {
    const inv = await load();
    expect(isPartial(inv)).toBe(false);
    const byRegion = new Map(readsOf(trails, inv.stages).map((r) => [r.region, r.data]));
    expect(byRegion.get('us-east-2')?.map((t) => [t.name, t.management]).sort()).toEqual([
      ['data-only', 'none'],
      ['reads-only', 'reads'],
      [`stopped-${HOSTILE}`, 'all'],
    ]);
    const [finding, ...more] = findings(inv);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ severity: 'medium', certificateArn: null, region: null, title: "No CloudTrail trail keeps ACM's changes in 2 Regions" });
    expect(finding.detail).toContain('eu-west-1, us-east-2');
    expect(finding.detail).toContain('trail data-only excludes ACM\'s management events in us-east-2');
    expect(finding.detail).toContain('trail reads-only records read events only in us-east-2');
    // The trail's name travels as data, whole: the renderers neutralise it.
    expect(finding.detail).toContain(`trail stopped-${HOSTILE} is not logging in eu-west-1`);
    // Each certificate's detail view says what keeps its changes.
    const east1 = inv.certificates.find((c) => c.region === 'us-east-1')!;
    expect(trails.about(east1, readsOf(trails, inv.stages))).toEqual([{ label: 'Changes kept by', value: 'trail regional-audit' }]);
    const west = inv.certificates.find((c) => c.region === 'eu-west-1')!;
    expect(trails.about(west, readsOf(trails, inv.stages))[0].value).toMatch(/^no trail \(trail stopped-.* is not logging\): only the 90-day event history$/s);
    // Reads only, all answered; selectors asked only of the trails that have custom ones.
    expect(endpoint.calls.filter((c) => c.write || c.status !== 200)).toEqual([]);
    const selectorCalls = endpoint.calls.filter((c) => c.operation === 'GetEventSelectors');
    expect(selectorCalls.map((c) => c.region).sort()).toEqual(['us-east-2', 'us-east-2']);
  });

  it('a multi-Region trail keeping management writes (advanced selectors) covers every Region: no finding', async () => {
    stored.push(trail({ name: 'org-writes', homeRegion: 'us-east-1', multiRegion: true, organization: true, advancedSelectors: true, readWriteType: 'WriteOnly' }));
    const inv = await load();
    expect(isPartial(inv)).toBe(false);
    expect(findings(inv)).toEqual([]);
    for (const r of readsOf(trails, inv.stages)) expect(r.data.find((t) => t.name === 'org-writes')).toMatchObject({ multiRegion: true, logging: true, management: 'writes' });
  });

  it('denied: a named partial result, and the rule stays silent instead of passing', async () => {
    endpoint.setFaults({ deniedOperations: ['cloudtrail:DescribeTrails'] });
    const inv = await load();
    expect(isPartial(inv)).toBe(true);
    const lines = incompleteLines(inv).join('\n');
    expect(lines).toContain('CloudTrail trails (cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus, cloudtrail:GetEventSelectors) denied');
    expect(lines).toContain('no-management-trail could not be checked');
    expect(findings(inv)).toEqual([]);
    expect(evidenceOf(inv.stages).trails).toBeUndefined();
  });
});
