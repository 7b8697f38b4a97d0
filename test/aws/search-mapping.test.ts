import { describe, expect, it } from 'vitest';
import { emptyCertificate, pendingFields } from '../../src/domain/certificate.js';
import { SEARCH_MISSING_FIELDS, withSearchResult, withTagsKnown } from '../../src/aws/search.js';

const ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-4333-8444-555555555555';

function listed() {
  return {
    ...emptyCertificate(ARN, 'eu-west-1'),
    domainName: 'shop.example.com',
    subjectAlternativeNames: ['shop.example.com'],
    status: 'PENDING_VALIDATION',
    type: 'AMAZON_ISSUED',
    keyAlgorithm: 'RSA_2048',
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('SearchCertificates mapping (pure)', () => {
  it('keeps what the list said where Search has nothing (no X.509 material before issuance)', () => {
    const c = withSearchResult(listed(), { CertificateArn: ARN, CertificateMetadata: { AcmCertificateMetadata: { Status: 'PENDING_VALIDATION', ValidationMethod: 'DNS', InUse: false } } }, true);
    expect(c.domainName).toBe('shop.example.com');
    expect(c.subjectAlternativeNames).toEqual(['shop.example.com']);
    expect(c.keyAlgorithm).toBe('RSA_2048');
    expect(c.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(c.validationMethod).toBe('DNS');
    expect(c.inUse).toBe(false);
    expect(c.notAfter).toBeNull();
    expect(c.detail).toEqual({ state: 'searched', missingFields: [...SEARCH_MISSING_FIELDS] });
  });

  it('takes every DNS name, and only DNS names, from the subject alternative names', () => {
    const c = withSearchResult(
      listed(),
      {
        CertificateArn: ARN,
        X509Attributes: {
          SubjectAlternativeNames: [{ DnsName: 'shop.example.com' }, { IpAddress: '192.0.2.1' }, { DnsName: '*.shop.example.com' }],
          NotAfter: new Date('2026-09-01T00:00:00Z'),
          KeyUsages: ['DIGITAL_SIGNATURE'],
          ExtendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION'],
        },
      },
      true,
    );
    expect(c.subjectAlternativeNames).toEqual(['shop.example.com', '*.shop.example.com']);
    expect(c.notAfter).toBe('2026-09-01T00:00:00.000Z');
    expect(c.keyUsages).toEqual(['DIGITAL_SIGNATURE']);
    expect(c.extendedKeyUsages).toEqual(['TLS_WEB_SERVER_AUTHENTICATION']);
  });

  it('never spells issuer or subject from the structured names: those wait for the detail', () => {
    const c = withSearchResult(listed(), { CertificateArn: ARN, X509Attributes: { Issuer: { CommonName: 'Amazon RSA 2048 M02', Organization: 'Amazon' }, Subject: { CommonName: 'shop.example.com' } } }, true);
    expect(c.issuer).toBeNull();
    expect(c.subject).toBeNull();
    expect(pendingFields(c)).toEqual(expect.arrayContaining(['issuer', 'subject', 'inUseBy', 'transparencyLogging']));
  });

  it('records still waiting for their tags say so until the tags arrive', () => {
    const c = withSearchResult(listed(), { CertificateArn: ARN }, false);
    expect(pendingFields(c)).toContain('tags');
    const tagged = withTagsKnown({ ...c, tags: { owner: 'web' } });
    expect(pendingFields(tagged)).not.toContain('tags');
    expect(tagged.tags).toEqual({ owner: 'web' });
    // A record that is not waiting is left as it is.
    const done = { ...tagged, detail: { state: 'complete' as const } };
    expect(withTagsKnown(done)).toBe(done);
  });
});
