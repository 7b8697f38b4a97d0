import { ListCertificatesCommand, DescribeCertificateCommand, paginateListCertificates } from '@aws-sdk/client-acm';
import { describe, expect, it } from 'vitest';
import { startEndpoint, syntheticAccount } from '../../src/endpoint/index.js';
import { KEY_ALGORITHMS, STATUSES, TYPES } from '../../src/endpoint/types.js';
import { clients, listEverything } from './helpers.js';

const now = new Date('2026-11-27T12:00:00Z');

describe('synthetic accounts', () => {
  it('are deterministic for a seed and varied', () => {
    const a = syntheticAccount({ count: 2000, seed: 3, now });
    const b = syntheticAccount({ count: 2000, seed: 3, now });
    expect(b).toEqual(a);
    expect(syntheticAccount({ count: 2000, seed: 4, now }).certificates.map((c) => c.domainName)).not.toEqual(a.certificates.map((c) => c.domainName));
    const certs = a.certificates;
    for (const k of KEY_ALGORITHMS) expect(certs.some((c) => c.keyAlgorithm === k), k).toBe(true);
    for (const s of STATUSES) expect(certs.some((c) => c.status === s), s).toBe(true);
    for (const t of TYPES) expect(certs.some((c) => c.type === t), t).toBe(true);
    const sanCounts = new Set(certs.map((c) => c.subjectAlternativeNames.length - 1));
    expect(Math.min(...sanCounts)).toBe(0);
    expect(Math.max(...sanCounts)).toBeGreaterThanOrEqual(8);
    expect(certs.some((c) => c.tags.length === 0)).toBe(true);
    expect(certs.some((c) => c.keyPairOrigin === 'ACME')).toBe(true);
    for (const c of certs) if (c.notBefore && c.notAfter) expect(c.notBefore.getTime()).toBeLessThan(c.notAfter.getTime());
  });

  it('serve 50,000 certificates: a full listing in pages of 1,000, and describes by ARN', async () => {
    const account = syntheticAccount({ count: 50_000, regions: ['us-east-1', 'eu-west-1'], now });
    const endpoint = await startEndpoint({ account, rateLimit: false });
    try {
      const { acm } = clients(endpoint, 'eu-west-1');
      const arns: string[] = [];
      for await (const page of paginateListCertificates({ client: acm, pageSize: 1000 }, listEverything()))
        arns.push(...page.CertificateSummaryList!.map((s) => s.CertificateArn!));
      expect(arns).toHaveLength(25_000);
      expect(new Set(arns).size).toBe(25_000);
      expect(endpoint.calls.filter((c) => c.operation === 'ListCertificates')).toHaveLength(25);
      for (const arn of [arns[0], arns[12_345], arns[24_999]]) {
        const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
        expect(Certificate!.CertificateArn).toBe(arn);
      }
      // The default filter still applies at scale.
      const defaults = await acm.send(new ListCertificatesCommand({ MaxItems: 1000 }));
      expect(defaults.CertificateSummaryList!.every((s) => s.KeyAlgorithm === 'RSA_1024' || s.KeyAlgorithm === 'RSA_2048')).toBe(true);
    } finally {
      await endpoint.close();
    }
  });
});
