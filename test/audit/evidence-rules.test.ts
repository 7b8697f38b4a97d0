import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import type { ReadEvidence } from '../../src/domain/read-evidence.js';
import type { RenewalDns } from '../../src/domain/renewal-dns.js';
import { acmEventOf, provenanceByCertificate, provenanceSentence, requestsPerMonth, type AcmEvent } from '../../src/domain/provenance.js';
import type { PrivateCaHealth } from '../../src/domain/private-ca.js';
import { cert, inDays, NOW } from './helpers.js';

const HOSTILE = 'x|`y`<b>\n\u001b[31m';
const audit = (certs: ReturnType<typeof cert>[], evidence: ReadEvidence, rules: string[]) =>
  runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW, { evidence, rules }).findings;

const missing: RenewalDns = {
  validation: [{ domainName: 'www.example.com', recordName: '_a.www.example.com', expected: '_b.acm-validations.aws', state: 'missing', found: null, zone: 'example.com' }],
  caa: [],
};

describe('validation-record-missing', () => {
  it('is high when the certificate is in use and its renewal starts within 30 days, and names the record and zone', () => {
    const c = cert({ notBefore: inDays(-150) }, 48);
    const [f] = audit([c], { dns: new Map([[c.arn, missing]]), blastRadius: () => 'serves www.example.com' }, ['validation-record-missing']);
    expect(f).toMatchObject({ severity: 'high', certificateArn: c.arn });
    expect(f.detail).toContain('_a.www.example.com does not exist (Route 53 zone example.com)');
    expect(f.detail).toContain('serves www.example.com');
    expect(f.remediation).toContain('the CNAME _a.www.example.com → _b.acm-validations.aws in the Route 53 zone example.com');
  });
  it('is medium further out, low when unused, and silent when the record is present or unknown', () => {
    const far = cert({}, 300);
    const unused = cert({ inUse: false, inUseBy: [] }, 50);
    const present = cert();
    const unknown = cert();
    const dns = new Map<string, RenewalDns>([
      [far.arn, missing],
      [unused.arn, missing],
      [present.arn, { ...missing, validation: [{ ...missing.validation[0], state: 'present', found: '_b.acm-validations.aws' }] }],
      [unknown.arn, { ...missing, validation: [{ ...missing.validation[0], state: 'unknown', error: 'ETIMEOUT' }] }],
    ]);
    const findings = audit([far, unused, present, unknown], { dns }, ['validation-record-missing']);
    expect(findings.map((f) => [f.certificateArn, f.severity])).toEqual([
      [far.arn, 'medium'],
      [unused.arn, 'low'],
    ]);
  });
  it('without DNS evidence it says nothing (the run reports the DNS read as not done)', () => {
    expect(audit([cert()], {}, ['validation-record-missing'])).toEqual([]);
  });
});

describe('caa-blocks-amazon and self-signed-import', () => {
  it('names the blocked names and where the CAA set is', () => {
    const c = cert({}, 40);
    const dns = new Map([[c.arn, { validation: [], caa: [{ domainName: HOSTILE, relevantAt: 'example.com', state: 'blocks' as const, reason: 'CAA issue allows only letsencrypt.org (at example.com)' }] }]]);
    const [f] = audit([c], { dns }, ['caa-blocks-amazon']);
    expect(f.severity).toBe('high');
    expect(f.title).toContain(HOSTILE);
    expect(f.remediation).toContain('example.com');
  });
  it('fires, low, for an import the plan would replace with an ACM certificate, saying what to add before requesting', () => {
    const blocks = { domainName: 'as2.example.de', relevantAt: 'example.de', state: 'blocks' as const, reason: 'CAA issue allows only d-trust.net (at example.de)', blockedBy: 'issue' as const };
    const replaceable = cert({ type: 'IMPORTED', domainName: 'as2.example.de', issuer: 'D-TRUST GmbH', subject: 'CN=as2.example.de' });
    const ov = cert({ type: 'IMPORTED', domainName: 'as2.example.de', issuer: 'D-TRUST GmbH', subject: 'CN=as2.example.de' });
    const unused = cert({ type: 'IMPORTED', domainName: 'as2.example.de', issuer: 'D-TRUST GmbH', inUse: false, inUseBy: [] });
    const certs = [replaceable, ov, unused];
    const dns = new Map(certs.map((c) => [c.arn, { validation: [], caa: [blocks] }]));
    const trust = new Map([
      [replaceable.arn, { publiclyTrusted: true, validation: 'DV' as const, selfSigned: false }],
      [ov.arn, { publiclyTrusted: true, validation: 'OV' as const, selfSigned: false }],
      [unused.arn, { publiclyTrusted: true, validation: 'DV' as const, selfSigned: false }],
    ]);
    const findings = audit(certs, { dns, trust }, ['caa-blocks-amazon']);
    expect(findings.map((f) => [f.certificateArn, f.severity])).toEqual([[replaceable.arn, 'low']]);
    expect(findings[0].title).toBe("CAA blocks Amazon for as2.example.de: ACM could not issue this import's replacement");
    expect(findings[0].remediation).toBe('Before requesting the replacement, add `0 issue "amazon.com"` to the CAA set at example.de (amazontrust.com, awstrust.com or amazonaws.com serve as well).');
    // Without the trust read the issuer's name decides: "D-TRUST" is not on the name list, so no replacement is proposed.
    expect(audit(certs, { dns }, ['caa-blocks-amazon'])).toEqual([]);
  });
  it('flags a self-signed import by what its certificate says, not its issuer name', () => {
    const selfSigned = cert({ type: 'IMPORTED', issuer: 'DigiCert Inc' });
    const trusted = cert({ type: 'IMPORTED', issuer: 'localhost' });
    const trust = new Map([
      [selfSigned.arn, { publiclyTrusted: false, validation: null, selfSigned: true }],
      [trusted.arn, { publiclyTrusted: true, validation: 'OV' as const, selfSigned: false }],
    ]);
    expect(audit([selfSigned, trusted], { trust }, ['self-signed-import']).map((f) => f.certificateArn)).toEqual([selfSigned.arn]);
  });
});

function event(name: string, detail: Record<string, unknown>, at = '2026-06-01T10:00:00Z'): AcmEvent {
  return acmEventOf(
    {
      EventId: `${name}-${at}`,
      EventName: name,
      EventTime: new Date(at),
      CloudTrailEvent: JSON.stringify({ userIdentity: { arn: 'arn:aws:sts::123456789012:assumed-role/ci-deploy/run-1' }, awsRegion: 'us-east-1', recipientAccountId: '123456789012', ...detail }),
    },
    'us-east-1',
    (n) => getDomain(n),
  )!;
}

describe('CloudTrail provenance and its rules', () => {
  it('reads who requested what and says it in one sentence', () => {
    const e = event('RequestCertificate', { requestParameters: { domainName: 'Shop.Example.com', subjectAlternativeNames: ['www.example.com'] }, responseElements: { certificateArn: 'arn:c1' } });
    expect(e).toMatchObject({ certificateArn: 'arn:c1', names: ['shop.example.com', 'www.example.com'], accountId: '123456789012' });
    expect(provenanceSentence(provenanceByCertificate([e]).get('arn:c1')![0])).toBe('requested by role/ci-deploy on 2026-06-01');
  });

  it('ignores other events, failed calls in provenance, and damaged records without crashing', () => {
    expect(acmEventOf({ EventName: 'ListCertificates', EventTime: new Date() }, 'us-east-1')).toBeNull();
    const damaged = acmEventOf({ EventName: 'DeleteCertificate', EventTime: new Date(), CloudTrailEvent: '{not json' }, 'us-east-1');
    expect(damaged).toMatchObject({ event: 'DeleteCertificate', by: null });
    const failed = event('DeleteCertificate', { requestParameters: { certificateArn: 'arn:c9' }, errorCode: 'AccessDenied' });
    expect(provenanceByCertificate([failed]).size).toBe(0);
  });

  it('request-outside-domains: a request for a registrable domain no other certificate uses', () => {
    const ours = cert({ domainName: 'app.example.com', subjectAlternativeNames: ['app.example.com'] });
    const odd = cert({ domainName: `evil-${'x'}.co.uk`, subjectAlternativeNames: [], inUse: false, inUseBy: [] });
    const events = [
      event('RequestCertificate', { requestParameters: { domainName: 'api.example.com' }, responseElements: { certificateArn: 'arn:new' } }),
      event('RequestCertificate', { requestParameters: { domainName: 'login.evil-x.co.uk', subjectAlternativeNames: [HOSTILE] }, responseElements: { certificateArn: odd.arn } }),
    ];
    const findings = audit([ours, odd], { acmEvents: events }, ['request-outside-domains']);
    expect(findings).toHaveLength(1);
    expect(findings[0].title).toContain('role/ci-deploy requested a certificate for evil-x.co.uk');
  });

  it('production-certificate-deleted: tags from the trail, matched case-insensitively', () => {
    const events = [
      event('RequestCertificate', { requestParameters: { domainName: 'pay.example.com', tags: [{ key: 'Environment', value: 'PROD' }] }, responseElements: { certificateArn: 'arn:gone' } }, '2026-05-01T00:00:00Z'),
      event('DeleteCertificate', { requestParameters: { certificateArn: 'arn:gone' } }),
      event('DeleteCertificate', { requestParameters: { certificateArn: 'arn:test-only' } }),
    ];
    const findings = audit([cert()], { acmEvents: events }, ['production-certificate-deleted']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high', certificateArn: null });
    expect(findings[0].detail).toContain('arn:gone');
  });

  it('certificate-exported: who exported which key', () => {
    const c = cert({ domainName: 'api.example.com' });
    const findings = audit([c], { acmEvents: [event('ExportCertificate', { requestParameters: { certificateArn: c.arn } })] }, ['certificate-exported']);
    expect(findings[0]).toMatchObject({ certificateArn: c.arn, title: 'role/ci-deploy exported the private key of api.example.com' });
  });

  it('the request rate over 90 days, per month', () => {
    const events = Array.from({ length: 9 }, (_, i) => event('RequestCertificate', { responseElements: { certificateArn: `arn:${i}` } }));
    expect(requestsPerMonth(events)).toBe(3);
  });
});

describe('private CA rules', () => {
  const ca = (over: Partial<PrivateCaHealth>): PrivateCaHealth => ({
    arn: 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ca-1',
    accountId: '123456789012',
    region: 'us-east-1',
    type: 'SUBORDINATE',
    status: 'ACTIVE',
    notAfter: inDays(2000),
    usageMode: 'GENERAL_PURPOSE',
    crl: { enabled: true, bucket: 'crl-bucket', customCname: null },
    ocsp: false,
    crlBucketPublic: false,
    acmCanRenew: true,
    ...over,
  });
  const ids = (cas: PrivateCaHealth[], certs = [cert()]) =>
    runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW, { evidence: { privateCas: cas } }).findings.filter((f) => ['crl-bucket-public', 'private-ca-no-revocation', 'private-ca-cannot-renew', 'private-ca-expiring'].includes(f.ruleId)).map((f) => `${f.ruleId}:${f.severity}`);

  it('a healthy CA has no finding', () => expect(ids([ca({})])).toEqual([]));
  it('public CRL bucket, no revocation, no renewal permission, expiring', () => {
    expect(ids([ca({ crlBucketPublic: true })])).toEqual(['crl-bucket-public:high']);
    expect(ids([ca({ crl: { enabled: false, bucket: null, customCname: null } })])).toEqual(['private-ca-no-revocation:medium']);
    expect(ids([ca({ crl: { enabled: false, bucket: null, customCname: null }, usageMode: 'SHORT_LIVED_CERTIFICATE' })])).toEqual([]);
    const issued = cert({ type: 'PRIVATE', certificateAuthorityArn: ca({}).arn });
    expect(ids([ca({ acmCanRenew: false })], [issued])).toEqual(['private-ca-cannot-renew:high']);
    expect(ids([ca({ acmCanRenew: null })])).toEqual([]);
    expect(ids([ca({ notAfter: inDays(20) })])).toEqual(['private-ca-expiring:high']);
    expect(ids([ca({ notAfter: inDays(300) })])).toEqual(['private-ca-expiring:low']);
  });
});

describe('issuance-quota with CloudTrail volume', () => {
  it('projects the 90-day request pace over a year against the quota', () => {
    const tight = { ...DEFAULT_AUDIT_CONFIG, quotas: { ...DEFAULT_AUDIT_CONFIG.quotas, issuedPer365Days: 100 } };
    const events = Array.from({ length: 30 }, (_, i) => event('RequestCertificate', { responseElements: { certificateArn: `arn:r${i}` } }));
    const findings = runAudit([cert()], tight, NOW, { evidence: { acmEvents: events }, rules: ['issuance-quota'] }).findings;
    expect(findings.map((f) => f.title)).toEqual(['122 of 100 ACM certificates a year at the pace CloudTrail shows over 90 days (122%)']);
  });
});

describe('request-outside-domains and certificates in use', () => {
  it('a certificate the company serves with is its own, whatever names it carries', () => {
    const brands = cert({ domainName: 'brand-new.shop', subjectAlternativeNames: ['brand-new.shop'] });
    const e = event('RequestCertificate', { requestParameters: { domainName: 'brand-new.shop' }, responseElements: { certificateArn: brands.arn } });
    expect(runAudit([brands], DEFAULT_AUDIT_CONFIG, NOW, { evidence: { acmEvents: [e] }, rules: ['request-outside-domains'] }).findings).toEqual([]);
  });
});
