import { describe, expect, it } from 'vitest';
import { forecastLines, forecastRenewalLoad } from '../../src/advisor/forecast.js';
import { buildGuardrails } from '../../src/advisor/guardrails.js';
import { advise, collectEvidence, loadKnowledgeBase } from '../../src/advisor/index.js';
import { issuerOf, trustBasisClause } from '../../src/domain/issuer-trust.js';
import { limitsOf } from '../../src/advisor/plan.js';
import type { Certificate } from '../../src/domain/certificate.js';
import type { CertificateTrust } from '../../src/domain/certificate-trust.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { NOW, cert, daysFromNow, inventory } from './helpers.js';

/**
 * The advice reads who issued an import from the trust read (GetCertificate: chain verification, policy
 * OIDs, self-signed), and from the issuer's name only where that was not read, saying which.
 */

const kb = loadKnowledgeBase();
const ELB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/1';
const imported = (domainName: string, issuer: string, over: Partial<Certificate> = {}) =>
  cert({ domainName, subjectAlternativeNames: [domainName], type: 'IMPORTED', status: 'ISSUED', issuer, subject: `CN=${domainName}`, inUse: true, inUseBy: [ELB], notAfter: daysFromNow(200), ...over });
const facts = (entries: Array<[Certificate, Partial<CertificateTrust>]>) =>
  new Map(entries.map(([c, t]) => [c.arn, { publiclyTrusted: true, validation: 'DV', selfSigned: false, ...t } as CertificateTrust]));

// A public CA the name list does not know, and a private CA whose name says "Amazon".
const dtrust = imported('as2.example.de', 'CN=D-TRUST SSL Class 3 CA 1 2009, O=D-Trust GmbH');
const amazonish = imported('intra.example.com', 'CN=Amazon Internal Issuing CA, O=Example Corp');
const ov = imported('pay.example.com', 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc');
const ev = imported('bank.example.com', 'CN=Sectigo Public Server Authentication CA EV R36, O=Sectigo Limited');
const idleOv = imported('old.example.com', 'CN=GlobalSign GCC R3 OV TLS CA 2020, O=GlobalSign nv-sa', { inUse: false, inUseBy: [] });
const devCert = imported('dev.example.org', 'CN=build-agent-7');
const READ = facts([
  [dtrust, {}],
  [amazonish, { publiclyTrusted: false, validation: null }],
  [ov, { validation: 'OV' }],
  [ev, { validation: 'EV' }],
  [idleOv, { validation: 'OV' }],
  [devCert, { publiclyTrusted: false, validation: null, selfSigned: true }],
]);

describe('who issued an import: the chain where it was read, the name where it was not', () => {
  it('trusts the chain over the name, and falls back to the name without a usable read', () => {
    expect(issuerOf(dtrust, READ)).toMatchObject({ publiclyTrusted: true, basis: 'chain' });
    expect(issuerOf(dtrust)).toMatchObject({ publiclyTrusted: false, basis: 'issuer-name' });
    expect(issuerOf(amazonish, READ)).toMatchObject({ publiclyTrusted: false, basis: 'chain' });
    expect(issuerOf(amazonish)).toMatchObject({ publiclyTrusted: true, basis: 'issuer-name' });
    expect(issuerOf(devCert, READ)).toMatchObject({ selfSigned: true, publiclyTrusted: false });
    // A certificate that did not parse is no reading: the name decides.
    expect(issuerOf(amazonish, facts([[amazonish, { publiclyTrusted: null, validation: null, selfSigned: null }]])).basis).toBe('issuer-name');
    // ACM-issued and Private CA certificates are known from their type.
    expect(issuerOf(cert({ type: 'AMAZON_ISSUED' }), READ)).toMatchObject({ publiclyTrusted: true, basis: null });
    expect(issuerOf(cert({ type: 'PRIVATE' }), READ)).toMatchObject({ publiclyTrusted: false, basis: null });
  });

  it('says which basis a judgement rests on', () => {
    expect(trustBasisClause([dtrust, ov], READ)).toBe('judged by their certificate chains (GetCertificate)');
    expect(trustBasisClause([dtrust])).toBe('judged by issuer name only, as GetCertificate did not read it');
    expect(trustBasisClause([dtrust, imported('x.example.com', 'DigiCert')], READ)).toBe('judged by certificate chain for 1, by issuer name for 1 that GetCertificate did not read');
    expect(trustBasisClause([cert({ type: 'AMAZON_ISSUED' })], READ)).toBeNull();
  });
});

describe('the renewal-load forecast counts what the trust read shows', () => {
  it('public imports renew at the CA/Browser Forum maximum; private and self-signed ones through their own CA', () => {
    const certs = [dtrust, amazonish, devCert];
    const read = forecastRenewalLoad({ certificates: certs }, NOW, null, READ);
    expect(read.basis).toMatchObject({ importedPublic: 1, importedPrivate: 2, selfSigned: 1, adoptable: 1 });
    expect(read.trustBasis).toBe('judged by their certificate chains (GetCertificate)');
    // By name alone D-TRUST is unknown (private) and the "Amazon" CA public: the opposite split.
    const guessed = forecastRenewalLoad({ certificates: certs }, NOW);
    expect(guessed.basis).toMatchObject({ importedPublic: 1, importedPrivate: 2, selfSigned: 0, adoptable: 1 });
    expect(forecastLines(read)).toContain(
      'Imported certificates counted: 1 publicly trusted, renewed by hand at the maximum; 2 from private or internal CAs (1 self-signed), renewed through their own CA on their own lifetime; judged by their certificate chains (GetCertificate)',
    );
  });
});

describe('the existing-ca and ev-ov-required proposals use the trust facts', () => {
  const evidence = (certs: Certificate[], read?: Map<string, CertificateTrust>) => collectEvidence(kb, inventory(certs), [], DEFAULT_AUDIT_CONFIG, NOW, read ? { trust: read } : {});

  it('existing-ca: publicly trusted against private issuers by chain, by name only where the chain was not read', () => {
    const e = evidence([dtrust, amazonish], READ);
    expect(e['existing-ca'].proposed).toEqual({ value: 'both', because: '1 certificate comes from publicly trusted CAs and 1 from private or internal CAs; imports judged by their certificate chains (GetCertificate)' });
    expect(evidence([dtrust])['existing-ca'].proposed).toEqual({
      value: 'internal-ca',
      because: '0 certificates come from publicly trusted CAs and 1 from private or internal CAs; imports judged by issuer name only, as GetCertificate did not read it',
    });
  });

  it('ev-ov-required: "yes" naming the imports in use that carry OV or EV policies; an unused one proposes nothing', () => {
    const e = evidence([ov, ev, idleOv, dtrust], READ)['ev-ov-required'];
    expect(e.proposed).toEqual({ value: 'yes', because: '2 imported certificates in use are organisation- or extended-validated: pay.example.com (OV), bank.example.com (EV)' });
    expect(e.lines).toContain('3 imported certificates carry an OV or EV policy (GetCertificate)');
    expect(evidence([idleOv], READ)['ev-ov-required'].proposed).toBeUndefined();
    // A DV policy outweighs an organisation in the subject once the certificate was read.
    const dvWithO = imported('shop.example.com', 'DigiCert', { subject: 'CN=shop.example.com, O=Example Ltd' });
    expect(evidence([dvWithO], facts([[dvWithO, {}]]))['ev-ov-required'].proposed).toBeUndefined();
    const guessed = evidence([dvWithO])['ev-ov-required'];
    expect(guessed.proposed?.because).toBe('1 imported certificate in use is organisation- or extended-validated: shop.example.com (O= in the subject)');
    expect(guessed.lines[0]).toContain('(not read with GetCertificate)');
  });
});

describe('the plan and the guardrails use the trust facts', () => {
  const ADOPT = { 'aws-integrated-endpoints': 'yes', 'certificate-pinning': 'none' };

  it('replaces the publicly trusted DV imports the chains show, whatever their issuers are called', () => {
    const a = advise(kb, { workload: null, answers: ADOPT }, inventory([dtrust, amazonish, ov, devCert]), [], DEFAULT_AUDIT_CONFIG, NOW, { trust: READ });
    const how = a.plan.steps.find((s) => s.id === 'replace-commercial-imports')!.how;
    expect(how).toContain('Certificates to replace (1): as2.example.de; judged by their certificate chains (GetCertificate).');
  });

  it('a self-signed import adds no domain to the allow list, and the note says how that was known', () => {
    const g = buildGuardrails({ inventory: inventory([devCert, imported('www.example.com', 'DigiCert')]), productionTag: DEFAULT_AUDIT_CONFIG.productionTag, limits: limitsOf(kb), acme: false, trust: READ });
    expect(g.domains).toEqual(['example.com']);
    expect(g.notes).toContain('Self-signed imports prove nothing about their names, so these add no domain to the allow list: dev.example.org; judged by their certificate chains (GetCertificate).');
    // Unread, its issuer name does not look like its subject: it counts, as before.
    expect(buildGuardrails({ inventory: inventory([devCert]), productionTag: DEFAULT_AUDIT_CONFIG.productionTag, limits: limitsOf(kb), acme: false }).domains).toEqual(['example.org']);
  });
});
