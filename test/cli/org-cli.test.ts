import { describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv.js';
import { runCli } from './run-cli.js';

describe('acm-advisor across an organisation (real binary, demo organisation)', () => {
  it('--demo --org: every readable account, the refused one reported with its reason, exit 3', async () => {
    const r = await runCli(['--demo', '--org', 'inventory', '--format', 'json']);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.stdout);
    expect(json.accounts.map((a: { name: string; status: string }) => [a.name, a.status])).toEqual([
      ['northwind-management', 'ok'],
      ['northwind-shop-prod', 'ok'],
      ['northwind-data-staging', 'ok'],
      ['northwind-payments-prod', 'ok'],
      ['northwind-sandbox', 'error'],
    ]);
    expect(json.accounts[4].error.code).toBe('AccessDenied');
    const names = new Set(json.certificates.map((c: { accountName: string }) => c.accountName));
    expect(names).toEqual(new Set(['northwind-management', 'northwind-shop-prod', 'northwind-data-staging', 'northwind-payments-prod']));
    expect(r.stderr).toMatch(/account northwind-sandbox \(444455556666\) failed, results are partial: could not assume role OrganizationAccountAccessRole/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('CSV carries the account id and name', async () => {
    const r = await runCli(['--demo', '--accounts', '222233334444', '--org', 'inventory', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [header, ...rows] = parseCsv(r.stdout);
    const [id, name] = [header.indexOf('accountId'), header.indexOf('accountName')];
    expect(header[0]).toBe('arn');
    expect(rows.length).toBe(5);
    for (const row of rows) expect([row[id], row[name]]).toEqual(['222233334444', 'northwind-shop-prod']);
  });

  it('--source config-aggregator: the same estate from Config, with its age and what it lacks', async () => {
    const r = await runCli(['--demo', '--source', 'config-aggregator:northwind-org-certificates', 'inventory', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.source).toMatchObject({ kind: 'config-aggregator', aggregator: 'northwind-org-certificates' });
    expect(json.source.missingFields.map((f: { field: string }) => f.field)).toContain('exportOption');
    expect(Date.now() - Date.parse(json.source.capturedAt.oldest)).toBeGreaterThan(3 * 3_600_000);
    const table = await runCli(['--demo', '--source', 'config-aggregator:northwind-org-certificates', 'inventory']);
    expect(table.stdout).toMatch(/recorded by AWS Config aggregator northwind-org-certificates, oldest item \d+ h old; tags and fields may lag the live API/);
  });

  it('audit and report carry the account: findings name it, the report has one row per account and names the failed one', async () => {
    const audit = await runCli(['--demo', '--org', 'audit', '--format', 'json']);
    expect(audit.code).toBe(3);
    const findings = JSON.parse(audit.stdout).findings as Array<{ accountId: string; accountName: string; certificateArn: string | null }>;
    for (const f of findings) {
      expect(f.accountId).toMatch(/^\d{12}$/);
      if (f.certificateArn) expect(f.certificateArn.split(':')[4]).toBe(f.accountId);
    }
    expect(new Set(findings.map((f) => f.accountName)).size).toBeGreaterThan(2);
    const table = await runCli(['--demo', '--org', 'audit']);
    expect(table.stdout).toMatch(/RULE\s+CERTIFICATE\s+ACCOUNT\s+REGION/);

    const report = await runCli(['--demo', '--org', 'report']);
    expect(report.code).toBe(3);
    expect(report.stdout).toMatch(/^## Accounts$/m);
    expect(report.stdout).toMatch(/\*\*Incomplete:\*\* northwind-sandbox could not be read in full/);
    expect(report.stdout).toMatch(/\| northwind-shop-prod\s+\| 222233334444 \| ok/);
    // Findings grouped by account: a heading each, the refused account with its reason.
    const section = report.stdout.split('\n## Findings\n')[1].split('\n## ')[0];
    expect(section).toMatch(/^### northwind-shop-prod \(222233334444\)\n\n\d+ findings: /m);
    expect(section).toMatch(/^### northwind-sandbox \(444455556666\)\n\n\*\*Not read in full:\*\* AccessDenied: could not assume role/m);
  });

  it('policy --org prints the caller’s policy and the member role’s', async () => {
    const r = await runCli(['policy', '--org', '--role-name', 'AcmAudit']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const actions = (p: { Statement: Array<{ Action: string[] }> }) => p.Statement.flatMap((s) => s.Action);
    expect(actions(json.callerPolicy)).toEqual(['organizations:ListAccounts', 'sts:AssumeRole', 'config:SelectAggregateResourceConfig']);
    expect(JSON.stringify(json.callerPolicy)).toContain('role/AcmAudit');
    expect(actions(json.memberRolePolicy)).toContain('acm:DescribeCertificate');
  });

  it('bad estate flags are one line and exit 2', async () => {
    for (const args of [['--accounts', '12', 'inventory'], ['--source', 'nowhere', 'inventory'], ['--role-name', 'X', 'inventory']]) {
      const r = await runCli(['--demo', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^acm-advisor: --/);
    }
  });
});
