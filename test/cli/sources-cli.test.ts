/**
 * Organizations and Config answers that must not read as a complete result: the real binary over
 * HTTP against the project's endpoint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEndpoint, syntheticAccount, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { runCli, TEST_KEYS, withoutDnsNotice } from './run-cli.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
let endpoint: RunningEndpoint | null = null;
afterEach(async () => {
  await endpoint?.close();
  endpoint = null;
});
const cli = (ep: RunningEndpoint, args: string[]) => runCli([...args, '--endpoint-url', ep.url, '--regions', REGIONS.join(',')], { ...TEST_KEYS, AWS_MAX_ATTEMPTS: '1' });

describe('Organizations ListAccounts with nothing to read', () => {
  it('only SUSPENDED accounts: says what was found, reads nothing, exit 3', async () => {
    const org = syntheticOrganization({ accounts: 3, regions: REGIONS, certificatesPerRegion: 1, now: new Date() });
    for (const a of org.organization.accounts) a.status = 'SUSPENDED';
    endpoint = await startEndpoint({ ...org, rateScale: 50 });
    const r = await cli(endpoint, ['--org', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(withoutDnsNotice(r.stderr).trim()).toBe('acm-advisor: organizations:ListAccounts found 3 accounts, none ACTIVE (3 SUSPENDED): nothing was read');
    const json = JSON.parse(r.stdout) as { certificates: unknown[]; stopped: { code: string } };
    expect(json.certificates).toEqual([]);
    expect(json.stopped.code).toBe('NoActiveAccount');
    expect(endpoint.calls.some((c) => c.operation === 'AssumeRole' || c.service === 'acm')).toBe(false);
  });

  it('no account at all: says so, exit 3', async () => {
    endpoint = await startEndpoint({ account: syntheticAccount({ count: 2, regions: REGIONS, seed: 3, now: new Date() }), organization: { accounts: [] }, rateScale: 50 });
    const r = await cli(endpoint, ['--org', 'audit']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('organizations:ListAccounts answered no account at all: nothing was read');
  });
});

describe('a Config aggregator’s answers, item by item', () => {
  const org = () => syntheticOrganization({ accounts: 3, regions: REGIONS, certificatesPerRegion: 2, now: new Date(), aggregator: { name: 'org-certs', capturedMinutesAgo: 30 } });
  const SOURCE = ['--source', 'config-aggregator:org-certs'];
  const badArn = 'arn:aws:acm:us-east-1:100000000001:certificate/0bad0000-0000-4000-8000-000000000001';
  const malformed = JSON.stringify({ accountId: '100000000001', awsRegion: 'us-east-1', arn: badArn, configuration: '{"status": "ISS' });
  const wrongTypes = JSON.stringify({
    accountId: '100000000001',
    awsRegion: 'us-east-1',
    configuration: { certificateArn: badArn.replace('0001', '0002'), domainName: 'x.example', type: 'AMAZON_ISSUED', status: 'ISSUED', notAfter: 'soon', inUseBy: 'lb' },
  });

  it('malformed, wrong-typed and unreadable items: each named, the rest counted once though answered twice, exit 3', async () => {
    const data = org();
    const total = data.organization.accounts.length * REGIONS.length * 2;
    endpoint = await startEndpoint({ ...data, rateScale: 50, duplicateConfigResults: true, extraConfigResults: [malformed, wrongTypes, 'not json at all'] });
    const r = await cli(endpoint, [...SOURCE, 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.stdout) as { certificates: Array<{ arn: string; detail: { state: string; reason?: string } }> };
    expect(json.certificates).toHaveLength(total + 2);
    expect(new Set(json.certificates.map((c) => c.arn)).size).toBe(total + 2);
    const failed = json.certificates.filter((c) => c.detail.state === 'failed');
    expect(failed.map((c) => c.arn).sort()).toEqual([badArn, badArn.replace('0001', '0002')]);
    expect(failed.find((c) => c.arn === badArn)!.detail.reason).toContain('configuration is not valid JSON');
    expect(failed.find((c) => c.arn !== badArn)!.detail.reason).toMatch(/notAfter is string.*inUseBy is string|inUseBy is string.*notAfter is string/);
    expect(r.stderr).toMatch(/1 result of the AWS Config aggregator 'org-certs' could not be read \(not valid JSON\)/);
  });

  it('a NextToken that repeats: stops after the page that shows it, says so, exit 3', async () => {
    endpoint = await startEndpoint({ ...org(), rateScale: 50, pageSizeCap: 2, repeatTokenOperations: ['config:SelectAggregateResourceConfig'] });
    const r = await cli(endpoint, [...SOURCE, 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/SelectAggregateResourceConfig returned the same pagination token twice in the aggregator 'org-certs' \(after 2 pages\); stopped the query: \d+ certificates read, more may exist/);
    expect(endpoint.calls.filter((c) => c.operation === 'SelectAggregateResourceConfig')).toHaveLength(2);
  });

  it('--max-age with a Config source is a usage error before any call', async () => {
    endpoint = await startEndpoint({ ...org(), rateScale: 50 });
    const r = await cli(endpoint, [...SOURCE, '--max-age', '1h', 'audit']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("acm-advisor: --max-age reuses the cache of live API reads; --source config-aggregator reads AWS Config's recording, whose age is shown instead; pass one or the other");
    expect(endpoint.calls).toEqual([]);
  });

  it('an unused certificate from Config is not told "delete it": the check is named as not run, for want of exported', async () => {
    const data = org();
    for (const a of data.organization.accounts) for (const c of a.account.certificates) if (c.status === 'ISSUED') c.inUseBy = [];
    endpoint = await startEndpoint({ ...data, rateScale: 50 });
    const r = await cli(endpoint, [...SOURCE, 'audit', '--format', 'json']);
    const json = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }>; notEvaluated: Array<{ ruleId: string; reason: string; certificateArns: string[] }> };
    expect(json.findings.filter((f) => f.ruleId === 'unused-certificate')).toEqual([]);
    const unchecked = json.notEvaluated.find((n) => n.ruleId === 'unused-certificate')!;
    expect(unchecked.reason).toBe('not recorded by AWS Config: exported, keyPairOrigin');
    expect(unchecked.certificateArns.length).toBeGreaterThan(0);
  });
});
