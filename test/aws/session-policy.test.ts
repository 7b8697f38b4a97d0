import { readFileSync } from 'node:fs';
import { ACMClient, DeleteCertificateCommand, DescribeCertificateCommand, ListCertificatesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-acm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberCredentials, sessionName } from '../../src/aws/assume-role.js';
import { memberPolicy, readActions, SESSION_POLICY_MAX_CHARS, sessionPolicy } from '../../src/domain/read-permissions.js';
import { readPermissions } from '../../src/stages/read-permissions.js';
import { BUILT_IN_STAGES, STAGES } from '../../src/stages/index.js';
import { startEndpoint, syntheticOrganization, type RunningEndpoint } from '../../src/endpoint/index.js';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const org = syntheticOrganization({ accounts: 3, regions: ['us-east-1'], certificatesPerRegion: 2, now: new Date() });
const member = org.organization.accounts[1].account;

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('the session policy sent with every AssumeRole', () => {
  it('is within STS’s 2,048-character limit for an inline session policy, and allows exactly the read actions', () => {
    const text = sessionPolicy(readPermissions());
    expect(text.length).toBeLessThanOrEqual(SESSION_POLICY_MAX_CHARS);
    const doc = JSON.parse(text) as { Statement: Array<{ Effect: string; Action: string[]; Resource: string }> };
    expect(doc.Statement).toHaveLength(1);
    expect(doc.Statement[0].Effect).toBe('Allow');
    expect(doc.Statement[0].Action).toEqual(readActions(readPermissions()));
    // API Gateway names every management read by its HTTP method: apigateway:GET is its read-only action.
    for (const a of doc.Statement[0].Action) expect(a).toMatch(/^[a-z0-9-]+:(List|Describe|Get|Search|Lookup)[A-Za-z]*$|^apigateway:GET$/);
  });

  it('allows every action each registered read stage declares, so a new stage’s reads work through member sessions', () => {
    const allowed = new Set((JSON.parse(sessionPolicy(readPermissions())) as { Statement: Array<{ Action: string[] }> }).Statement[0].Action);
    for (const stage of [...BUILT_IN_STAGES, ...STAGES]) for (const op of stage.operations) expect(allowed, `${String(stage.id)}: ${op.action}`).toContain(op.action);
    for (const core of ['acm:DescribeCertificate', 'tag:GetResources', 'ec2:DescribeRegions']) expect(allowed).toContain(core);
  });

  it('is built from the same list as the member policy, which policy/iam-policy.json holds as printed', () => {
    const file = JSON.parse(readFileSync('policy/iam-policy.json', 'utf8')) as unknown;
    expect(file, "policy/iam-policy.json is built from READ_PERMISSIONS (src/domain/read-permissions.ts): add a new read action there, then write the file as 'acm-advisor policy --part member' prints it").toEqual(memberPolicy(readPermissions()));
    expect(new Set(memberPolicy(readPermissions()).Statement.flatMap((s) => s.Action as string[]))).toEqual(new Set(readActions(readPermissions())));
  });
});

describe('assumed sessions over HTTP are limited to reads', () => {
  let endpoint: RunningEndpoint;
  beforeAll(async () => {
    endpoint = await startEndpoint({ ...org, rateLimit: false });
  });
  afterAll(() => endpoint.close());

  it('the role acm-advisor assumes can read, and cannot make any other call, whatever the role allows', async () => {
    const credentials = memberCredentials({
      accountId: member.accountId,
      roleName: 'OrganizationAccountAccessRole',
      sessionName: sessionName(),
      partition: 'aws',
      parent: CREDENTIALS,
      region: 'us-east-1',
      endpoint: endpoint.url,
    });
    const acm = new ACMClient({ region: 'us-east-1', endpoint: endpoint.url, credentials, maxAttempts: 1 });
    const listed = await acm.send(new ListCertificatesCommand({}));
    const arn = listed.CertificateSummaryList![0].CertificateArn!;
    await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
    // A write, and a read acm-advisor never makes (the generic tag read of ACM's other resources).
    for (const command of [new DeleteCertificateCommand({ CertificateArn: arn }), new ListTagsForResourceCommand({ ResourceArn: arn })]) {
      const e = await rejection(acm.send(command as never));
      expect(e.name).toBe('AccessDeniedException');
      expect(e.message).toMatch(/because no session policy allows the acm:(DeleteCertificate|ListTagsForResource) action/);
    }
    acm.destroy();
  });

  it('the endpoint honours any session policy it is given, and refuses one over the size limit', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: endpoint.url, credentials: CREDENTIALS, maxAttempts: 1 });
    const RoleArn = `arn:aws:iam::${member.accountId}:role/OrganizationAccountAccessRole`;
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn, RoleSessionName: 'acm-advisor-t1', DurationSeconds: 900, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'acm:List*', Resource: '*' }] }) }),
    );
    const c = out.Credentials!;
    const acm = new ACMClient({ region: 'us-east-1', endpoint: endpoint.url, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, maxAttempts: 1 });
    const listed = await acm.send(new ListCertificatesCommand({}));
    const e = await rejection(acm.send(new DescribeCertificateCommand({ CertificateArn: listed.CertificateSummaryList![0].CertificateArn! })));
    expect(e.message).toContain('no session policy allows the acm:DescribeCertificate action');
    const tooLong = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 120 }, (_, i) => `acm:ListThing${i}`), Resource: '*' }] });
    const big = await rejection(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 'acm-advisor-t2', DurationSeconds: 900, Policy: tooLong })));
    expect(big.message).toMatch(/length less than or equal to 2048/);
    acm.destroy();
    sts.destroy();
  });
});
