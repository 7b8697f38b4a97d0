import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type RunningEndpoint } from '../../src/endpoint/index.js';
import { awsInventorySource } from '../../src/aws/source.js';
import { withoutForeignResults } from '../../src/aws/search.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const account = loadDemoAccount(new Date());
const region = account.certificates[0].region;
const FAST = { listCertificates: 400, searchCertificates: 250, describeCertificate: 400, listTagsForCertificate: 400, getResources: 400, concurrency: 16 };

describe('SearchCertificates results that name another account or region', () => {
  let endpoint: RunningEndpoint;
  const otherAccount = `arn:aws:acm:${region}:999999999999:certificate/11111111-2222-3333-4444-555555555555`;
  const otherRegion = `arn:aws:acm:${region === 'ap-south-1' ? 'eu-west-3' : 'ap-south-1'}:${account.accountId}:certificate/11111111-2222-3333-4444-666666666666`;
  beforeAll(async () => {
    endpoint = await startEndpoint({ account, rateScale: 50, foreignSearchArns: [otherAccount, otherRegion] });
  });
  afterAll(() => endpoint.close());

  it('are dropped over HTTP with one warning, and never listed or counted as the caller’s', async () => {
    const source = awsInventorySource({ regions: { kind: 'list', regions: [region] }, endpoint: endpoint.url, credentials: CREDENTIALS, homeRegion: 'us-east-1', pacing: FAST });
    const inv = await source.load(() => {});
    source.close();
    const arns = inv.certificates.map((c) => c.arn);
    expect(arns).not.toContain(otherAccount);
    expect(arns).not.toContain(otherRegion);
    expect(inv.certificates).toHaveLength(account.certificates.filter((c) => c.region === region).length);
    const warning = inv.warnings.find((w) => w.includes('SearchCertificates returned 2 results naming another account or region'));
    expect(warning).toContain('999999999999');
    expect(warning).toContain('dropped');
  });
});

describe('withoutForeignResults', () => {
  const mine = 'arn:aws:acm:us-east-1:111122223333:certificate/a';
  it('keeps the asked account and region, drops the rest and says so once', () => {
    const input = new Map([
      [mine, {}],
      ['arn:aws:acm:us-east-1:444455556666:certificate/b', {}],
      ['arn:aws:acm:eu-west-1:111122223333:certificate/c', {}],
      ['arn:aws:iam::111122223333:role/x', {}],
      ['not-an-arn', {}],
    ]);
    const out = withoutForeignResults(input, { region: 'us-east-1', accountId: '111122223333' });
    expect([...out.results.keys()]).toEqual([mine]);
    expect(out.warning).toMatch(/^us-east-1: SearchCertificates returned 4 results .*dropped/);
  });
  it('with the account not known yet, checks the region alone and says nothing when all match', () => {
    const out = withoutForeignResults(new Map([[mine, {}]]), { region: 'us-east-1', accountId: null });
    expect(out.results.size).toBe(1);
    expect(out.warning).toBeNull();
  });
});
