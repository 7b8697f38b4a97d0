import { emptyCertificate } from '../../src/domain/certificate.js';
import type { Certificate } from '../../src/domain/certificate.js';

export const NOW = new Date('2026-06-15T12:00:00Z');

let seq = 0;
/** A healthy, in-use, DNS-validated ACM certificate with all tags, expiring in `days`. */
export function cert(overrides: Partial<Certificate> = {}, days = 150): Certificate {
  seq++;
  const id = String(seq).padStart(4, '0');
  const base = emptyCertificate(`arn:aws:acm:us-east-1:123456789012:certificate/${id}`, 'us-east-1');
  return {
    ...base,
    domainName: `app${id}.example.com`,
    subjectAlternativeNames: [`app${id}.example.com`],
    status: 'ISSUED',
    type: 'AMAZON_ISSUED',
    keyAlgorithm: 'RSA_2048',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: inDays(days),
    inUse: true,
    inUseBy: ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1'],
    renewalEligibility: 'ELIGIBLE',
    renewalStatus: null,
    validationMethod: 'DNS',
    transparencyLogging: 'ENABLED',
    exportOption: 'DISABLED',
    exported: false,
    issuer: 'Amazon',
    tags: { owner: 'team-a', environment: 'staging', application: 'web' },
    createdAt: '2026-01-01T00:00:00.000Z',
    detail: { state: 'complete' },
    ...overrides,
  };
}

/** notAfter `days` whole days (plus an hour, so flooring is stable) from NOW. */
export function inDays(days: number): string {
  return new Date(NOW.getTime() + days * 86_400_000 + 3_600_000).toISOString();
}
