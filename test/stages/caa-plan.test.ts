import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import { runAudit } from '../../src/audit/run.js';
import { demoTrustRoots } from '../../src/cli/demo.js';
import { demoDnsRecords } from '../../src/cli/demo-evidence.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { startDnsServer, type RunningDnsServer } from '../../src/endpoint/dns-server.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { dns } from '../../src/stages/dns/index.js';
import { setDnsSettings } from '../../src/stages/dns/settings.js';
import { evidenceOf } from '../../src/stages/evidence.js';
import { trust } from '../../src/stages/trust/index.js';
import { setTrustRoots } from '../../src/stages/trust/settings.js';
import { loadWithStages } from './load-with-stages.js';

/**
 * CAA for the names the plan would request, read the real way: the demo's imports from the wire endpoint,
 * their chains with GetCertificate, CAA from a DNS server on loopback where the AS2 name allows only D-TRUST.
 */

const now = new Date();
const full = loadDemoAccount(now);
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
const account = { ...full, enabledRegions: REGIONS, certificates: full.certificates.filter((c) => REGIONS.includes(c.region)) };

let endpoint: RunningEndpoint;
let dnsServer: RunningDnsServer;
beforeAll(async () => {
  endpoint = await startEndpoint({ account, rateScale: 100 });
  dnsServer = await startDnsServer({ records: demoDnsRecords(account) });
  setDnsSettings({ server: dnsServer.address, timeoutMs: 2_000 });
  setTrustRoots(demoTrustRoots([account]));
});
afterAll(async () => {
  setTrustRoots([]);
  await endpoint.close();
  await dnsServer.close();
});

describe('CAA for the ACM certificates the plan proposes to request', () => {
  it('checks the imports the plan would replace, fires caa-blocks-amazon for the one a CAA set refuses, and the step says what to add', async () => {
    const inv = await loadWithStages(endpoint.url, REGIONS, [dns, trust]);
    const reads = evidenceOf(inv.stages);
    const domain = (arn: string | null) => inv.certificates.find((c) => c.arn === arn)?.domainName;
    // The imports' names were looked up, though ACM renews none of them.
    expect(dnsServer.queries.some((q) => q.type === 'CAA' && q.name === 'as2.northwind-outfitters.de')).toBe(true);

    const findings = runAudit(inv.certificates, DEFAULT_AUDIT_CONFIG, now, { evidence: reads, rules: ['caa-blocks-amazon'] }).findings;
    expect(findings.map((f) => [domain(f.certificateArn), f.severity]).sort()).toEqual([
      ['as2.northwind-outfitters.de', 'low'],
      ['shop.northwind-outfitters.eu', expect.stringMatching(/^(high|medium)$/)],
    ]);

    const plan = advise(loadKnowledgeBase(), { workload: null, answers: { 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' } }, inv, [], DEFAULT_AUDIT_CONFIG, now, reads).plan;
    const how = plan.steps.find((s) => s.id === 'replace-commercial-imports')!.how;
    expect(how).toContain('Certificates to replace (2): hsm-gateway.northwind-outfitters.com, as2.northwind-outfitters.de; judged by their certificate chains (GetCertificate).');
    expect(how.filter((h) => h.includes('CAA'))).toEqual([
      'CAA blocks Amazon for as2.northwind-outfitters.de: CAA issue allows only d-trust.net (at as2.northwind-outfitters.de); add `0 issue "amazon.com"` to the CAA set at as2.northwind-outfitters.de before requesting it.',
    ]);
  });
});
