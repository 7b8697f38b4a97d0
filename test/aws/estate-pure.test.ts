import type { Certificate } from '../../src/domain/certificate.js';
import { describe, expect, it } from 'vitest';
import { memoise, partitionOf, roleArn, sessionName, SESSION_SECONDS } from '../../src/aws/assume-role.js';
import { aggregatorQuery, fromConfigurationItem } from '../../src/aws/config-item.js';
import { memberOf } from '../../src/aws/organizations.js';
import { estateSettings } from '../../src/cli/estate-flags.js';
import { parseQuery } from '../../src/endpoint/index.js';

describe('member role sessions', () => {
  it('names each session acm-advisor-<short random> within STS limits, for the shortest duration STS grants', () => {
    const a = sessionName();
    expect(a).toMatch(/^acm-advisor-[0-9a-f]{8}$/);
    expect(a).not.toBe(sessionName());
    expect(SESSION_SECONDS).toBe(900);
    expect(roleArn({ accountId: '123456789012', roleName: 'R', partition: partitionOf('arn:aws-cn:sts::1:assumed-role/x/y') })).toBe('arn:aws-cn:iam::123456789012:role/R');
    expect(partitionOf(null)).toBe('aws');
  });

  it('refreshes before the session lapses, and shares one request between concurrent callers', async () => {
    let clock = 0;
    let calls = 0;
    const provider = memoise(async () => {
      calls++;
      return { accessKeyId: `K${calls}`, secretAccessKey: 's', expiration: new Date(clock + 900_000) };
    }, () => clock);
    const [x, y] = await Promise.all([provider(), provider()]);
    expect([x.accessKeyId, y.accessKeyId, calls]).toEqual(['K1', 'K1', 1]);
    clock = 500_000; // 400 s left: still good
    expect((await provider()).accessKeyId).toBe('K1');
    clock = 700_000; // 200 s left: inside the refresh window
    expect((await provider()).accessKeyId).toBe('K2');
  });

  it('does not keep a failure', async () => {
    let fail = true;
    const provider = memoise(async () => {
      if (fail) throw new Error('denied');
      return { accessKeyId: 'K', secretAccessKey: 's' };
    });
    await expect(provider()).rejects.toThrow('denied');
    fail = false;
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'K' });
  });
});

describe('Organizations accounts', () => {
  it('prefers State over Status when both are present', () => {
    expect(memberOf({ Id: '1', Name: 'a', Status: 'ACTIVE', State: 'SUSPENDED' } as never).state).toBe('SUSPENDED');
    expect(memberOf({ Id: '1', Status: 'ACTIVE' } as never)).toEqual({ id: '1', name: null, state: 'ACTIVE' });
  });
});

describe('Config aggregator items', () => {
  it('builds a query the endpoint’s parser and Config read, quoting hostile ids', () => {
    const q = aggregatorQuery(["12'3"], ['eu-west-1']);
    const parsed = parseQuery(q);
    expect(parsed.where.map((w) => [w.path.join('.'), w.op, w.values])).toEqual([
      ['resourceType', '=', ['AWS::ACM::Certificate']],
      ['accountId', 'IN', ["12'3"]],
      ['awsRegion', 'IN', ['eu-west-1']],
    ]);
  });

  it('normalises an item: epoch or ISO dates, tags, in-use; unreadable documents are skipped', () => {
    const item = fromConfigurationItem(
      JSON.stringify({
        accountId: '123456789012',
        awsRegion: 'eu-west-1',
        configurationItemCaptureTime: '2026-11-01T10:00:00.000Z',
        tags: [{ key: 'owner', value: 'web\u001b]8;;x\u0007' }],
        configuration: {
          certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
          notAfter: 1_800_000_000,
          notBefore: 1_700_000_000_000,
          inUseBy: [],
          domainValidationOptions: [{ domainName: 'a.example', validationMethod: 'EMAIL' }],
        },
      }),
    ) as { certificate: Certificate; capturedAt: string | null };
    expect(item.capturedAt).toBe('2026-11-01T10:00:00.000Z');
    expect(item.certificate).toMatchObject({
      accountId: '123456789012',
      region: 'eu-west-1',
      notAfter: new Date(1_800_000_000_000).toISOString(),
      notBefore: new Date(1_700_000_000_000).toISOString(),
      inUse: false,
      validationMethod: 'EMAIL',
      exportOption: null,
      tags: { owner: 'web\u001b]8;;x\u0007' },
    });
    expect(fromConfigurationItem('not json')).toEqual({ unreadable: 'not valid JSON' });
    expect(fromConfigurationItem('{"configuration":{}}')).toEqual({ unreadable: 'it names no certificate' });
  });
});

describe('estate flags', () => {
  it('reads --org, --accounts, --role-name, --external-id, --source and --concurrency', () => {
    expect(estateSettings({})).toEqual({ origin: { kind: 'api' } });
    expect(estateSettings({ org: true })).toEqual({ scope: { org: true, accounts: null, roleName: 'OrganizationAccountAccessRole' }, origin: { kind: 'api' } });
    expect(estateSettings({ accounts: '111122223333, 444455556666,111122223333', roleName: 'Audit', externalId: 'ext-1', concurrency: '32' })).toEqual({
      scope: { org: false, accounts: ['111122223333', '444455556666'], roleName: 'Audit', externalId: 'ext-1' },
      origin: { kind: 'api' },
      concurrency: 32,
    });
    expect(estateSettings({ source: 'config-aggregator:org-certs' }).origin).toEqual({ kind: 'config-aggregator', name: 'org-certs' });
  });

  it('turns every bad value into one usage sentence', () => {
    for (const bad of [{ accounts: '1234' }, { accounts: ',' }, { org: true, roleName: 'has space' }, { org: true, externalId: 'x' }, { roleName: 'R' }, { source: 'config' }, { source: 'config-aggregator:' }, { concurrency: '0' }, { concurrency: 'lots' }]) {
      expect(() => estateSettings(bad)).toThrow(/^--/);
    }
  });
});
