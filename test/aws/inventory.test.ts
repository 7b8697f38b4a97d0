import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { awsInventorySource } from '../../src/aws/source.js';
import { isPartial, type InventoryEvent } from '../../src/domain/inventory.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const account = loadDemoAccount(new Date());
const regions = [...new Set(account.certificates.map((c) => c.region))].sort();
const expectedIn = (rs: string[]) => account.certificates.filter((c) => rs.includes(c.region));
// Fast tests: the endpoint's quotas and our pacing scale together.
const FAST = { listCertificates: 400, describeCertificate: 400, listTagsForCertificate: 400, concurrency: 16 };

function source(endpoint: RunningEndpoint, list: string[] | 'all' = regions, pacing: object = FAST, stages?: []) {
  return awsInventorySource({
    regions: list === 'all' ? { kind: 'all' } : { kind: 'list', regions: list },
    endpoint: endpoint.url,
    credentials: CREDENTIALS,
    homeRegion: 'us-east-1',
    pacing,
    stages,
  });
}

describe('inventory against the wire-level endpoint', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account, rateScale: 50 });
  });
  afterAll(() => endpoint.close());

  it('lists every certificate in every region with a page cap of 1', async () => {
    endpoint.setFaults({ pageSizeCap: 1 });
    endpoint.resetCalls();
    const inv = await source(endpoint).load(() => {});
    endpoint.setFaults({ pageSizeCap: undefined });
    expect(inv.certificates.map((c) => c.arn).sort()).toEqual(expectedIn(regions).map((c) => c.arn).sort());
    const listCalls = endpoint.calls.filter((c) => c.operation === 'ListCertificates');
    // One page per certificate, plus the final page per region.
    expect(listCalls.length).toBeGreaterThanOrEqual(expectedIn(regions).length);
    expect(inv.regions.every((r) => r.status === 'ok')).toBe(true);
  });

  it('sees through the default filter: EC keys, RSA_4096 and ACME-issued certificates are all listed', async () => {
    const inv = await source(endpoint).load(() => {});
    const keys = new Set(inv.certificates.map((c) => c.keyAlgorithm));
    for (const k of ['EC_prime256v1', 'EC_secp384r1', 'RSA_4096', 'RSA_3072']) expect(keys).toContain(k);
    expect(inv.certificates.some((c) => c.keyPairOrigin === 'ACME')).toBe(true);
  });

  it('normalises details: ISO dates, ACM enum spellings, tags, in-use ARNs', async () => {
    const inv = await source(endpoint).load(() => {});
    const byArn = new Map(inv.certificates.map((c) => [c.arn, c]));
    for (const stored of expectedIn(regions)) {
      const c = byArn.get(stored.arn)!;
      expect(c.detail.state).toBe('complete');
      expect(c.status).toBe(stored.status);
      expect(c.type).toBe(stored.type);
      expect(c.keyAlgorithm).toBe(stored.keyAlgorithm);
      expect(c.inUseBy).toEqual(stored.inUseBy);
      if (stored.notAfter) expect(Math.abs(Date.parse(c.notAfter!) - stored.notAfter.getTime())).toBeLessThan(1000);
      else expect(c.notAfter).toBeNull();
      expect(c.tags).toEqual(Object.fromEntries(stored.tags.map((t) => [t.key, t.value])));
    }
  });

  it('emits summaries before details, and one done event', async () => {
    const events: InventoryEvent[] = [];
    await source(endpoint).load((e) => events.push(e));
    const firstSummary = events.findIndex((e) => e.kind === 'summaries');
    const firstDetail = events.findIndex((e) => e.kind === 'details');
    expect(firstSummary).toBeGreaterThanOrEqual(0);
    expect(firstDetail).toBeGreaterThan(firstSummary);
    expect(events.filter((e) => e.kind === 'done')).toHaveLength(1);
    expect(events.at(-1)?.kind).toBe('done');
  });

  it('gives a complete inventory under 30% throttling', async () => {
    endpoint.setFaults({ throttleFraction: 0.3 });
    endpoint.resetCalls();
    // ACM's own reads only: the read stages' throttled calls are theirs to test (test/stages/).
    const inv = await source(endpoint, regions, FAST, []).load(() => {});
    endpoint.setFaults({ throttleFraction: 0 });
    const throttled = endpoint.calls.filter((c) => c.status === 400).length;
    expect(throttled).toBeGreaterThan(0);
    expect(inv.certificates).toHaveLength(expectedIn(regions).length);
    expect(inv.certificates.filter((c) => c.detail.state !== 'complete')).toEqual([]);
    expect(inv.regions.every((r) => r.status === 'ok')).toBe(true);
  });

  it('keeps every other region complete when one region is denied', async () => {
    const denied = regions[1];
    endpoint.setFaults({ deniedRegions: [denied] });
    const inv = await source(endpoint).load(() => {});
    endpoint.setFaults({ deniedRegions: [] });
    const failed = inv.regions.filter((r) => r.status === 'error');
    expect(failed.map((r) => r.region)).toEqual([denied]);
    expect(failed[0].error?.code).toBe('AccessDeniedException');
    const others = regions.filter((r) => r !== denied);
    expect(inv.certificates.map((c) => c.arn).sort()).toEqual(expectedIn(others).map((c) => c.arn).sort());
  });

  it('falls back to ListTagsForCertificate when the Tagging API is denied', async () => {
    endpoint.setFaults({ deniedOperations: ['tagging:GetResources'] });
    endpoint.resetCalls();
    const inv = await source(endpoint, [regions[0]]).load(() => {});
    endpoint.setFaults({ deniedOperations: [] });
    expect(endpoint.calls.some((c) => c.operation === 'ListTagsForCertificate')).toBe(true);
    const tagged = expectedIn([regions[0]]).filter((c) => c.tags.length > 0);
    expect(tagged.length).toBeGreaterThan(0);
    for (const stored of tagged) {
      expect(inv.certificates.find((c) => c.arn === stored.arn)?.tags).toEqual(Object.fromEntries(stored.tags.map((t) => [t.key, t.value])));
    }
  });

  it('reads the enabled regions from EC2, and falls back with a warning when denied', async () => {
    const all = await source(endpoint, 'all').load(() => {});
    expect(all.regions.map((r) => r.region).sort()).toEqual([...account.enabledRegions].sort());

    endpoint.setFaults({ deniedOperations: ['ec2:DescribeRegions', 'sts:GetCallerIdentity'] });
    const fallback = await source(endpoint, 'all').load(() => {});
    endpoint.setFaults({ deniedOperations: [] });
    expect(fallback.regions.length).toBeGreaterThan(10);
    expect(fallback.account).toBeNull();
    expect(fallback.warnings.join('\n')).toMatch(/DescribeRegions/);
    expect(fallback.warnings.join('\n')).toMatch(/GetCallerIdentity/);
  });

  it('reports the caller identity from STS', async () => {
    const inv = await source(endpoint, [regions[0]]).load(() => {});
    expect(inv.account?.id).toBe(account.accountId);
    expect(inv.account?.arn).toMatch(/^arn:aws:/);
  });

  it('only ever reads: every recorded operation is a List/Describe/Get/Search, and the IAM policy covers them', async () => {
    endpoint.resetCalls();
    endpoint.setFaults({ deniedOperations: ['tagging:GetResources'] });
    await source(endpoint, 'all').load(() => {});
    endpoint.setFaults({ deniedOperations: [] });
    await source(endpoint, 'all').load(() => {});
    const ops = new Set(endpoint.calls.map((c) => `${c.service}:${c.operation}`));
    expect([...ops].sort()).toEqual(
      [
        'acm:DescribeCertificate',
        'acm:ListCertificates',
        'acm:ListTagsForCertificate',
        'acm:SearchCertificates',
        'ec2:DescribeRegions',
        'sts:GetCallerIdentity',
        'tagging:GetResources',
        // What each certificate serves (src/stages/): the demo's load balancers, distributions, API domains and zones.
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeSSLPolicies',
        'cloudfront:ListDistributions',
        'apigateway:GET',
        'route53:ListHostedZones',
        'route53:ListResourceRecordSets',
        // The read stages beyond ACM (src/stages/): imported certificates, history, Private CA, alerts.
        'acm:GetCertificate',
        'acm:GetAccountConfiguration',
        'acm:ListAcmeEndpoints',
        'cloudtrail:LookupEvents',
        'cloudtrail:DescribeTrails',
        'acm-pca:ListCertificateAuthorities',
        'events:ListRules',
      ].sort(),
    );
    expect(endpoint.calls.some((c) => c.write)).toBe(false);
    const policy = JSON.parse(readFileSync('policy/iam-policy.json', 'utf8')) as { Statement: Array<{ Action: string[] }> };
    const allowed = new Set(policy.Statement.flatMap((s) => s.Action));
    for (const op of ops) {
      if (op.startsWith('sts:')) continue; // GetCallerIdentity needs no permission
      const action = op.replace(/^tagging:/, 'tag:');
      expect(allowed).toContain(action);
    }
    for (const action of allowed) expect(action).toMatch(/:(List|Describe|Get|Search|Lookup)|^apigateway:GET$/);
  });

  it('keeps the summary of a certificate whose detail cannot be read, and says what is missing and why', async () => {
    endpoint.setFaults({ deniedOperations: ['acm:DescribeCertificate'] });
    const inv = await source(endpoint, [regions[0]]).load(() => {});
    endpoint.setFaults({ deniedOperations: [] });
    const n = expectedIn([regions[0]]).length;
    expect(inv.regions[0].status).toBe('partial');
    expect(inv.regions[0].detailsFailed).toEqual([{ part: 'details', reason: 'denied', code: 'AccessDeniedException', count: n }]);
    expect(isPartial(inv)).toBe(true);
    expect(inv.certificates).toHaveLength(n);
    for (const c of inv.certificates) {
      expect(c.domainName).not.toBeNull();
      expect(c.detail).toMatchObject({ state: 'failed', reason: expect.stringMatching(/AccessDenied/) });
      expect(c.detail.state === 'failed' && c.detail.missingFields).toContain('inUseBy');
      expect(c.issuer).toBeNull();
    }
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const run = source(endpoint).load((e) => {
      if (e.kind === 'summaries') controller.abort();
    }, controller.signal);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('pacing at ACM’s real quotas', () => {
  it('reads a region without being throttled', async () => {
    const endpoint = await startEndpoint({ account });
    try {
      const region = regions[0];
      const inv = await source(endpoint, [region], {}).load(() => {});
      expect(inv.certificates).toHaveLength(expectedIn([region]).length);
      expect(endpoint.calls.filter((c) => c.status === 400)).toEqual([]);
    } finally {
      await endpoint.close();
    }
  });
});
