import { z } from 'zod';
import type { PrivateCaHealth } from '../../domain/private-ca.js';
import { defineStage } from '../stage.js';

/**
 * The account's AWS Private CAs: their certificate's expiry, revocation (CRL, OCSP), whether ACM may
 * renew what they issued (ListPermissions), and whether their CRL bucket is public (S3).
 */

export const PrivateCaData = z.array(
  z.object({
    arn: z.string(),
    accountId: z.string().nullable(),
    region: z.string(),
    type: z.string().nullable(),
    status: z.string().nullable(),
    notAfter: z.string().nullable(),
    usageMode: z.string().nullable(),
    crl: z.object({ enabled: z.boolean(), bucket: z.string().nullable(), customCname: z.string().nullable() }),
    ocsp: z.boolean(),
    crlBucketPublic: z.boolean().nullable(),
    acmCanRenew: z.boolean().nullable(),
  }),
);
export type PrivateCaData = PrivateCaHealth[];

// The Private CA quotas page (below) sends readers to Service Quotas and names no figure for these
// reads, S3's bucket-configuration reads have none either: all are paced at one a second.
const PCA_QUOTAS = 'https://docs.aws.amazon.com/privateca/latest/userguide/PcaLimits.html';
const S3_QUOTAS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html';

export const privateCa = defineStage({
  id: 'private-ca',
  title: 'AWS Private CA',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  operations: [
    { action: 'acm-pca:ListCertificateAuthorities', perSecond: 1, source: PCA_QUOTAS },
    { action: 'acm-pca:ListPermissions', perSecond: 1, source: PCA_QUOTAS },
    { action: 's3:GetBucketPublicAccessBlock', perSecond: 1, source: S3_QUOTAS },
    { action: 's3:GetBucketPolicyStatus', perSecond: 1, source: S3_QUOTAS },
  ],
  checks: ['crl-bucket-public', 'private-ca-no-revocation', 'private-ca-cannot-renew', 'private-ca-expiring'],
  data: PrivateCaData,
  read: () => import('./read.js'),
  fake: () => import('./fake.js').then((m) => [m.fake, m.s3Fake]),
  about(certificate, reads) {
    const ca = reads.flatMap((r) => r.data).find((c) => c.arn === certificate.certificateAuthorityArn);
    if (!ca) return [];
    const revocation = [ca.crl.enabled ? `CRL${ca.crl.bucket ? ` in s3://${ca.crl.bucket}${ca.crlBucketPublic ? ' (PUBLIC)' : ''}` : ''}` : null, ca.ocsp ? 'OCSP' : null].filter(Boolean).join(', ') || 'none';
    return [
      { label: 'Issuing CA', value: `${ca.type ?? ''} ${ca.status ?? ''}, expires ${ca.notAfter?.slice(0, 10) ?? 'unknown'}`.trim() },
      { label: 'CA revocation', value: revocation },
      { label: 'ACM may renew', value: ca.acmCanRenew === null ? 'not known' : ca.acmCanRenew ? 'yes' : 'NO (acm.amazonaws.com lacks the permissions)' },
    ];
  },
});
