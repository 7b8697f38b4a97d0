import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forecastRenewalLoad } from '../../src/advisor/forecast.js';
import { advise, collectEvidence, loadKnowledgeBase } from '../../src/advisor/index.js';
import { demoTrustRoots } from '../../src/cli/demo.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { evidenceOf } from '../../src/stages/evidence.js';
import { trust } from '../../src/stages/trust/index.js';
import { setTrustRoots } from '../../src/stages/trust/settings.js';
import { loadWithStages } from './load-with-stages.js';

/**
 * The imports' trust, read with GetCertificate from the wire endpoint (real signed chains), reaching the
 * Advisor: the forecast's split, the existing-ca and ev-ov-required proposals and the plan's replacements
 * follow the chains; with GetCertificate denied they fall back to issuer names and say so.
 */

const now = new Date();
const kb = loadKnowledgeBase();
const full = loadDemoAccount(now);
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
const account = { ...full, enabledRegions: REGIONS, certificates: full.certificates.filter((c) => REGIONS.includes(c.region)) };

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 100 });
});
afterAll(() => endpoint.close());
afterEach(() => {
  setTrustRoots([]);
  endpoint.setFaults({ deniedOperations: [] });
});

const load = () => loadWithStages(endpoint.url, REGIONS, [trust]);

const ADOPT = { 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' };
const replaced = (inv: Inventory) =>
  advise(kb, { workload: null, answers: ADOPT }, inv, [], DEFAULT_AUDIT_CONFIG, now, evidenceOf(inv.stages)).plan.steps.find((s) => s.id === 'replace-commercial-imports')?.how.find((h) => h.startsWith('Certificates to replace'));

describe('who issued it, read and used by the Advisor', () => {
  it("follows the chains: the demo's stand-in public CAs (D-TRUST among them) against its legacy root and self-signed imports", async () => {
    setTrustRoots(demoTrustRoots([account]));
    const inv = await load();
    const reads = evidenceOf(inv.stages);
    expect(reads.trust?.size).toBe(account.certificates.filter((c) => c.type === 'IMPORTED').length);
    const evidence = collectEvidence(kb, inv, [], DEFAULT_AUDIT_CONFIG, now, reads);
    expect(evidence['existing-ca'].proposed?.value).toBe('both');
    expect(evidence['existing-ca'].proposed?.because).toMatch(/; imports judged by their certificate chains \(GetCertificate\)$/);
    // The OV imports in use, named by their policy OIDs.
    expect(evidence['ev-ov-required'].proposed?.because).toMatch(/shop-legacy\.northwind-outfitters\.com \(OV\)/);
    const f = forecastRenewalLoad(inv, now, null, reads.trust);
    // Live imports: the legacy root CA and localhost (self-signed) are private; the others chain to a stand-in root.
    expect(f.basis).toMatchObject({ importedPrivate: 2, selfSigned: 1 });
    expect(f.trustBasis).toBe('judged by their certificate chains (GetCertificate)');
    expect(replaced(inv)).toBe('Certificates to replace (2): hsm-gateway.northwind-outfitters.com, as2.northwind-outfitters.de; judged by their certificate chains (GetCertificate).');
  });

  it('without the stand-in roots no made-up CA is public, whatever it is called', async () => {
    const inv = await load();
    const reads = evidenceOf(inv.stages);
    expect(collectEvidence(kb, inv, [], DEFAULT_AUDIT_CONFIG, now, reads)['existing-ca'].proposed?.value).toBe('internal-ca');
    expect(replaced(inv)).toBeUndefined();
  });

  it('with GetCertificate denied, issuer names decide and every sentence says so', async () => {
    endpoint.setFaults({ deniedOperations: ['acm:GetCertificate'] });
    const inv = await load();
    const reads = evidenceOf(inv.stages);
    expect(reads.trust).toBeUndefined();
    const evidence = collectEvidence(kb, inv, [], DEFAULT_AUDIT_CONFIG, now, reads);
    expect(evidence['existing-ca'].proposed?.because).toMatch(/; imports judged by issuer name only, as GetCertificate did not read them$/);
    expect(evidence['ev-ov-required'].lines.join('\n')).toContain('(not read with GetCertificate)');
    expect(replaced(inv)).toBe('Certificates to replace (1): hsm-gateway.northwind-outfitters.com; judged by issuer name only, as GetCertificate did not read it.');
  });
});
