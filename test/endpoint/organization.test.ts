import { ListCertificatesCommand, DescribeCertificateCommand } from '@aws-sdk/client-acm';
import { ConfigServiceClient, SelectAggregateResourceConfigCommand, paginateSelectAggregateResourceConfig } from '@aws-sdk/client-config-service';
import { ListAccountsCommand, OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACMClient } from '@aws-sdk/client-acm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoOrganization, parseQuery, startEndpoint, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { credentials, listEverything, rejectionOf } from './helpers.js';

const now = new Date('2026-11-27T12:00:00Z');
const org = syntheticOrganization({ accounts: 23, regions: ['us-east-1', 'eu-west-1'], certificatesPerRegion: 3, now, aggregator: { name: 'org', capturedMinutesAgo: 90 } });
org.organization.accounts[5].refusesRole = true;
org.organization.accounts[6].deniedOperations = ['acm:DescribeCertificate'];
org.organization.accounts[7].status = 'SUSPENDED';
org.organization.accounts[8].roleNames = ['AuditRole'];
org.organization.accounts[8].externalId = 'secret-ext';

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startEndpoint({ ...org, rateLimit: false });
});
afterAll(() => endpoint.close());
beforeEach(() => endpoint.resetCalls());

const base = (region = 'us-east-1') => ({ region, endpoint: endpoint.url, credentials, maxAttempts: 1 });
const roleArn = (i: number, name = 'OrganizationAccountAccessRole') => `arn:aws:iam::${org.organization.accounts[i].account.accountId}:role/${name}`;

async function assume(i: number, extra: { ExternalId?: string; name?: string } = {}) {
  const sts = new STSClient(base());
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(i, extra.name), RoleSessionName: 'acm-advisor-test1', DurationSeconds: 900, ExternalId: extra.ExternalId }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration };
}

describe('Organizations ListAccounts', () => {
  it('pages through every account, 20 at most per page, with Status and State', async () => {
    const client = new OrganizationsClient(base());
    const ids: string[] = [];
    let pages = 0;
    for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
      pages++;
      expect(page.Accounts!.length).toBeLessThanOrEqual(20);
      ids.push(...page.Accounts!.map((a) => a.Id!));
    }
    expect(pages).toBe(2);
    expect(ids).toEqual(org.organization.accounts.map((a) => a.account.accountId));
    const first = await client.send(new ListAccountsCommand({ MaxResults: 20 }));
    const suspended = first.Accounts!.find((a) => a.Id === org.organization.accounts[7].account.accountId)!;
    expect(suspended).toMatchObject({ Status: 'SUSPENDED', State: 'SUSPENDED', Name: 'member-07' });
    const tooMany = await rejectionOf(client.send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(tooMany.name).toBe('InvalidInputException');
  });

  it('refuses a member account: only the management account lists the organisation', async () => {
    const member = await assume(1);
    const client = new OrganizationsClient({ ...base(), credentials: member });
    expect((await rejectionOf(client.send(new ListAccountsCommand({})))).name).toBe('AccessDeniedException');
  });
});

describe('STS AssumeRole', () => {
  it('returns credentials that read the assumed account’s own certificates', async () => {
    const member = await assume(3);
    expect(member.accessKeyId).toMatch(/^ASIA/);
    expect(member.expiration!.getTime()).toBeGreaterThan(Date.now() + 800_000);
    const id = await new STSClient({ ...base(), credentials: member }).send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe(org.organization.accounts[3].account.accountId);
    expect(id.Arn).toBe(`arn:aws:sts::${id.Account}:assumed-role/OrganizationAccountAccessRole/acm-advisor-test1`);

    const acm = new ACMClient({ ...base('eu-west-1'), credentials: member });
    const listed = await acm.send(new ListCertificatesCommand(listEverything()));
    const expected = org.organization.accounts[3].account.certificates.filter((c) => c.region === 'eu-west-1').map((c) => c.arn);
    expect(listed.CertificateSummaryList!.map((s) => s.CertificateArn).sort()).toEqual(expected.sort());
    // The caller's own keys still read the caller's own account.
    const own = await new ACMClient(base('eu-west-1')).send(new ListCertificatesCommand(listEverything()));
    expect(own.CertificateSummaryList!.every((s) => s.CertificateArn!.includes(`:${org.account.accountId}:`))).toBe(true);
    expect(endpoint.calls.filter((c) => c.operation === 'ListCertificates').map((c) => [c.accountId, c.role])).toEqual([
      [org.organization.accounts[3].account.accountId, 'OrganizationAccountAccessRole'],
      [org.account.accountId, null],
    ]);
  });

  it('refuses a role whose trust policy does not name the caller, a missing role, a wrong external id, a suspended account', async () => {
    for (const [i, extra] of [[5, {}], [2, { name: 'NoSuchRole' }], [8, { name: 'AuditRole', ExternalId: 'wrong' }], [7, {}], [8, {}]] as const) {
      const e = await rejectionOf(assume(i, extra));
      expect(e.name).toBe('AccessDenied');
      expect(e.message).toContain(roleArn(i, (extra as { name?: string }).name));
    }
    await expect(assume(8, { name: 'AuditRole', ExternalId: 'secret-ext' })).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it('checks the session name and duration as STS does', async () => {
    const sts = new STSClient(base());
    const badName = await rejectionOf(sts.send(new AssumeRoleCommand({ RoleArn: roleArn(1), RoleSessionName: 'has space' })));
    expect(badName.name).toBe('ValidationError');
    const tooLong = await rejectionOf(sts.send(new AssumeRoleCommand({ RoleArn: roleArn(1), RoleSessionName: 'ok-name', DurationSeconds: 7200 })));
    expect(tooLong.name).toBe('ValidationError');
  });

  it('a role can deny an operation: DescribeCertificate refused, listing allowed', async () => {
    const member = await assume(6);
    const acm = new ACMClient({ ...base(), credentials: member });
    const listed = await acm.send(new ListCertificatesCommand(listEverything()));
    expect(listed.CertificateSummaryList!.length).toBe(3);
    const e = await rejectionOf(acm.send(new DescribeCertificateCommand({ CertificateArn: listed.CertificateSummaryList![0].CertificateArn })));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toContain('assumed-role/OrganizationAccountAccessRole');
  });
});

describe('Config SelectAggregateResourceConfig', () => {
  const expression = "SELECT accountId, awsRegion, arn, configurationItemCaptureTime, configuration.domainName, configuration.options, tags WHERE resourceType = 'AWS::ACM::Certificate'";

  it('returns only the selected properties, nested as in the item, for every account and region, paginated', async () => {
    const client = new ConfigServiceClient(base());
    const docs: Array<Record<string, any>> = [];
    let pages = 0;
    for await (const page of paginateSelectAggregateResourceConfig({ client, pageSize: 50 }, { Expression: expression, ConfigurationAggregatorName: 'org' })) {
      pages++;
      expect(page.QueryInfo!.SelectFields!.map((f) => f.Name)).toContain('configuration.domainName');
      docs.push(...page.Results!.map((r) => JSON.parse(r)));
    }
    const all = org.organization.accounts.flatMap((a) => a.account.certificates);
    expect(pages).toBe(Math.ceil(all.length / 50));
    expect(docs.map((d) => d.arn).sort()).toEqual(all.map((c) => c.arn).sort());
    const sample = docs.find((d) => d.arn === all[10].arn)!;
    expect(Object.keys(sample).sort()).toEqual(['accountId', 'arn', 'awsRegion', 'configuration', 'configurationItemCaptureTime', 'tags']);
    expect(Object.keys(sample.configuration).sort()).toEqual(['domainName', 'options']);
    expect(sample.configuration.domainName).toBe(all[10].domainName);
    expect(sample.accountId).toBe(all[10].arn.split(':')[4]);
    expect(Date.parse(sample.configurationItemCaptureTime)).toBe(now.getTime() - 90 * 60_000);
  });

  it('filters with = and IN, and projects through arrays', async () => {
    const client = new ConfigServiceClient(base());
    const ids = org.organization.accounts.slice(1, 3).map((a) => a.account.accountId);
    const out = await client.send(
      new SelectAggregateResourceConfigCommand({
        Expression: `SELECT arn, tags.key WHERE resourceType = 'AWS::ACM::Certificate' AND accountId IN ('${ids.join("', '")}') AND awsRegion = 'eu-west-1'`,
        ConfigurationAggregatorName: 'org',
      }),
    );
    const docs = out.Results!.map((r) => JSON.parse(r));
    expect(docs).toHaveLength(6);
    for (const d of docs) for (const t of d.tags ?? []) expect(Object.keys(t)).toEqual(['key']);
  });

  it('answers an unknown aggregator and a malformed expression with Config’s errors', async () => {
    const client = new ConfigServiceClient(base());
    expect((await rejectionOf(client.send(new SelectAggregateResourceConfigCommand({ Expression: expression, ConfigurationAggregatorName: 'nope' })))).name).toBe(
      'NoSuchConfigurationAggregatorException',
    );
    expect((await rejectionOf(client.send(new SelectAggregateResourceConfigCommand({ Expression: 'DROP TABLE x', ConfigurationAggregatorName: 'org' })))).name).toBe(
      'InvalidExpressionException',
    );
    expect(() => parseQuery("SELECT arn WHERE accountId = 'it''s'")).not.toThrow();
    expect(parseQuery("SELECT arn WHERE accountId = 'it''s'").where[0].values).toEqual(["it's"]);
  });
});

describe('the demo organisation', () => {
  it('has at least four accounts, one of which refuses the role', () => {
    const demo = loadDemoOrganization(now);
    expect(demo.organization.accounts.length).toBeGreaterThanOrEqual(4);
    expect(demo.organization.accounts.filter((a) => a.refusesRole)).toHaveLength(1);
    expect(demo.organization.accounts[0].account).toBe(demo.account);
    for (const a of demo.organization.accounts)
      for (const c of a.account.certificates) expect(c.arn.split(':')[4]).toBe(a.account.accountId);
  });
});
