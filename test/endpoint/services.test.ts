import { DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { CreateTagsCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetResourcesCommand, TagResourcesCommand, paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoAccount, startEndpoint, type AccountData, type RunningEndpoint } from '../../src/endpoint/index.js';
import { clients, rejectionOf } from './helpers.js';

let account: AccountData;
let endpoint: RunningEndpoint;

beforeAll(async () => {
  account = loadDemoAccount(new Date('2026-11-27T12:00:00Z'));
  endpoint = await startEndpoint({ account, rateLimit: false });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  endpoint.resetCalls();
  endpoint.setFaults({ deniedRegions: [], deniedOperations: [], pageSizeCap: undefined });
});

describe('Resource Groups Tagging API GetResources', () => {
  it('returns the tags of every tagged certificate in the region, leaving untagged ones out', async () => {
    const { tagging } = clients(endpoint, 'ap-southeast-2');
    const out = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['acm:certificate'] }));
    const region = account.certificates.filter((c) => c.region === 'ap-southeast-2');
    const tagged = region.filter((c) => c.tags.length > 0);
    expect(region.length).toBeGreaterThan(tagged.length);
    expect(out.ResourceTagMappingList!.map((m) => m.ResourceARN).sort()).toEqual(tagged.map((c) => c.arn).sort());
    const shop = out.ResourceTagMappingList!.find((m) => m.ResourceARN === tagged.find((c) => c.domainName.startsWith('shop.'))!.arn)!;
    expect(shop.Tags).toContainEqual({ Key: 'environment', Value: 'production' });
    expect(out.PaginationToken).toBe('');
  });

  it('paginates with the SDK paginator under a page cap of 1', async () => {
    endpoint.setFaults({ pageSizeCap: 1 });
    const { tagging } = clients(endpoint, 'eu-west-1');
    const arns: string[] = [];
    for await (const page of paginateGetResources({ client: tagging }, { ResourceTypeFilters: ['acm:certificate'], ResourcesPerPage: 100 }))
      arns.push(...page.ResourceTagMappingList!.map((m) => m.ResourceARN!));
    const expected = account.certificates.filter((c) => c.region === 'eu-west-1' && c.tags.length > 0).map((c) => c.arn);
    expect(arns.sort()).toEqual(expected.sort());
  });

  it('looks up a ResourceARNList and filters on TagFilters; other resource types hold nothing', async () => {
    const { tagging } = clients(endpoint, 'eu-central-1');
    const de = account.certificates.filter((c) => c.region === 'eu-central-1' && c.tags.length > 0);
    const byArn = await tagging.send(new GetResourcesCommand({ ResourceARNList: [de[0].arn] }));
    expect(byArn.ResourceTagMappingList!.map((m) => m.ResourceARN)).toEqual([de[0].arn]);
    const staging = await tagging.send(
      new GetResourcesCommand({ ResourceTypeFilters: ['acm:certificate'], TagFilters: [{ Key: 'environment', Values: ['staging'] }] }),
    );
    expect(staging.ResourceTagMappingList!.length).toBe(de.filter((c) => c.tags.some((t) => t.key === 'environment' && t.value === 'staging')).length);
    const buckets = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['s3'] }));
    expect(buckets.ResourceTagMappingList).toEqual([]);
  });
});

describe('STS and EC2 (query protocols, XML responses)', () => {
  it('GetCallerIdentity answers the account, caller ARN and user id', async () => {
    const { sts } = clients(endpoint, 'eu-west-1');
    const id = await sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe('111122223333');
    expect(id.Arn).toBe('arn:aws:sts::111122223333:assumed-role/NorthwindSecurityAudit/demo-user');
    expect(id.UserId).toMatch(/:demo-user$/);
    expect(endpoint.calls).toEqual([{ service: 'sts', operation: 'GetCallerIdentity', region: 'eu-west-1', accountId: account.accountId, role: null, status: 200, write: false }]);
  });

  it('DescribeRegions lists the enabled regions; AllRegions adds the disabled ones', async () => {
    const { ec2 } = clients(endpoint, 'us-east-1');
    const enabled = await ec2.send(new DescribeRegionsCommand({}));
    expect(enabled.Regions!.map((r) => r.RegionName)).toEqual(account.enabledRegions);
    expect(enabled.Regions![0]).toEqual({ RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' });
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions!.length).toBeGreaterThan(account.enabledRegions.length);
    expect(all.Regions!.find((r) => r.RegionName === 'af-south-1')!.OptInStatus).toBe('not-opted-in');
    const one = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }));
    expect(one.Regions!.map((r) => r.RegionName)).toEqual(['eu-west-1']);
  });

  it('refuses writes and unoffered operations with each service’s own error code', async () => {
    const { sts, ec2 } = clients(endpoint, 'us-east-1');
    const assume = await rejectionOf(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/Admin', RoleSessionName: 'x-session' })));
    expect(assume.name).toBe('AccessDenied');
    const tags = await rejectionOf(ec2.send(new CreateTagsCommand({ Resources: ['i-1'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(tags.name).toBe('UnauthorizedOperation');
    const { tagging } = clients(endpoint, 'us-east-1');
    const tagWrite = await rejectionOf(tagging.send(new TagResourcesCommand({ ResourceARNList: [account.certificates[0].arn], Tags: { a: 'b' } })));
    expect(tagWrite.name).toBe('AccessDeniedException');
    expect(endpoint.calls.map((c) => [c.service, c.operation, c.write, c.status])).toEqual([
      // Not a write, but not offered either: refused, and recorded as the read it is.
      ['sts', 'AssumeRole', false, 403],
      ['ec2', 'CreateTags', true, 403],
      ['tagging', 'TagResources', true, 403],
    ]);
  });
});

describe('denials', () => {
  it('a denied region answers AccessDeniedException (403) to every ACM call there, and other regions work', async () => {
    endpoint.setFaults({ deniedRegions: ['eu-central-1'] });
    const denied = clients(endpoint, 'eu-central-1');
    const list = await rejectionOf(denied.acm.send(new ListCertificatesCommand({})));
    expect(list.name).toBe('AccessDeniedException');
    expect(list.message).toMatch(/not authorized to perform: acm:ListCertificates/);
    expect(list.$metadata?.httpStatusCode).toBe(403);
    const arn = account.certificates.find((c) => c.region === 'eu-central-1')!.arn;
    expect((await rejectionOf(denied.acm.send(new DescribeCertificateCommand({ CertificateArn: arn })))).name).toBe('AccessDeniedException');
    expect((await rejectionOf(denied.ec2.send(new DescribeRegionsCommand({})))).name).toBe('UnauthorizedOperation');
    const ok = await clients(endpoint, 'eu-west-1').acm.send(new ListCertificatesCommand({}));
    expect(ok.CertificateSummaryList!.length).toBeGreaterThan(0);
    expect(endpoint.calls.map((c) => c.status)).toEqual([403, 403, 403, 200]);
  });

  it('denied operations fail with each service’s access-denied error', async () => {
    endpoint.setFaults({ deniedOperations: ['tagging:GetResources', 'ec2:DescribeRegions', 'sts:GetCallerIdentity'] });
    const c = clients(endpoint, 'us-east-1');
    expect((await rejectionOf(c.tagging.send(new GetResourcesCommand({})))).name).toBe('AccessDeniedException');
    expect((await rejectionOf(c.ec2.send(new DescribeRegionsCommand({})))).name).toBe('UnauthorizedOperation');
    const sts = await rejectionOf(c.sts.send(new GetCallerIdentityCommand({})));
    expect(sts.name).toBe('AccessDenied');
    expect(sts.$metadata?.httpStatusCode).toBe(403);
    // ACM itself is untouched.
    await c.acm.send(new ListCertificatesCommand({}));
    expect(endpoint.calls.every((call) => !call.write)).toBe(true);
  });
});
