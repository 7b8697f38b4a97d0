/**
 * The certificate model is declared once (CERTIFICATE_FIELDS beside the interface). These tests tie
 * its users to that declaration: the blank record, the cache's schema, and the two mappers that build
 * certificates from AWS (ACM's API and AWS Config's items), which must fill every field or say why not.
 */
import { describe, expect, it } from 'vitest';
import { fromSummary, withDetail } from '../../src/aws/normalise.js';
import { fromConfigurationItem, MISSING_FROM_CONFIG } from '../../src/aws/config-item.js';
import { certificateSchema } from '../../src/cache/format.js';
import { CERTIFICATE_FIELDS, DETAIL_ONLY_FIELDS, emptyCertificate, type Certificate, type CertificateField } from '../../src/domain/certificate.js';

const ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/abc';
const FIELDS = Object.keys(CERTIFICATE_FIELDS) as CertificateField[];
const when = new Date('2026-01-02T03:04:05Z');
/** Joined in each run from the reads beyond ACM (load balancers, CloudFront, API Gateway, Route 53), by no mapper here. */
const SERVING = ['endpoints', 'hostnames', 'servedElsewhere'];

/** The fields a mapper left at their blank value. */
function unfilled(cert: Certificate): string[] {
  const blank = emptyCertificate('', '') as unknown as Record<string, unknown>;
  return FIELDS.filter((f) => JSON.stringify(cert[f]) === JSON.stringify(blank[f])).sort();
}

describe('the certificate model', () => {
  it('a blank certificate has exactly the declared fields, in order, and the cache accepts it', () => {
    const blank = emptyCertificate(ARN, 'eu-west-1');
    expect(Object.keys(blank)).toEqual(FIELDS);
    expect(blank).toMatchObject({ arn: ARN, region: 'eu-west-1', accountId: '111122223333', tags: null, tagsState: { state: 'pending' }, detail: { state: 'summary' } });
    expect(certificateSchema.safeParse(blank).success).toBe(true);
  });

  it('blank certificates share no array or object', () => {
    const a = emptyCertificate(ARN, 'eu-west-1');
    a.inUseBy.push('x');
    expect(emptyCertificate(ARN, 'eu-west-1').inUseBy).toEqual([]);
  });

  it('the cache schema requires every declared field (or reads it as not known) and checks its kind', () => {
    const blank = emptyCertificate(ARN, 'eu-west-1') as unknown as Record<string, unknown>;
    for (const field of FIELDS) {
      const { [field]: _dropped, ...without } = blank;
      const parsed = certificateSchema.safeParse(without);
      // A record saved before a field joined the model reads with the field at its blank value.
      if (parsed.success) expect((parsed.data as unknown as Record<string, unknown>)[field], `without ${field}`).toEqual(blank[field]);
      if (parsed.success) expect(SERVING, `${field} may be missing`).toContain(field);
      expect(certificateSchema.safeParse({ ...blank, [field]: 42 }).success, `${field}: 42`).toBe(false);
    }
  });

  it("ACM's summary and detail fill every field but those read elsewhere", () => {
    const summary = fromSummary(
      {
        CertificateArn: ARN,
        DomainName: 'a.example.com',
        SubjectAlternativeNameSummaries: ['a.example.com'],
        Status: 'ISSUED',
        Type: 'AMAZON_ISSUED',
        KeyAlgorithm: 'RSA_2048',
        NotBefore: when,
        NotAfter: when,
        InUse: true,
        RenewalEligibility: 'ELIGIBLE',
        ExportOption: 'DISABLED',
        Exported: false,
        CreatedAt: when,
        IssuedAt: when,
        ImportedAt: when,
        RevokedAt: when,
        KeyUsages: ['DIGITAL_SIGNATURE'],
        ExtendedKeyUsages: ['TLS_WEB_SERVER_AUTHENTICATION'],
        ManagedBy: 'CLOUDFRONT',
        CertificateKeyPairOrigin: 'AWS_MANAGED',
      } as never,
      'eu-west-1',
    );
    // The account's name comes from AWS Organizations, the tags from their own read; the rest waits for
    // DescribeCertificate (the record says it is a summary).
    expect(unfilled(summary)).toEqual([...DETAIL_ONLY_FIELDS, 'detail', 'accountName', 'tags', 'tagsState', ...SERVING].sort());
    const full = withDetail(summary, {
      CertificateArn: ARN,
      InUseBy: ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/x/1'],
      RenewalSummary: { RenewalStatus: 'SUCCESS', RenewalStatusReason: 'OTHER', UpdatedAt: when, DomainValidationOptions: [] },
      Options: { CertificateTransparencyLoggingPreference: 'ENABLED', ValidationMethod: 'DNS' } as never,
      Issuer: 'Amazon',
      RevocationReason: 'SUPERSEDED',
      FailureReason: 'OTHER',
      Serial: '01',
      Subject: 'CN=a.example.com',
      SignatureAlgorithm: 'SHA256WITHRSA',
      CertificateAuthorityArn: 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/x',
      DomainValidationOptions: [{ DomainName: 'a.example.com', ValidationMethod: 'DNS' }],
    });
    expect(unfilled(full)).toEqual(['accountName', 'tags', 'tagsState', ...SERVING].sort());
  });

  it("an AWS Config item fills every field but those Config does not record", () => {
    const item = {
      accountId: '111122223333',
      awsRegion: 'eu-west-1',
      arn: ARN,
      configurationItemCaptureTime: when.toISOString(),
      tags: [{ key: 'owner', value: 'web' }],
      configuration: {
        certificateArn: ARN,
        certificateAuthorityArn: 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/x',
        createdAt: when.toISOString(),
        domainName: 'a.example.com',
        domainValidationOptions: [{ domainName: 'a.example.com', validationMethod: 'DNS' }],
        extendedKeyUsages: [{ name: 'TLS_WEB_SERVER_AUTHENTICATION' }],
        failureReason: 'OTHER',
        importedAt: when.toISOString(),
        inUseBy: ['arn:aws:cloudfront::111122223333:distribution/E1'],
        issuedAt: when.toISOString(),
        issuer: 'Amazon',
        keyAlgorithm: 'RSA_2048',
        keyUsages: [{ name: 'DIGITAL_SIGNATURE' }],
        notAfter: when.toISOString(),
        notBefore: when.toISOString(),
        options: { certificateTransparencyLoggingPreference: 'ENABLED' },
        renewalEligibility: 'ELIGIBLE',
        renewalSummary: { renewalStatus: 'SUCCESS' },
        serial: '01',
        signatureAlgorithm: 'SHA256WITHRSA',
        status: 'ISSUED',
        subject: 'CN=a.example.com',
        subjectAlternativeNames: ['a.example.com'],
        type: 'AMAZON_ISSUED',
      },
    };
    const cert = (fromConfigurationItem(JSON.stringify(item)) as { certificate: Certificate }).certificate;
    const notRecorded = MISSING_FROM_CONFIG.map((m) => m.field);
    // The account's name comes from AWS Organizations; the tag state is set by the reader (src/aws/config-aggregator.ts).
    expect(unfilled(cert)).toEqual([...notRecorded, 'accountName', 'tagsState', ...SERVING].sort());
  });
});
