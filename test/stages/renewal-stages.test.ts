import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { incompleteLines } from '../../src/audit/coverage.js';
import { runAudit } from '../../src/audit/run.js';
import { demoDnsRecords, demoServices } from '../../src/cli/demo-evidence.js';
import { isPartial, type Inventory } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { startDnsServer, type RunningDnsServer } from '../../src/endpoint/dns-server.js';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { alerts } from '../../src/stages/alerts/index.js';
import { cloudtrail } from '../../src/stages/cloudtrail/index.js';
import { dns } from '../../src/stages/dns/index.js';
import { setDnsSettings } from '../../src/stages/dns/settings.js';
import { evidenceOf } from '../../src/stages/evidence.js';
import { readsOf } from '../../src/stages/index.js';
import { privateCa } from '../../src/stages/private-ca/index.js';
import { trust } from '../../src/stages/trust/index.js';
import { loadWithStages } from './load-with-stages.js';

/**
 * The renewal-readiness, provenance, Private CA and alert stages against the wire endpoint and a DNS
 * server on loopback, with the demo account's data: what the demo shows, read the real way.
 */

const HOSTILE = 'x|`y`<b>\n\u001b[31m';
const now = new Date();
const full = loadDemoAccount(now);
const REGIONS = ['us-east-1', 'us-east-2', 'eu-west-1'];
const account = { ...full, enabledRegions: REGIONS, certificates: full.certificates.filter((c) => REGIONS.includes(c.region)) };
const services = demoServices(account, now);
const STAGES = [dns, trust, cloudtrail, privateCa, alerts];

let endpoint: RunningEndpoint;
let dnsServer: RunningDnsServer;
beforeAll(async () => {
  // A hostile event among the demo's: its strings travel as data, never as markup.
  const trail = services.cloudtrail as { events: Array<Record<string, unknown>> };
  trail.events.push({ id: 'hostile', region: 'us-east-1', name: 'RequestCertificate', time: new Date(now.getTime() - 86_400_000), principalArn: `arn:aws:iam::111122223333:user/${HOSTILE}`, requestParameters: { domainName: `${HOSTILE}.evil.example` } });
  endpoint = await startEndpoint({ account: { ...account, services }, rateScale: 100 });
  dnsServer = await startDnsServer({ records: demoDnsRecords(account) });
});
afterAll(async () => {
  await endpoint.close();
  await dnsServer.close();
});
beforeEach(() => {
  endpoint.resetCalls();
  endpoint.setFaults({ deniedOperations: [] });
  setDnsSettings({ server: dnsServer.address, timeoutMs: 2_000 });
});

const load = (): Promise<Inventory> => loadWithStages(endpoint.url, REGIONS, STAGES);

describe('renewal readiness, provenance, Private CA and alerts as read stages', () => {
  it('finds the demo story, reading only', async () => {
    const inv = await load();
    expect(isPartial(inv)).toBe(false);
    const findings = runAudit(inv.certificates, DEFAULT_AUDIT_CONFIG, now, { evidence: evidenceOf(inv.stages) }).findings;
    const by = (rule: string) => findings.filter((f) => f.ruleId === rule);
    const domain = (arn: string | null) => inv.certificates.find((c) => c.arn === arn)?.domainName;
    expect(by('validation-record-missing').map((f) => domain(f.certificateArn))).toEqual(['analytics.northwind-outfitters.com']);
    expect(by('caa-blocks-amazon').map((f) => domain(f.certificateArn))).toEqual(['shop.northwind-outfitters.eu']);
    expect(by('request-outside-domains').map((f) => f.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('win-a-jacket-giveaway.com'), expect.stringContaining(HOSTILE)]),
    );
    expect(by('production-certificate-deleted')).toHaveLength(1);
    expect(by('crl-bucket-public').map((f) => f.region)).toEqual(['eu-west-1']);
    expect(by('self-signed-import').length).toBeGreaterThanOrEqual(0);
    // The provenance sentence of a certificate the CI role requested.
    const requested = inv.certificates.find((c) => c.domainName === 'ingest.data.northwind-outfitters.com')!;
    expect(cloudtrail.about(requested, readsOf(cloudtrail, inv.stages))[0].value).toMatch(/^requested by role\/ci-deploy on \d{4}-\d{2}-\d{2}$/);
    // The alert already in place.
    const alertRead = readsOf(alerts, inv.stages).find((r) => r.region === 'us-east-1')!;
    expect(alertRead.data.rules).toEqual([{ name: 'acm-expiry-alerts', matches: 'acm-events', enabled: true, targets: ['arn:aws:sns:us-east-1:111122223333:acm-certificate-alerts'] }]);
    // Only reads, every one of them answered (the public bucket has no Block Public Access configuration: S3 says 404).
    expect(endpoint.calls.filter((c) => c.write || (c.status !== 200 && c.operation !== 'GetPublicAccessBlock'))).toEqual([]);
    expect([...new Set(endpoint.calls.map((c) => `${c.service}:${c.operation}`))].sort()).toEqual(
      expect.arrayContaining(['acm-pca:ListCertificateAuthorities', 'acm-pca:ListPermissions', 'acm:GetCertificate', 'cloudtrail:LookupEvents', 'events:ListRules', 's3:GetBucketPolicyStatus']),
    );
  });

  it('each denied source is a named partial result listing the checks it prevents', async () => {
    endpoint.setFaults({ deniedOperations: ['cloudtrail:LookupEvents', 'acm-pca:ListCertificateAuthorities', 'acm:GetCertificate', 'events:ListRules'] });
    const inv = await load();
    expect(isPartial(inv)).toBe(true);
    const lines = incompleteLines(inv).join('\n');
    expect(lines).toContain('CloudTrail ACM events (cloudtrail:LookupEvents) denied');
    expect(lines).toContain('request-outside-domains, production-certificate-deleted and certificate-exported could not be checked');
    expect(lines).toContain('AWS Private CA');
    expect(lines).toContain('self-signed-import could not be checked');
    const evidence = evidenceOf(inv.stages);
    expect(evidence.acmEvents).toBeUndefined();
    expect(evidence.dns?.size).toBeGreaterThan(0);
  });

  it('an unreachable DNS server fails the DNS stage by name, not as a pass', async () => {
    const gone = await startDnsServer({ records: [], silentNames: [] });
    const address = gone.address;
    await gone.close();
    setDnsSettings({ server: address, timeoutMs: 300 });
    const inv = await load();
    expect(isPartial(inv)).toBe(true);
    expect(incompleteLines(inv).join('\n')).toContain('validation-record-missing and caa-blocks-amazon could not be checked');
  });
});
