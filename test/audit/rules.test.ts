import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG, type AuditConfig } from '../../src/domain/thresholds.js';
import { RULES, RULE_IDS } from '../../src/audit/rules/index.js';
import { isFqdn } from '../../src/audit/rules/non-fqdn-name.js';
import { normaliseKeyAlgorithm } from '../../src/domain/certificate-facts.js';
import { emptyCertificate } from '../../src/domain/certificate.js';
import type { Certificate } from '../../src/domain/certificate.js';
import { cert, inDays, NOW } from './helpers.js';

function findings(c: Certificate | Certificate[], ruleId: string, config: AuditConfig = DEFAULT_AUDIT_CONFIG) {
  return runAudit(Array.isArray(c) ? c : [c], config, NOW, { rules: [ruleId] }).findings;
}

describe('rule table', () => {
  it('covers every documented rule id plus the account rule, each documented', () => {
    const product = [
      'expired-in-use', 'expiring-soon', 'renewal-failing', 'weak-key', 'imported-manual-renewal',
      'email-validation', 'wildcard-in-production', 'transparency-logging-disabled', 'unused-certificate',
      'stale-pending-validation', 'missing-tags', 'exported-private-key', 'non-fqdn-name',
    ];
    for (const id of product) expect(RULE_IDS).toContain(id);
    expect(RULE_IDS).toContain('issuance-quota');
    for (const r of RULES) {
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.rationale.length).toBeGreaterThan(20);
      expect(r.remediation.length).toBeGreaterThan(20);
      expect(r.severities.length).toBeGreaterThan(0);
    }
    expect(RULES.find((r) => r.id === 'weak-key')!.references).toContain('Security Hub ACM.2');
    expect(RULES.find((r) => r.id === 'missing-tags')!.references).toContain('Security Hub ACM.3');
    expect(RULES.find((r) => r.id === 'expiring-soon')!.references).toContain('Security Hub ACM.1');
  });

  it('a healthy certificate raises nothing', () => {
    expect(runAudit([cert()], DEFAULT_AUDIT_CONFIG, NOW).findings).toEqual([]);
  });

  it('an empty certificate (every field null) crashes no rule', () => {
    const blank = emptyCertificate('arn:aws:acm:eu-west-1:123456789012:certificate/blank', 'eu-west-1');
    const result = runAudit([blank], DEFAULT_AUDIT_CONFIG, NOW);
    expect(result.findings.filter((f) => f.title.includes('could not evaluate'))).toEqual([]);
    // A blank record has no tags yet (null, still to be read), so not even missing-tags speaks.
    expect(result.findings).toEqual([]);
  });

  it('null notAfter and null domainName crash nothing across all rules', () => {
    const c = cert({ notAfter: null, domainName: null, subjectAlternativeNames: [], status: 'EXPIRED', type: 'IMPORTED' });
    const result = runAudit([c], DEFAULT_AUDIT_CONFIG, NOW);
    expect(result.findings.some((f) => f.title.includes('could not evaluate'))).toBe(false);
    expect(result.findings.find((f) => f.ruleId === 'expired-in-use')?.title).toContain('status EXPIRED');
  });
});

describe('expired-in-use', () => {
  it('fires critical on an expired certificate in use, with days and date', () => {
    const [f] = findings(cert({}, -3), 'expired-in-use');
    expect(f.severity).toBe('critical');
    expect(f.title).toMatch(/expired 3 days ago \(\d{4}-\d{2}-\d{2}\)/);
  });
  it('fires on status EXPIRED even without a date', () => {
    expect(findings(cert({ status: 'EXPIRED', notAfter: null }), 'expired-in-use')).toHaveLength(1);
  });
  it('is silent when not in use, and high when in-use is unknown', () => {
    expect(findings(cert({ inUse: false, inUseBy: [] }, -3), 'expired-in-use')).toEqual([]);
    expect(findings(cert({ inUse: null, inUseBy: [] }, -3), 'expired-in-use')[0].severity).toBe('high');
  });
  it('is distinct from expiring-soon: an expired certificate is never "expiring"', () => {
    const c = cert({ type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' }, -1);
    const all = runAudit([c], DEFAULT_AUDIT_CONFIG, NOW).findings.map((f) => f.ruleId);
    expect(all).toContain('expired-in-use');
    expect(all).not.toContain('expiring-soon');
  });
});

describe('expiring-soon', () => {
  it('fires on an imported certificate (they never renew): high within 30 days with real numbers', () => {
    const [f] = findings(cert({ type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' }, 12), 'expiring-soon');
    expect(f.severity).toBe('high');
    expect(f.title).toBe(`expires in 12 days (${inDays(12).slice(0, 10)})`);
    expect(f.detail).toMatch(/imported/i);
  });
  it('is medium between 30 and 60 days and silent beyond 60', () => {
    const imported = { type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' } as const;
    expect(findings(cert(imported, 45), 'expiring-soon')[0].severity).toBe('medium');
    expect(findings(cert(imported, 61), 'expiring-soon')).toEqual([]);
  });
  it('is silent for an eligible, DNS-validated, in-use ACM certificate 40 days out', () => {
    expect(findings(cert({}, 40), 'expiring-soon')).toEqual([]);
    expect(findings(cert({}, 20), 'expiring-soon')).toEqual([]);
  });
  it('fires once managed renewal is late (within 14 days)', () => {
    const [f] = findings(cert({}, 10), 'expiring-soon');
    expect(f.severity).toBe('high');
    expect(f.title).toContain('managed renewal is late');
  });
  it('fires when renewal FAILED or is PENDING_VALIDATION even though eligible', () => {
    expect(findings(cert({ renewalStatus: 'FAILED' }, 40), 'expiring-soon')[0].severity).toBe('medium');
    expect(findings(cert({ renewalStatus: 'PENDING_VALIDATION' }, 20), 'expiring-soon')[0].severity).toBe('high');
  });
  it('fires for email-validated certificates (renewal waits for a person)', () => {
    expect(findings(cert({ validationMethod: 'EMAIL' }, 25), 'expiring-soon')[0].detail).toMatch(/email/);
  });
  it('respects configured thresholds', () => {
    const config = { ...DEFAULT_AUDIT_CONFIG, expiryDays: { high: 7, medium: 14 } };
    const imported = { type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' } as const;
    expect(findings(cert(imported, 12), 'expiring-soon', config)[0].severity).toBe('medium');
    expect(findings(cert(imported, 20), 'expiring-soon', config)).toEqual([]);
  });
  it('is low for an unused certificate and skips revoked ones', () => {
    expect(findings(cert({ type: 'IMPORTED', inUse: false, inUseBy: [] }, 10), 'expiring-soon')[0].severity).toBe('low');
    expect(findings(cert({ type: 'IMPORTED', status: 'REVOKED' }, 10), 'expiring-soon')).toEqual([]);
  });
});

describe('renewal-failing', () => {
  it('fires high on FAILED with the reason', () => {
    const [f] = findings(cert({ renewalStatus: 'FAILED', renewalStatusReason: 'CAA_ERROR' }, 50), 'renewal-failing');
    expect(f.severity).toBe('high');
    expect(f.detail).toContain('CAA_ERROR');
    expect(f.title).toContain('expires in 50 days');
  });
  it('is medium on PENDING_VALIDATION far out, high close in', () => {
    expect(findings(cert({ renewalStatus: 'PENDING_VALIDATION' }, 50), 'renewal-failing')[0].severity).toBe('medium');
    expect(findings(cert({ renewalStatus: 'PENDING_VALIDATION' }, 20), 'renewal-failing')[0].severity).toBe('high');
  });
  it('is silent on SUCCESS, PENDING_AUTO_RENEWAL and null', () => {
    for (const s of ['SUCCESS', 'PENDING_AUTO_RENEWAL', null]) expect(findings(cert({ renewalStatus: s }), 'renewal-failing')).toEqual([]);
  });
});

describe('weak-key', () => {
  it.each(['RSA_1024', 'RSA-1024', 'rsa1024', 'rsa_1024', 'RSA 1024'])('fires on %s', (key) => {
    const [f] = findings(cert({ keyAlgorithm: key }), 'weak-key');
    expect(f.severity).toBe('high');
    expect(f.title).toContain('1024 bits');
  });
  it.each(['RSA_2048', 'RSA-4096', 'EC_prime256v1', 'EC_secp384r1', 'EC-secp521r1', null, 'SOMETHING'])('is silent on %s', (key) => {
    expect(findings(cert({ keyAlgorithm: key }), 'weak-key')).toEqual([]);
  });
  it('fires on a 192-bit curve in any spelling', () => {
    expect(findings(cert({ keyAlgorithm: 'P-192' }), 'weak-key')).toHaveLength(1);
    expect(normaliseKeyAlgorithm('EC_prime192v1')).toEqual({ family: 'EC', bits: 192 });
  });
});

describe('imported-manual-renewal', () => {
  it('fires low on an imported certificate, with expiry', () => {
    const [f] = findings(cert({ type: 'IMPORTED' }, 90), 'imported-manual-renewal');
    expect(f.severity).toBe('low');
    expect(f.title).toContain('expires in 90 days');
  });
  it('is silent for ACM-issued and private certificates', () => {
    expect(findings(cert(), 'imported-manual-renewal')).toEqual([]);
    expect(findings(cert({ type: 'PRIVATE' }), 'imported-manual-renewal')).toEqual([]);
  });
});

describe('email-validation', () => {
  it('fires medium when in use and low when not', () => {
    expect(findings(cert({ validationMethod: 'EMAIL' }), 'email-validation')[0].severity).toBe('medium');
    expect(findings(cert({ validationMethod: 'EMAIL', inUse: false, inUseBy: [] }), 'email-validation')[0].severity).toBe('low');
  });
  it('fires when only one domain validation uses EMAIL', () => {
    const dv = (method: string) => ({
      domainName: 'a.example.com', validationMethod: method, validationStatus: 'SUCCESS', validationDomain: null,
      validationEmails: [], resourceRecord: null, httpRedirect: null,
    });
    const [f] = findings(cert({ domainValidations: [dv('DNS'), dv('EMAIL')] }), 'email-validation');
    expect(f.title).toContain('1 domain');
  });
  it('is silent for DNS validation', () => {
    expect(findings(cert(), 'email-validation')).toEqual([]);
  });
});

describe('wildcard-in-production', () => {
  it('fires on a wildcard tagged as production (any configured value, any case)', () => {
    const c = cert({ domainName: '*.example.com', tags: { Environment: 'PROD', owner: 'x', application: 'y' } });
    expect(findings(c, 'wildcard-in-production')[0].severity).toBe('medium');
    const san = cert({ subjectAlternativeNames: ['a.example.com', '*.b.example.com'], tags: { environment: 'prd' } });
    expect(findings(san, 'wildcard-in-production')).toHaveLength(1);
  });
  it('is silent for wildcards outside production and exact names in production', () => {
    expect(findings(cert({ domainName: '*.example.com' }), 'wildcard-in-production')).toEqual([]);
    expect(findings(cert({ tags: { environment: 'production' } }), 'wildcard-in-production')).toEqual([]);
  });
  it('follows a configured production tag', () => {
    const config = { ...DEFAULT_AUDIT_CONFIG, productionTag: { key: 'stage', values: ['live'] } };
    expect(findings(cert({ domainName: '*.example.com', tags: { stage: 'live' } }), 'wildcard-in-production', config)).toHaveLength(1);
  });
});

describe('transparency-logging-disabled', () => {
  it('fires on a public ACM certificate with logging disabled', () => {
    expect(findings(cert({ transparencyLogging: 'DISABLED' }), 'transparency-logging-disabled')[0].severity).toBe('medium');
  });
  it('is low when the certificate is unused', () => {
    const c = cert({ transparencyLogging: 'DISABLED', inUse: false, inUseBy: [] });
    expect(findings(c, 'transparency-logging-disabled')[0].severity).toBe('low');
  });
  it('is silent for PRIVATE and IMPORTED certificates and when enabled', () => {
    expect(findings(cert({ transparencyLogging: 'DISABLED', type: 'PRIVATE' }), 'transparency-logging-disabled')).toEqual([]);
    expect(findings(cert({ transparencyLogging: 'DISABLED', type: 'IMPORTED' }), 'transparency-logging-disabled')).toEqual([]);
    expect(findings(cert(), 'transparency-logging-disabled')).toEqual([]);
  });
});

describe('unused-certificate', () => {
  it('fires as its own finding on an issued certificate not in use', () => {
    const c = cert({ inUse: false, inUseBy: [], type: 'IMPORTED' }, 200);
    const all = runAudit([c], DEFAULT_AUDIT_CONFIG, NOW).findings;
    const unused = all.filter((f) => f.ruleId === 'unused-certificate');
    expect(unused).toHaveLength(1);
    expect(unused[0].severity).toBe('low');
    expect(unused[0].title).toContain('expires in 200 days');
  });
  it('is info when the key was exported (it may serve outside AWS)', () => {
    expect(findings(cert({ inUse: false, inUseBy: [], exported: true }), 'unused-certificate')[0].severity).toBe('info');
  });
  it('is silent when in use, unknown, or not issued', () => {
    expect(findings(cert(), 'unused-certificate')).toEqual([]);
    expect(findings(cert({ inUse: null, inUseBy: [] }), 'unused-certificate')).toEqual([]);
    expect(findings(cert({ inUse: false, inUseBy: [], status: 'EXPIRED' }), 'unused-certificate')).toEqual([]);
    // InUseBy wins over a stale inUse flag
    expect(findings(cert({ inUse: false }), 'unused-certificate')).toEqual([]);
  });
});

describe('stale-pending-validation', () => {
  const created = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
  it('fires after 72 hours with the age', () => {
    const [f] = findings(cert({ status: 'PENDING_VALIDATION', createdAt: created(96) }), 'stale-pending-validation');
    expect(f.title).toContain('96 hours');
  });
  it('is silent under 72 hours, without createdAt, or when issued', () => {
    expect(findings(cert({ status: 'PENDING_VALIDATION', createdAt: created(10) }), 'stale-pending-validation')).toEqual([]);
    expect(findings(cert({ status: 'PENDING_VALIDATION', createdAt: null }), 'stale-pending-validation')).toEqual([]);
    expect(findings(cert({ createdAt: created(1000) }), 'stale-pending-validation')).toEqual([]);
  });
});

describe('missing-tags', () => {
  it('names the missing keys', () => {
    const [f] = findings(cert({ tags: { Owner: 'me' } }), 'missing-tags');
    expect(f.title).toBe('missing 2 of 3 required tags: environment, application');
  });
  it('is silent when tags could not be read, and with a custom empty list', () => {
    expect(findings(cert({ tags: null, tagsState: { state: 'failed', reason: 'AccessDenied' } }), 'missing-tags')).toEqual([]);
    expect(findings(cert({ tags: {} }), 'missing-tags', { ...DEFAULT_AUDIT_CONFIG, requiredTags: [] })).toEqual([]);
  });
});

describe('exported-private-key', () => {
  it('fires when exported and not otherwise', () => {
    expect(findings(cert({ exported: true, exportOption: 'ENABLED' }), 'exported-private-key')[0].severity).toBe('medium');
    expect(findings(cert({ exportOption: 'ENABLED' }), 'exported-private-key')).toEqual([]);
  });
});

describe('non-fqdn-name', () => {
  it('fires on single-label names, IPs and malformed names', () => {
    expect(findings(cert({ domainName: 'intranet', subjectAlternativeNames: [] }), 'non-fqdn-name')).toHaveLength(1);
    expect(findings(cert({ subjectAlternativeNames: ['10.0.0.1'] }), 'non-fqdn-name')[0].detail).toContain('10.0.0.1');
  });
  it.each(['example.com', '*.example.com', 'a.b.example.co.uk', 'xn--bcher-kva.example', 'example.com.'])('accepts %s', (n) => {
    expect(isFqdn(n)).toBe(true);
  });
  it.each(['localhost', '*.com', 'a..example.com', '-a.example.com', 'a_b.example.com', 'a.*.example.com', '', '1.2.3.4'])('rejects %j', (n) => {
    expect(isFqdn(n)).toBe(false);
  });
});

describe('issuance-quota', () => {
  const many = (n: number, overrides: Partial<Certificate>) => Array.from({ length: n }, () => cert(overrides));
  const config = { ...DEFAULT_AUDIT_CONFIG, quotas: { ...DEFAULT_AUDIT_CONFIG.quotas, issuedPer365Days: 10, held: 100 } };

  it('fires per region with certificateArn null when recent requests near the quota', () => {
    const recent = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
    const list = many(9, { createdAt: recent });
    const [f] = findings(list, 'issuance-quota', config);
    expect(f).toMatchObject({ certificateArn: null, region: 'us-east-1', severity: 'medium' });
    expect(f.title).toBe('9 of 10 ACM certificates requested in the last 365 days (90%)');
  });
  it('is high at the quota and ignores requests older than 365 days and other regions', () => {
    const recent = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
    const old = new Date(NOW.getTime() - 400 * 86_400_000).toISOString();
    const list = [...many(10, { createdAt: recent }), ...many(20, { createdAt: old })];
    expect(findings(list, 'issuance-quota', config)[0].severity).toBe('high');
    const split = [...many(5, { createdAt: recent }), ...many(5, { createdAt: recent, region: 'eu-west-1' })];
    expect(findings(split, 'issuance-quota', config)).toEqual([]);
  });
  it('uses the real quotas by default: silent on a normal account', () => {
    expect(findings(many(50, {}), 'issuance-quota')).toEqual([]);
  });
});

describe('runAudit', () => {
  it('sorts by severity, then rule, then domain, and counts every severity', () => {
    const certs = [
      cert({ domainName: 'b.example.com', keyAlgorithm: 'RSA_1024' }),
      cert({ domainName: 'a.example.com', keyAlgorithm: 'RSA-1024' }),
      cert({ domainName: 'c.example.com' }, -2),
      cert({ domainName: 'd.example.com', tags: {} }),
    ];
    const { findings: fs, summary } = runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW);
    expect(fs.map((f) => `${f.severity}/${f.ruleId}`)).toEqual([
      'critical/expired-in-use',
      'high/weak-key',
      'high/weak-key',
      'low/missing-tags',
    ]);
    expect(fs[1].certificateArn).toBe(certs[1].arn);
    expect(summary).toEqual({ critical: 1, high: 2, medium: 0, low: 1, info: 0 });
  });
  it('runs only selected rules and rejects unknown ones', () => {
    const c = cert({ keyAlgorithm: 'RSA_1024', tags: {} });
    expect(runAudit([c], DEFAULT_AUDIT_CONFIG, NOW, { rules: ['missing-tags'] }).findings.map((f) => f.ruleId)).toEqual(['missing-tags']);
    expect(() => runAudit([c], DEFAULT_AUDIT_CONFIG, NOW, { rules: ['nope'] })).toThrow(/unknown rule nope/);
  });
});
