import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { stackSetTemplate } from '../../src/domain/member-role.js';
import { memberPolicy, readActions } from '../../src/domain/read-permissions.js';
import { readPermissions } from '../../src/stages/read-permissions.js';

type Doc = { Version?: string; Statement: Array<{ Effect: string; Action: string | string[]; Principal?: { AWS: string }; Condition?: unknown; Resource?: string }> };

describe('policy --part: each document on its own, as aws iam create-policy takes it', () => {
  it('member and caller are policy documents (Version and Statement only)', async () => {
    const member = await runCli(['policy', '--part', 'member']);
    expect(member.code).toBe(0);
    const m = JSON.parse(member.stdout) as Doc;
    expect(Object.keys(m).sort()).toEqual(['Statement', 'Version']);
    expect(m).toEqual(memberPolicy(readPermissions()));
    const caller = await runCli(['policy', '--org', '--part', 'caller', '--role-name', 'AcmAudit']);
    const c = JSON.parse(caller.stdout) as Doc;
    expect(Object.keys(c).sort()).toEqual(['Statement', 'Version']);
    expect(c.Statement.flatMap((s) => s.Action)).toEqual(['organizations:ListAccounts', 'sts:AssumeRole', 'config:SelectAggregateResourceConfig']);
    expect(JSON.stringify(c)).toContain(':role/AcmAudit');
  });

  it('trust names the caller’s account, with the ExternalId condition only when one is given', async () => {
    const plain = JSON.parse((await runCli(['policy', '--part', 'trust', '--caller-account', '111122223333'])).stdout) as Doc;
    expect(plain.Statement).toEqual([{ Sid: 'AcmAdvisorCallerMayAssume', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }]);
    const withId = JSON.parse((await runCli(['policy', '--org', '--external-id', 'ext-42', '--part', 'trust', '--caller-account', '111122223333'])).stdout) as Doc;
    expect(withId.Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'ext-42' } });
  });

  it('stackset is the CloudFormation template in policy/, a role allowed the member reads alone', async () => {
    const r = await runCli(['policy', '--part', 'stackset']);
    expect(r.code).toBe(0);
    const template = JSON.parse(r.stdout) as ReturnType<typeof stackSetTemplate>;
    expect(template).toEqual(JSON.parse(readFileSync('policy/member-role-stackset.json', 'utf8')));
    expect(template).toEqual(stackSetTemplate(memberPolicy(readPermissions())));
    const role = (template.Resources as { AcmAdvisorReadRole: { Type: string; Properties: { Policies: Array<{ PolicyDocument: Doc }>; ManagedPolicyArns?: unknown } } }).AcmAdvisorReadRole;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies.flatMap((p) => p.PolicyDocument.Statement.flatMap((s) => s.Action))).toEqual(readActions(readPermissions()));
  });

  it('a wrong part, a trust policy without the caller’s account, or a bad role name: one line, exit 2', async () => {
    for (const args of [['--part', 'everything'], ['--part', 'trust'], ['--part', 'trust', '--caller-account', '12'], ['--org', '--role-name', 'bad name', '--part', 'caller']]) {
      const r = await runCli(['policy', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
