import { recordingContext } from '../support/command-context.js';
import { describe, expect, it } from 'vitest';
import { runAuditCommand, auditExitCode } from '../../src/cli/commands/audit.js';
import { InputError } from '../../src/domain/errors.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { renderAuditTable } from '../../src/cli/format/audit-table.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { cert, NOW } from './helpers.js';

function inventory(certs = [cert()], failed = false): Inventory {
  return {
    generatedAt: NOW.toISOString(),
    account: { id: '123456789012', arn: 'arn:aws:iam::123456789012:root' },
    regions: [
      { region: 'us-east-1', status: 'ok', listed: certs.length, described: certs.length },
      ...(failed
        ? [{ region: 'eu-west-1', status: 'error' as const, error: { code: 'AccessDenied', message: 'nope\u001b[31m' }, listed: 0, described: 0 }]
        : []),
    ],
    certificates: certs,
    warnings: [],
  };
}

function context(inv: Inventory) {
  return recordingContext({ inventory: inv, now: NOW });
}

describe('audit command', () => {
  it('exits 1 when a finding reaches --fail-on and 0 when clean', async () => {
    const bad = context(inventory([cert({ keyAlgorithm: 'RSA_1024' })]));
    expect(await runAuditCommand(bad.ctx, { format: 'table', failOn: 'high' })).toBe(1);
    const clean = context(inventory());
    expect(await runAuditCommand(clean.ctx, { format: 'table', failOn: 'high' })).toBe(0);
    expect(clean.out.join('')).toContain('No findings.');
  });

  it('prints the audit JSON contract', async () => {
    const c = context(inventory([cert({ keyAlgorithm: 'RSA_1024' })]));
    expect(await runAuditCommand(c.ctx, { format: 'json' })).toBe(0);
    const json = JSON.parse(c.out.join(''));
    expect(Object.keys(json)).toEqual(['schemaVersion', 'findings', 'summary', 'notEvaluated']);
    expect(json.schemaVersion).toBe(1);
    expect(json.notEvaluated).toEqual([]);
    expect(Object.keys(json.findings[0])).toEqual([
      'ruleId', 'severity', 'certificateArn', 'region', 'title', 'detail', 'remediation',
      'domainName', 'accountId', 'notAfter', 'references', 'status',
    ]);
    expect(json.summary).toEqual({ critical: 0, high: 1, medium: 0, low: 0, info: 0 });
  });

  // Naming the failed region on stderr is the CLI shell's job (ctx.loadInventory); see test/cli.
  it('returns 3 on a partial inventory unless the threshold was hit', async () => {
    const partial = context(inventory([cert()], true));
    expect(await runAuditCommand(partial.ctx, { format: 'table', failOn: 'high' })).toBe(3);
    expect(partial.err.join('')).not.toContain('\u001b');
    const both = context(inventory([cert({ keyAlgorithm: 'RSA_1024' })], true));
    expect(await runAuditCommand(both.ctx, { format: 'table', failOn: 'high' })).toBe(1);
    expect(auditExitCode(false, false)).toBe(0);
  });

  it('rejects bad options before loading the inventory', async () => {
    const c = context(inventory());
    await expect(runAuditCommand(c.ctx, { format: 'table', failOn: 'urgent' })).rejects.toThrow(InputError);
    await expect(runAuditCommand(c.ctx, { format: 'table', rules: 'weak-key,nope' })).rejects.toThrow(InputError);
    await expect(runAuditCommand(c.ctx, { format: 'xml' as 'json' })).rejects.toThrow(InputError);
    await expect(runAuditCommand(c.ctx, { format: 'table', config: '/no/such/audit.yaml' })).rejects.toThrow(InputError);
    expect(c.loads()).toBe(0);
  });

  it('applies --rules and threshold flags', async () => {
    const c = context(inventory([cert({ type: 'IMPORTED', renewalEligibility: 'INELIGIBLE', tags: {} }, 20)]));
    await runAuditCommand(c.ctx, { format: 'json', rules: 'expiring-soon', expiryHigh: 10, expiryMedium: 30 });
    const json = JSON.parse(c.out.join(''));
    expect(json.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}/${f.severity}`)).toEqual(['expiring-soon/medium']);
  });
});

describe('audit table', () => {
  it('groups by severity and neutralises hostile strings', () => {
    const hostile = cert({ domainName: 'evil\u001b]0;pwned\u0007.example.com\u001b[2J', keyAlgorithm: 'RSA_1024', tags: {} });
    const result = runAudit([hostile, cert({}, -1)], DEFAULT_AUDIT_CONFIG, NOW);
    const text = renderAuditTable(result, { color: false, certificates: [hostile] });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    // critical: expired; high: weak key; low: missing tags and the name that is not an FQDN
    const order = ['CRITICAL (1)', 'HIGH (1)', 'LOW (2)'].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('4 findings: 1 critical, 1 high, 0 medium, 2 low, 0 info');
    expect(text).toContain('evil\uFFFD.example.com\uFFFD');
    const coloured = renderAuditTable(result, { color: true });
    expect(coloured).toContain('\u001b[');
  });
});
