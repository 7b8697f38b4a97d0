import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsInventorySource, type AwsSourceOptions } from '../../src/aws/source.js';
import { accountsOf, isPartial, type Inventory, type InventoryEvent } from '../../src/domain/inventory.js';
import { startEndpoint, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';
import { MISSING_FROM_CONFIG } from '../../src/aws/config-item.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const FAST = { listCertificates: 400, describeCertificate: 400, listTagsForCertificate: 400, concurrency: 16 };
const now = new Date();

/** 20 accounts × 3 regions × 4 certificates; the same seed gives the same data every time. */
const build = () => syntheticOrganization({ accounts: 20, regions: REGIONS, certificatesPerRegion: 4, now, aggregator: { name: 'org-certs', capturedMinutesAgo: 45 } });
const org = build();
const members = org.organization.accounts;
const REFUSES = members[4];
const DENIES_DESCRIBE = members[9];
REFUSES.refusesRole = true;
DENIES_DESCRIBE.deniedOperations = ['acm:DescribeCertificate'];

function source(endpoint: RunningEndpoint, extra: Partial<AwsSourceOptions> = {}) {
  return awsInventorySource({
    regions: { kind: 'list', regions: REGIONS },
    endpoint: endpoint.url,
    credentials: CREDENTIALS,
    homeRegion: 'us-east-1',
    pacing: FAST,
    scope: { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' },
    ...extra,
  });
}

describe('an organisation of 20 accounts × 3 regions over HTTP', () => {
  let endpoint: RunningEndpoint;
  let inv: Inventory;
  const events: InventoryEvent[] = [];
  beforeAll(async () => {
    // A page cap of 7 makes ListAccounts take three pages.
    endpoint = await startEndpoint({ ...org, rateScale: 50, pageSizeCap: 7 });
    inv = await source(endpoint).load((e) => events.push(e));
  });
  afterAll(() => endpoint.close());

  it('attributes every certificate to the right account id and name', () => {
    const nameOf = new Map(members.map((m) => [m.account.accountId, m.name]));
    expect(inv.certificates.length).toBeGreaterThan(0);
    for (const c of inv.certificates) {
      expect(c.accountId).toBe(c.arn.split(':')[4]);
      expect(c.accountName).toBe(nameOf.get(c.accountId!));
    }
    const readable = members.filter((m) => m !== REFUSES).flatMap((m) => m.account.certificates.map((c) => c.arn));
    expect(inv.certificates.map((c) => c.arn).sort()).toEqual(readable.sort());
  });

  it('reports the account whose role cannot be assumed and the one that denies DescribeCertificate; every other account is complete', () => {
    const accounts = accountsOf(inv);
    expect(accounts).toHaveLength(20);
    const refused = accounts.find((a) => a.id === REFUSES.account.accountId)!;
    expect(refused).toMatchObject({ name: REFUSES.name, status: 'error', error: { code: 'AccessDenied' } });
    expect(refused.error!.message).toMatch(/could not assume role OrganizationAccountAccessRole in member-04/);
    const denying = accounts.find((a) => a.id === DENIES_DESCRIBE.account.accountId)!;
    expect(denying).toMatchObject({ status: 'error', error: { code: 'AccessDeniedException' } });
    expect(denying.error!.message).toMatch(/DescribeCertificate/);
    // Its certificates are there, summary only, and say why.
    const partial = inv.certificates.filter((c) => c.accountId === DENIES_DESCRIBE.account.accountId);
    expect(partial).toHaveLength(12);
    for (const c of partial) expect(c.detail).toMatchObject({ state: 'failed', reason: expect.stringMatching(/AccessDenied/) });

    const others = accounts.filter((a) => a !== refused && a !== denying);
    expect(others).toHaveLength(18);
    for (const a of others) {
      expect(a.status).toBe('ok');
      expect(a.regions.map((r) => [r.region, r.status, r.accountId])).toEqual(REGIONS.map((r) => [r, 'ok', a.id]));
    }
    const otherIds = new Set(others.map((a) => a.id));
    for (const c of inv.certificates.filter((c) => otherIds.has(c.accountId!))) expect(c.detail.state).toBe('complete');
    expect(isPartial(inv)).toBe(true);
  });

  it('reads the caller’s own account with the caller’s credentials, every other account through one role session each', () => {
    const management = members[0].account.accountId;
    const own = endpoint.calls.filter((c) => c.accountId === management);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.role === null)).toBe(true);
    const assumed = endpoint.calls.filter((c) => c.operation === 'AssumeRole');
    // One per member (the management account is never assumed); memoised across regions and services.
    expect(assumed).toHaveLength(19);
    const viaRole = endpoint.calls.filter((c) => c.role !== null);
    expect(new Set(viaRole.map((c) => c.accountId)).size).toBe(18);
    expect(viaRole.every((c) => c.role === 'OrganizationAccountAccessRole')).toBe(true);
    expect(endpoint.calls.filter((c) => c.operation === 'ListAccounts').length).toBe(3);
  });

  it('emits account progress: the list, then each account done or failed', () => {
    const list = events.find((e) => e.kind === 'accounts');
    expect(list && list.kind === 'accounts' && list.accounts.length).toBe(20);
    const done = events.filter((e) => e.kind === 'account-done');
    expect(done).toHaveLength(20);
    expect(events.filter((e) => e.kind === 'account-failed').map((e) => e.kind === 'account-failed' && e.accountId)).toEqual([REFUSES.account.accountId]);
    const summaries = events.filter((e) => e.kind === 'summaries');
    expect(summaries.every((e) => e.kind === 'summaries' && e.accountId && e.certificates.every((c) => c.accountId === e.accountId && c.accountName))).toBe(true);
    expect(events.filter((e) => e.kind === 'done')).toHaveLength(1);
  });

  it('reads only the accounts named with --accounts, with or without --org', async () => {
    const ids = [members[2].account.accountId, members[3].account.accountId];
    const withOrg = await source(endpoint, { scope: { org: true, accounts: [...ids, '999999999999'], roleName: 'OrganizationAccountAccessRole' } }).load(() => {});
    expect(accountsOf(withOrg).map((a) => [a.id, a.name, a.status])).toEqual([
      [ids[0], 'member-02', 'ok'],
      [ids[1], 'member-03', 'ok'],
      ['999999999999', null, 'error'],
    ]);
    expect(accountsOf(withOrg)[2].error?.code).toBe('NotInOrganization');

    endpoint.resetCalls();
    const without = await source(endpoint, { scope: { org: false, accounts: ids, roleName: 'OrganizationAccountAccessRole' } }).load(() => {});
    expect(endpoint.calls.some((c) => c.operation === 'ListAccounts')).toBe(false);
    expect(new Set(without.certificates.map((c) => c.accountId))).toEqual(new Set(ids));
    expect(without.certificates.every((c) => c.accountName === null)).toBe(true);
    expect(isPartial(without)).toBe(false);
  });

  it('a member role of another name: --role-name', async () => {
    const endpoint2 = await startEndpoint({ ...build(), rateScale: 50 });
    try {
      const inv2 = await source(endpoint2, { scope: { org: false, accounts: [members[1].account.accountId], roleName: 'AuditRole' } }).load(() => {});
      expect(accountsOf(inv2)[0].error?.message).toMatch(/could not assume role AuditRole/);
    } finally {
      await endpoint2.close();
    }
  });

  it('only ever reads; the caller’s policy covers the calls made as the caller, the member role’s those made through the role', async () => {
    endpoint.resetCalls();
    await source(endpoint, { regions: { kind: 'all' } }).load(() => {});
    await source(endpoint, { origin: { kind: 'config-aggregator', name: 'org-certs' } }).load(() => {});
    expect(endpoint.calls.some((c) => c.write)).toBe(false);
    const actions = (file: string) =>
      new Set((JSON.parse(readFileSync(`policy/${file}`, 'utf8')) as { Statement: Array<{ Action: string[] }> }).Statement.flatMap((s) => s.Action));
    const member = actions('iam-policy.json');
    const caller = actions('org-caller-policy.json');
    const action = (c: { service: string; operation: string }) => `${c.service === 'tagging' ? 'tag' : c.service}:${c.operation}`;
    const free = new Set(['sts:GetCallerIdentity']);
    const asCaller = new Set(endpoint.calls.filter((c) => c.role === null).map(action));
    const asRole = new Set(endpoint.calls.filter((c) => c.role !== null).map(action));
    expect([...asCaller]).toEqual(
      expect.arrayContaining(['acm:ListCertificates', 'acm:DescribeCertificate', 'config:SelectAggregateResourceConfig', 'organizations:ListAccounts', 'sts:AssumeRole']),
    );
    expect([...asRole]).toEqual(expect.arrayContaining(['acm:ListCertificates', 'acm:DescribeCertificate', 'ec2:DescribeRegions']));
    expect(asRole.has('sts:AssumeRole') || asRole.has('organizations:ListAccounts') || asRole.has('config:SelectAggregateResourceConfig')).toBe(false);
    for (const a of asCaller) if (!free.has(a)) expect(member.has(a) || caller.has(a)).toBe(true);
    for (const a of asRole) if (!free.has(a)) expect(member.has(a)).toBe(true);
    for (const a of caller) expect(a).toMatch(/^(organizations:List|sts:AssumeRole$|config:Select)/);
    for (const a of member) expect(a).toMatch(/:(List|Describe|Get|Search|Lookup)|^apigateway:GET$/);
  });
});

describe('the Config aggregator path', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    // The same organisation with nothing refused: both paths can read everything.
    endpoint = await startEndpoint({ ...build(), rateScale: 50 });
  });
  afterAll(() => endpoint.close());

  it('returns the same certificates (by ARN) as the API path on the same data, and lists the fields Config does not carry', async () => {
    const api = await source(endpoint).load(() => {});
    const viaConfig = await source(endpoint, { origin: { kind: 'config-aggregator', name: 'org-certs' } }).load(() => {});
    expect(isPartial(api)).toBe(false);
    expect(viaConfig.certificates.map((c) => c.arn).sort()).toEqual(api.certificates.map((c) => c.arn).sort());
    expect(viaConfig.certificates).toHaveLength(20 * 3 * 4);

    expect(viaConfig.origin?.kind).toBe('config-aggregator');
    expect(viaConfig.origin?.missingFields.map((f) => f.field)).toEqual(MISSING_FROM_CONFIG.map((f) => f.field));
    expect(viaConfig.origin?.missingFields.map((f) => f.field)).toEqual(expect.arrayContaining(['exportOption', 'keyPairOrigin', 'managedBy', 'revocationReason']));
    expect(Date.parse(viaConfig.origin!.capturedAt.oldest!)).toBe(now.getTime() - 45 * 60_000);

    const live = new Map(api.certificates.map((c) => [c.arn, c]));
    for (const c of viaConfig.certificates) {
      const l = live.get(c.arn)!;
      for (const f of MISSING_FROM_CONFIG) expect(c[f.field]).toBeNull();
      // Names come from Organizations (--org), as on the API path.
      expect([c.accountId, c.accountName]).toEqual([l.accountId, l.accountName]);
      for (const f of ['domainName', 'status', 'type', 'keyAlgorithm', 'notAfter', 'notBefore', 'inUse', 'inUseBy', 'renewalEligibility', 'validationMethod', 'transparencyLogging', 'issuer', 'tags', 'serial', 'subjectAlternativeNames'] as const) {
        expect([c.arn, f, c[f]]).toEqual([c.arn, f, l[f]]);
      }
    }
    expect(accountsOf(viaConfig)).toHaveLength(20);
    // One paginated query, 100 per page, whatever the number of accounts.
    const selects = endpoint.calls.filter((c) => c.operation === 'SelectAggregateResourceConfig');
    expect(selects).toHaveLength(Math.ceil(240 / 100));
  });

  it('an unknown aggregator is one clear error', async () => {
    await expect(source(endpoint, { origin: { kind: 'config-aggregator', name: 'nope' } }).load(() => {})).rejects.toMatchObject({
      name: 'EstateError',
      message: expect.stringMatching(/aggregator 'nope'.*NoSuchConfigurationAggregatorException/),
    });
  });
});
