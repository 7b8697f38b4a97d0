import { describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import { stepForFinding } from '../../src/advisor/routing.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import type { Certificate } from '../../src/domain/certificate.js';
import { NOW, cert, daysFromNow, finding, inventory } from './helpers.js';

const kb = loadKnowledgeBase();
const ADOPT = { 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' };
const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1';

function planFor(certs: Certificate[], answers: Record<string, string> = ADOPT) {
  const inv = inventory(certs);
  const findings = runAudit(inv.certificates, DEFAULT_AUDIT_CONFIG, NOW).findings;
  return { findings, steps: advise(kb, { workload: null, answers }, inv, findings, DEFAULT_AUDIT_CONFIG, NOW).plan.steps };
}
const stepOf = (f: ReturnType<typeof finding>, c: Certificate) => stepForFinding(f, c, kb.planSteps);

describe('findings routed by cause', () => {
  it.each([
    ['ACME-issued', { keyPairOrigin: 'ACME' }],
    ['exported', { exported: true, exportOption: 'ENABLED' }],
  ])('an unused %s certificate is never "unused → delete": it goes to the ACME client / redeploy step', (_, over) => {
    const c = cert({ domainName: 'edge.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', inUse: false, notAfter: daysFromNow(150), ...over });
    expect(stepOf(finding('unused-certificate', c.arn), c)).toBe('renew-outside-acm');
    const { findings, steps } = planFor([c]);
    expect(findings.map((f) => f.ruleId)).toContain('unused-certificate');
    expect(steps.map((s) => s.id)).not.toContain('remove-unused');
    const step = steps.find((s) => s.id === 'renew-outside-acm')!;
    expect(step.how.join(' ')).toContain('edge.example.com');
    expect(step.how.join(' ')).toMatch(/ACME client/);
  });

  it('an expiring ACME-issued certificate points at the ACME client, not at ACM renewal or re-import', () => {
    const c = cert({ domainName: 'edge.example.com', type: 'AMAZON_ISSUED', keyPairOrigin: 'ACME', notAfter: daysFromNow(10) });
    expect(stepOf(finding('expiring-soon', c.arn), c)).toBe('renew-outside-acm');
    expect(stepOf(finding('expired-in-use', c.arn), c)).toBe('renew-outside-acm');
  });

  it('an ACM-issued certificate whose renewal waits for validation goes to the validation step, not to imported-certificate rotation', () => {
    const c = cert({ domainName: 'app.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', validationMethod: 'DNS', renewalEligibility: 'ELIGIBLE', renewalStatus: 'PENDING_VALIDATION', inUse: true, inUseBy: [ELB], notAfter: daysFromNow(20) });
    expect(stepOf(finding('renewal-failing', c.arn), c)).toBe('complete-renewal-validation');
    expect(stepOf(finding('expiring-soon', c.arn), c)).toBe('complete-renewal-validation');
    const ids = planFor([c]).steps.map((s) => s.id);
    expect(ids).toContain('complete-renewal-validation');
    expect(ids).not.toContain('import-and-rotate');
    // A renewal that failed outright is a different cause.
    const failed = { ...c, renewalStatus: 'FAILED' };
    expect(stepOf(finding('renewal-failing', c.arn), failed)).toBe('fix-renewal');
  });

  it('an expiring email-validated ACM certificate goes to the email-to-DNS step; an imported one to rotation', () => {
    const email = cert({ type: 'AMAZON_ISSUED', validationMethod: 'EMAIL' });
    expect(stepOf(finding('expiring-soon', email.arn), email)).toBe('migrate-email-to-dns');
    const imported = cert({ type: 'IMPORTED' });
    expect(stepOf(finding('expiring-soon', imported.arn), imported)).toBe('import-and-rotate');
  });

  it('a weak key goes to key replacement, not to TLS policies', () => {
    const c = cert({ domainName: 'old.example.com', type: 'IMPORTED', keyAlgorithm: 'RSA_1024', status: 'ISSUED', inUse: true, inUseBy: [ELB], notAfter: daysFromNow(200) });
    expect(stepOf(finding('weak-key', c.arn), c)).toBe('replace-weak-keys');
    const { steps } = planFor([c]);
    expect(steps.find((s) => s.id === 'replace-weak-keys')!.how.join(' ')).toContain('old.example.com');
    expect(steps.find((s) => s.id === 'tls-policies')!.why).not.toContain('weak-key');
  });

  it('every audit rule id has exactly one default step', () => {
    const counts = new Map<string, number>();
    for (const s of kb.planSteps) for (const r of s.findings) counts.set(r, (counts.get(r) ?? 0) + 1);
    for (const [rule, n] of counts) expect(n, rule).toBe(1);
  });
});

describe('replacing imported commercial-CA certificates', () => {
  const commercial = (over: Partial<Certificate> = {}) =>
    cert({
      domainName: 'www.example.com',
      type: 'IMPORTED',
      status: 'ISSUED',
      issuer: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US',
      subject: 'CN=www.example.com',
      inUse: true,
      inUseBy: [ELB],
      notAfter: daysFromNow(200),
      ...over,
    });

  it.each(['adopt', 'adopt-with-exceptions'])('a %s plan lists the DV commercial imports on integrated services ACM could issue', (verdict) => {
    const answers = verdict === 'adopt' ? ADOPT : { ...ADOPT, 'ev-ov-required': 'yes' };
    const certs = [
      commercial(),
      commercial({ domainName: 'shop.example.com' }),
      commercial({ domainName: 'ev.example.com', subject: 'CN=ev.example.com, O=Example Ltd, C=GB' }),
      commercial({ domainName: 'idle.example.com', inUse: false, inUseBy: [] }),
      commercial({ domainName: 'internal.example.com', issuer: 'CN=Example Internal Issuing CA' }),
    ];
    const a = advise(kb, { workload: null, answers }, inventory(certs), [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(a.recommendation.verdict).toBe(verdict);
    const step = a.plan.steps.find((s) => s.id === 'replace-commercial-imports')!;
    const listing = step.how.find((h) => h.startsWith('Certificates to replace'))!;
    expect(listing).toBe('Certificates to replace (2): www.example.com, shop.example.com; judged by issuer name only, as GetCertificate did not read them.');
  });

  it('is absent from import-only plans, and when nothing qualifies', () => {
    const importOnly = advise(kb, { workload: null, answers: { 'onprem-ca-mandated': 'yes', 'existing-ca': 'internal-ca' } }, inventory([commercial()]), [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(importOnly.plan.steps.map((s) => s.id)).not.toContain('replace-commercial-imports');
    const nothing = advise(kb, { workload: null, answers: ADOPT }, inventory([cert({ type: 'AMAZON_ISSUED' })]), [], DEFAULT_AUDIT_CONFIG, NOW);
    expect(nothing.plan.steps.map((s) => s.id)).not.toContain('replace-commercial-imports');
  });
});

describe('the audit never tells anyone to delete an ACME-issued or exported certificate as unused', () => {
  it.each([
    ['ACME-issued', { keyPairOrigin: 'ACME' }],
    ['exported', { exported: true }],
  ])('%s: the unused finding is info and its fix says not to delete it', (_, over) => {
    const c = cert({ domainName: 'edge.example.com', type: 'AMAZON_ISSUED', status: 'ISSUED', inUse: false, notAfter: daysFromNow(150), ...over });
    const f = runAudit([c], DEFAULT_AUDIT_CONFIG, NOW).findings.find((x) => x.ruleId === 'unused-certificate')!;
    expect(f.severity).toBe('info');
    expect(f.remediation).toMatch(/do not delete it as unused/);
    expect(f.remediation).not.toMatch(/^Delete/);
  });
});
