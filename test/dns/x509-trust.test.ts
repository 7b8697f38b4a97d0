import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluateTrust } from '../../src/aws/certificate-trust.js';
import { issueCertificate } from '../../src/endpoint/x509.js';

const spec = (policyOid?: string) => ({
  subject: 'CN=shop.example.com,O=Example Ltd,C=GB',
  names: ['shop.example.com'],
  notBefore: new Date('2026-01-01T00:00:00Z'),
  notAfter: new Date('2026-12-01T00:00:00Z'),
  policyOid,
});

describe('certificate trust from GetCertificate', () => {
  it('a real Mozilla root is publicly trusted and self-signed', () => {
    expect(evaluateTrust(rootCertificates[0], null)).toMatchObject({ publiclyTrusted: true, selfSigned: true });
  });

  it('a chain to a CA outside the store is not publicly trusted, whatever the issuer is called', () => {
    const pem = issueCertificate(spec('2.23.140.1.2.2'), 'DigiCert Global Root G2');
    expect(evaluateTrust(pem.certificate, pem.chain)).toEqual({ publiclyTrusted: false, validation: 'OV', selfSigned: false });
  });

  it('the same chain is trusted once its root is in the store handed in', () => {
    const pem = issueCertificate(spec('2.23.140.1.1'), 'Test Root CA');
    const roots = [new X509Certificate(pem.chain!)];
    expect(evaluateTrust(pem.certificate, pem.chain, roots)).toEqual({ publiclyTrusted: true, validation: 'EV', selfSigned: false });
    // The root signs the leaf itself: no chain is needed to reach it.
    expect(evaluateTrust(pem.certificate, null, roots).publiclyTrusted).toBe(true);
  });

  it('a self-signed import is self-signed and not trusted; DV from its policy', () => {
    const pem = issueCertificate({ ...spec('2.23.140.1.2.1'), subject: 'CN=localhost' }, null);
    expect(evaluateTrust(pem.certificate, undefined)).toEqual({ publiclyTrusted: false, validation: 'DV', selfSigned: true });
  });

  it('a chain whose signature does not match its issuer name does not count', () => {
    const a = issueCertificate(spec(), 'Shared Name CA');
    const other = issueCertificate(spec(), 'Other CA');
    expect(evaluateTrust(a.certificate, other.chain, [new X509Certificate(other.chain!)]).publiclyTrusted).toBe(false);
  });

  it('text that is not a certificate gives unknowns, not a crash', () => {
    expect(evaluateTrust('-----BEGIN CERTIFICATE-----\n<b>|`x`\n-----END CERTIFICATE-----', 'junk')).toEqual({ publiclyTrusted: null, validation: null, selfSigned: null });
  });
});
