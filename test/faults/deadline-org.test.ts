import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoOrganization, startEndpoint, type FaultOptions, type RunningEndpoint } from '../../src/endpoint/index.js';
import { cli, DETAIL_RULES } from './helpers.js';

// --deadline with --org against the demo organisation (the caller is its management account).
// Stalled calls never answer, so the deadline always comes first; nothing asserts on elapsed time.
const org = loadDemoOrganization(new Date());
const orgEndpoint = (faults: FaultOptions) => startEndpoint({ ...org, ...faults });
const MEMBERS = ['northwind-shop-prod (222233334444)', 'northwind-data-staging (333344445555)', 'northwind-payments-prod (555566667777)', 'northwind-sandbox (444455556666)'];

describe('fault suite: --deadline across an organisation', () => {
  let endpoint: RunningEndpoint | null = null;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = null;
  });

  it('AssumeRole stalls: the caller’s own account is read in full, every member is named as not finished, exit 3', async () => {
    endpoint = await orgEndpoint({ stalledOperations: ['sts:AssumeRole'] });
    // The management account holds two certificates in us-east-2: 8 s is a wide margin for them.
    const r = await cli(endpoint, ['--timeout', '60', '--deadline', '8s', '--regions', 'us-east-2', '--org', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([
      'acm-advisor: the deadline of 8s passed before the read finished: 4 of 5 accounts not read in full; the output holds what was read by then',
      ...MEMBERS.map((m) => `acm-advisor: account ${m} not finished: the deadline of 8s passed before the member role was assumed: nothing in the account was read`),
    ]);
    const json = JSON.parse(r.stdout);
    expect(json.stopped).toMatchObject({ code: 'DeadlineExceeded' });
    expect(json.accounts.map((a: { name: string; status: string; error?: { code: string } }) => [a.name, a.status, a.error?.code])).toEqual([
      ['northwind-management', 'ok', undefined],
      ['northwind-shop-prod', 'error', 'DeadlineExceeded'],
      ['northwind-data-staging', 'error', 'DeadlineExceeded'],
      ['northwind-payments-prod', 'error', 'DeadlineExceeded'],
      ['northwind-sandbox', 'error', 'DeadlineExceeded'],
    ]);
    expect(json.certificates.length).toBeGreaterThan(0);
    for (const c of json.certificates) {
      expect(c.accountName).toBe('northwind-management');
      expect(c.detail.state).toBe('complete');
    }

    const md = await cli(endpoint, ['--timeout', '60', '--deadline', '8s', '--regions', 'us-east-2', '--org', 'report']);
    expect(md.code).toBe(3);
    const head = md.stdout.split('\n').slice(0, 4).join('\n');
    expect(head).toContain('**Incomplete:** 4 accounts could not be read in full');
    expect(head).toContain('the deadline of 8s passed before the read finished: 4 of 5 accounts not read in full');
  }, 90_000);

  it('DescribeCertificate stalls in one region: each member account is named on its own line, exit 3', async () => {
    endpoint = await orgEndpoint({ stalledOperations: ['acm:DescribeCertificate@eu-west-1'] });
    // Listing two certificates in each of two accounts takes well under a second: 8 s is a wide margin.
    const r = await cli(endpoint, ['--timeout', '60', '--deadline', '8s', '--regions', 'eu-west-1', '--org', '--accounts', '222233334444,555566667777', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([
      'acm-advisor: the deadline of 8s passed before the read finished: 2 of 2 accounts not read in full; the output holds what was read by then',
      `acm-advisor: DescribeCertificate not finished before the deadline for 2 certificates in eu-west-1 of northwind-shop-prod (222233334444): ${DETAIL_RULES}`,
      `acm-advisor: DescribeCertificate not finished before the deadline for 2 certificates in eu-west-1 of northwind-payments-prod (555566667777): ${DETAIL_RULES}`,
    ]);
    const json = JSON.parse(r.stdout);
    for (const a of json.accounts) {
      expect(a.status).toBe('partial');
      expect(a.regions).toEqual([{ region: 'eu-west-1', status: 'partial', detailsFailed: [{ part: 'details', reason: 'unfinished', code: 'DeadlineExceeded', count: 2 }] }]);
    }
  }, 60_000);

  it('ListAccounts stalls: no account is known, so none is read; the run says why, exit 3', async () => {
    endpoint = await orgEndpoint({ stalledOperations: ['organizations:ListAccounts'] });
    const r = await cli(endpoint, ['--timeout', '60', '--deadline', '2s', '--org', 'audit', '--format', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe('acm-advisor: the deadline of 2s passed before organizations:ListAccounts answered: no account was read');
    const out = JSON.parse(r.stdout);
    expect(out.findings).toEqual([]);
    expect(out.stopped).toEqual({ code: 'DeadlineExceeded', message: 'the deadline of 2s passed before organizations:ListAccounts answered: no account was read' });
  });

  it('the Config aggregator query stalls: the recording is named as not read to its end, exit 3', async () => {
    endpoint = await orgEndpoint({ stalledOperations: ['config:SelectAggregateResourceConfig'] });
    const r = await cli(endpoint, ['--timeout', '60', '--deadline', '2s', '--source', 'config-aggregator:northwind-org-certificates', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    const message = "the deadline of 2s passed while querying the AWS Config aggregator 'northwind-org-certificates': 0 certificates read, more may exist";
    expect(r.stderr.trim()).toBe(`acm-advisor: ${message}`);
    const json = JSON.parse(r.stdout);
    expect(json.stopped).toEqual({ code: 'DeadlineExceeded', message });
    expect(json.certificates).toEqual([]);
  });
});
