import { describe, expect, it } from 'vitest';
import type { Certificate } from '../../src/domain/certificate.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { RULES } from '../../src/audit/rules/index.js';
import { runAudit } from '../../src/audit/run.js';
import type { ReadEvidence } from '../../src/domain/read-evidence.js';
import { cert, inDays, NOW } from './helpers.js';

/**
 * `needs` decides which findings are provisional while details load, so it must name every
 * field a rule reads: changing any field outside it must never change what the rule says.
 */

const config = { ...DEFAULT_AUDIT_CONFIG, requiredTags: ['owner', 'environment', 'application'] };

/** Certificates that make each rule fire (and a few that make them stay silent). */
const SHAPES: Certificate[] = [
  cert(),
  cert({ status: 'EXPIRED' }, -3),
  cert({ type: 'IMPORTED', renewalEligibility: 'INELIGIBLE', issuer: 'DigiCert Inc', validationMethod: null }, 20),
  cert({ validationMethod: 'EMAIL', inUse: false, inUseBy: [] }, 40),
  cert({ renewalStatus: 'FAILED', renewalStatusReason: 'CAA_ERROR' }, 10),
  cert({ keyAlgorithm: 'RSA_1024', tags: { environment: 'production' }, domainName: '*.example.com', subjectAlternativeNames: ['*.example.com', 'intranet'] }),
  cert({ transparencyLogging: 'DISABLED', exported: true, exportOption: 'ENABLED' }),
  cert({ status: 'PENDING_VALIDATION', createdAt: inDays(-10), notAfter: null, notBefore: null }),
  cert({ inUse: false, inUseBy: [] }, 300),
  cert({
    hostnames: ['shop.example.com'],
    endpoints: [
      {
        arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shop/1/2',
        service: 'elasticloadbalancing',
        label: 'ALB shop :443',
        accountId: '123456789012',
        region: 'us-east-1',
        names: ['shop.example.com'],
        tls: { policy: 'ELBSecurityPolicy-2016-08', minimumProtocol: 'TLSv1', postQuantum: false },
        backendProtocol: 'HTTP',
        passthrough: false,
      },
    ],
    servedElsewhere: [{ name: 'www.example.com', target: 'example.com.edgekey.net', cdn: 'Akamai' }],
  }),
];

/** Other values each field can take; every one is tried on every shape. */
const ALTERNATIVES: Partial<Record<keyof Certificate, unknown[]>> = {
  domainName: [null, 'bad name', '*.wild.example.com'],
  subjectAlternativeNames: [[], ['x'], ['*.a.example.com']],
  status: [null, 'ISSUED', 'EXPIRED', 'PENDING_VALIDATION'],
  type: [null, 'IMPORTED', 'PRIVATE', 'AMAZON_ISSUED'],
  keyAlgorithm: [null, 'RSA_1024', 'EC_prime256v1'],
  notBefore: [null],
  notAfter: [null, inDays(5), inDays(-5), inDays(45)],
  inUse: [null, true, false],
  inUseBy: [[], ['arn:aws:cloudfront::123456789012:distribution/E1']],
  renewalEligibility: [null, 'INELIGIBLE', 'ELIGIBLE'],
  renewalStatus: [null, 'FAILED', 'PENDING_VALIDATION', 'SUCCESS'],
  validationMethod: [null, 'EMAIL', 'DNS'],
  transparencyLogging: [null, 'DISABLED'],
  exportOption: [null, 'ENABLED'],
  issuer: [null, 'Other CA'],
  tags: [{}, { environment: 'prod' }],
  exported: [null, true, false],
  createdAt: [null, inDays(-400), inDays(-1)],
  importedAt: [null, inDays(-2)],
  revokedAt: [inDays(-1)],
  revocationReason: ['KEY_COMPROMISE'],
  failureReason: ['CAA_ERROR'],
  serial: ['00:11'],
  subject: ['CN=other'],
  signatureAlgorithm: ['SHA1WITHRSA'],
  keyUsages: [['DIGITAL_SIGNATURE']],
  extendedKeyUsages: [['CODE_SIGNING']],
  certificateAuthorityArn: ['arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x'],
  managedBy: ['CLOUDFRONT'],
  keyPairOrigin: ['ACME', 'CUSTOMER_PROVIDED'],
  renewalStatusReason: ['CAA_ERROR', null],
  renewalUpdatedAt: [inDays(-1)],
  hostnames: [null, [], ['other.example.com']],
  endpoints: [null, []],
  servedElsewhere: [null, []],
  domainValidations: [
    [],
    [{ domainName: 'a.example.com', validationMethod: 'EMAIL', validationStatus: 'SUCCESS', validationDomain: 'example.com', validationEmails: [], resourceRecord: null, httpRedirect: null }],
  ],
};

/**
 * What the reads beyond ACM say about every shape (DNS, trust), keyed by ARN as they are: changing a
 * certificate field keeps the ARN, so the rules that judge this evidence are held to their needs too.
 */
const EVIDENCE: ReadEvidence = {
  dns: new Map(
    SHAPES.map((c) => [
      c.arn,
      {
        validation: [{ domainName: 'a.example.com', recordName: '_x.a.example.com', expected: '_y.acm-validations.aws', state: 'missing' as const, found: null, zone: 'example.com' }],
        caa: [{ domainName: 'a.example.com', relevantAt: 'example.com', state: 'blocks' as const, reason: 'CAA issue allows only letsencrypt.org' }],
      },
    ]),
  ),
  trust: new Map(SHAPES.map((c) => [c.arn, { publiclyTrusted: false, validation: null, selfSigned: true }])),
};

function said(rule: (typeof RULES)[number], certs: Certificate[]): string {
  const findings = runAudit(certs, config, NOW, { rules: [rule.id], evidence: EVIDENCE }).findings;
  return JSON.stringify(findings.map(({ provisional: _p, ...f }) => f));
}

describe('each rule names every field it reads', () => {
  for (const rule of RULES) {
    it(`${rule.id}: fields outside its needs never change its findings`, () => {
      const ignored = (Object.keys(ALTERNATIVES) as (keyof Certificate)[]).filter((f) => !rule.needs.includes(f));
      for (const shape of SHAPES) {
        const before = said(rule, [shape]);
        for (const field of ignored) {
          for (const value of ALTERNATIVES[field]!) {
            const changed = { ...shape, [field]: value } as Certificate;
            expect(said(rule, [changed]), `${field} = ${JSON.stringify(value)}`).toBe(before);
          }
        }
      }
    });
  }

  it('the shapes make every certificate rule fire at least once (so the check above has teeth)', () => {
    const fired = new Set(runAudit(SHAPES, config, NOW, { evidence: EVIDENCE }).findings.map((f) => f.ruleId));
    for (const rule of RULES) if (rule.scope === 'certificate') expect(fired, rule.id).toContain(rule.id);
  });
});

describe('provisional findings', () => {
  const searched = (overrides: Partial<Certificate>, days?: number) =>
    cert({ ...overrides, detail: { state: 'searched', missingFields: ['inUseBy', 'transparencyLogging', 'domainValidations', 'renewalStatusReason', 'failureReason', 'issuer'] } }, days);

  it('a finding that reads a field still being read is provisional; one that does not is final', () => {
    const c = searched({ keyAlgorithm: 'RSA_1024', status: 'EXPIRED', inUseBy: [] }, -3);
    const findings = runAudit([c], config, NOW).findings;
    const byRule = new Map(findings.map((f) => [f.ruleId, f]));
    expect(byRule.get('weak-key')?.provisional).toBeUndefined();
    expect(byRule.get('expired-in-use')).toMatchObject({ severity: 'critical', provisional: true });
  });

  it('a complete or failed record never yields provisional findings', () => {
    const complete = cert({ keyAlgorithm: 'RSA_1024', status: 'EXPIRED' }, -3);
    const failed = cert({ keyAlgorithm: 'RSA_1024', detail: { state: 'failed', missingFields: ['inUseBy'], reason: 'x' } });
    const findings = runAudit([complete, failed], config, NOW).findings;
    expect(findings.length).toBeGreaterThan(1);
    expect(findings.some((f) => 'provisional' in f)).toBe(false);
  });

  it('an account rule is provisional only while a field it counts is still being read', () => {
    const many = Array.from({ length: 10 }, () => cert({ createdAt: inDays(-10) }));
    const tight = { ...config, quotas: { ...config.quotas, held: 10, warnRatio: 0.5 } };
    const final = runAudit(many, tight, NOW, { rules: ['issuance-quota'] }).findings;
    expect(final.length).toBeGreaterThan(0);
    expect(final.every((f) => f.provisional === undefined)).toBe(true);
    // ListCertificates already gives type, origin and dates: a listed record changes nothing.
    const listed = [...many.slice(1), { ...many[0], detail: { state: 'summary' as const } }];
    expect(runAudit(listed, tight, NOW, { rules: ['issuance-quota'] }).findings.every((f) => f.provisional === undefined)).toBe(true);
    const waiting = [...many.slice(1), { ...many[0], detail: { state: 'searched' as const, missingFields: ['createdAt'] } }];
    expect(runAudit(waiting, tight, NOW, { rules: ['issuance-quota'] }).findings.every((f) => f.provisional === true)).toBe(true);
  });
});
