import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvidence, loadKnowledgeBase } from '../../src/advisor/index.js';
import { runAudit } from '../../src/audit/run.js';
import { demoServices } from '../../src/cli/demo-evidence.js';
import { isPartial } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { cloudtrail } from '../../src/stages/cloudtrail/index.js';
import { evidenceOf } from '../../src/stages/evidence.js';
import { trails } from '../../src/stages/trails/index.js';
import { loadWithStages } from '../support/stage-load.js';

/**
 * What the demo's Advisor shows from CloudTrail, read the real way: its weekly preview rebuilds propose
 * the rebuild frequency, and its multi-Region trail keeps ACM's changes in every Region read.
 */

const now = new Date();
const full = loadDemoAccount(now);
const REGIONS = ['us-east-1', 'eu-west-1'];
const account = { ...full, enabledRegions: REGIONS, certificates: full.certificates.filter((c) => REGIONS.includes(c.region)) };

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint({ account: { ...account, services: demoServices(account, now) }, rateScale: 100 });
});
afterAll(() => endpoint.close());

describe('the demo account in the Advisor', () => {
  it('proposes weekly rebuilds from CloudTrail and shows the trail that keeps the record', async () => {
    const inv = await loadWithStages(endpoint, REGIONS, [cloudtrail, trails]);
    expect(isPartial(inv)).toBe(false);
    const read = evidenceOf(inv.stages);
    const evidence = collectEvidence(loadKnowledgeBase(), inv, [], DEFAULT_AUDIT_CONFIG, now, read)['rebuild-frequency'];
    expect(evidence.proposed).toEqual({ value: 'weekly', because: 'the same names were requested 13 times in 90 days (about every 7 days)' });
    expect(evidence.lines).toContain("A logging trail keeps ACM's changes past 90 days in every Region read: trail org-management-events (multi-Region)");
    const findings = runAudit(inv.certificates, DEFAULT_AUDIT_CONFIG, now, { evidence: read }).findings.map((f) => f.ruleId);
    expect(findings).not.toContain('no-management-trail');
  });
});
