import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { findingRecords } from '../../src/audit/finding-record.js';
import { compareWithPrevious, sinceLines } from '../../src/audit/since.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { cert, NOW } from './helpers.js';

describe('--since last', () => {
  it('names exactly the new, fixed and changed findings and certificates', () => {
    const stays = cert({ domainName: 'stays.example.com' });
    const weak = cert({ domainName: 'weak.example.com', keyAlgorithm: 'RSA_1024' });
    const gone = cert({ domainName: 'gone.example.com', inUse: false, inUseBy: [] });
    const before = [stays, weak, gone];
    const fresh = cert({ domainName: 'fresh.example.com', tags: {} });
    const after = [{ ...stays, renewalStatus: 'PENDING_AUTO_RENEWAL' }, { ...weak, keyAlgorithm: 'RSA_2048' }, fresh];
    const audit = (certs: typeof before) => runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW).findings;
    const { findings, since } = compareWithPrevious({
      previous: { savedAt: '2026-06-14T00:00:00.000Z', certificates: before, findings: audit(before) },
      current: { certificates: after, findings: findingRecords(audit(after), after) },
    });
    expect(since.certificates.new.map((c) => c.domainName)).toEqual(['fresh.example.com']);
    expect(since.certificates.removed.map((c) => c.domainName)).toEqual(['gone.example.com']);
    expect(since.certificates.changed.map((c) => [c.domainName, c.fields])).toEqual([
      ['stays.example.com', ['renewalStatus']],
      ['weak.example.com', ['keyAlgorithm']],
    ]);
    expect(since.findings.new.map((f) => `${f.ruleId} ${f.domainName}`)).toEqual(['missing-tags fresh.example.com']);
    expect(since.findings.fixed.map((f) => `${f.ruleId} ${f.domainName}`).sort()).toEqual(['unused-certificate gone.example.com', 'weak-key weak.example.com']);
    expect(since.findings.changed).toEqual([]);
    expect(findings.map((f) => f.change)).toEqual(['new']);
    expect(sinceLines(since)).toHaveLength(7);
  });

  it('a finding whose severity moved is changed, with what it was', () => {
    const c = cert({ domainName: 'imp.example.com', type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' }, 50);
    const later = new Date(NOW.getTime() + 25 * 86_400_000);
    const { findings, since } = compareWithPrevious({
      previous: { savedAt: NOW.toISOString(), certificates: [c], findings: runAudit([c], DEFAULT_AUDIT_CONFIG, NOW).findings },
      current: { certificates: [c], findings: findingRecords(runAudit([c], DEFAULT_AUDIT_CONFIG, later).findings, [c]) },
    });
    // The other finding's title moved from 50 to 25 days, its severity did not: not a change.
    expect(since.findings.changed).toMatchObject([{ ruleId: 'expiring-soon', severity: 'high', before: { severity: 'medium' } }]);
    expect(since.findings.changed).toHaveLength(1);
    expect(findings.find((f) => f.ruleId === 'expiring-soon')!.change).toBe('changed');
    expect(since.certificates.changed).toEqual([]);
  });
});
