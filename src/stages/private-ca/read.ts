import { ACMPCAClient, ListCertificateAuthoritiesCommand, ListPermissionsCommand, type CertificateAuthority } from '@aws-sdk/client-acm-pca';
import { GetBucketPolicyStatusCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { ACM_RENEWAL_ACTIONS, type PrivateCaHealth } from '../../domain/private-ca.js';
import type { StageContext } from '../stage.js';

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
const errorName = (e: unknown) => (e as { name?: string }).name ?? '';

export async function read(context: StageContext): Promise<PrivateCaHealth[]> {
  const pca = context.client('acm-pca', ACMPCAClient);
  const cas: CertificateAuthority[] = [];
  // ListCertificateAuthorities returns each CA described in full: no DescribeCertificateAuthority per CA.
  let token: string | undefined;
  do {
    const page = await context.paced('acm-pca:ListCertificateAuthorities', () =>
      pca.send(new ListCertificateAuthoritiesCommand({ NextToken: token }), { abortSignal: context.signal }),
    );
    cas.push(...(page.CertificateAuthorities ?? []));
    token = page.NextToken;
  } while (token);
  let s3: S3Client | null = null;
  return Promise.all(
    cas
      .filter((ca) => ca.Arn && ca.Status !== 'DELETED')
      .map(async (ca) => {
        const crl = ca.RevocationConfiguration?.CrlConfiguration;
        const bucket = crl?.Enabled ? (crl.S3BucketName ?? null) : null;
        const permissions = await context.paced('acm-pca:ListPermissions', () =>
          pca.send(new ListPermissionsCommand({ CertificateAuthorityArn: ca.Arn }), { abortSignal: context.signal }),
        );
        const acm = (permissions.Permissions ?? []).find((p) => p.Principal === 'acm.amazonaws.com');
        const acmCanRenew = ACM_RENEWAL_ACTIONS.every((a) => acm?.Actions?.includes(a));
        s3 ??= bucket ? context.client('s3', S3Client) : null;
        return {
          arn: ca.Arn!,
          accountId: ca.OwnerAccount ?? context.accountId,
          region: context.region,
          type: ca.Type ?? null,
          status: ca.Status ?? null,
          notAfter: iso(ca.NotAfter),
          usageMode: ca.UsageMode ?? null,
          crl: { enabled: crl?.Enabled ?? false, bucket, customCname: crl?.CustomCname ?? null },
          ocsp: ca.RevocationConfiguration?.OcspConfiguration?.Enabled ?? false,
          crlBucketPublic: bucket && s3 ? await bucketPublic(context, s3, bucket) : null,
          acmCanRenew,
        };
      }),
  );
}

/**
 * Whether anyone may read the bucket: not when Block Public Access blocks public policies and ACLs
 * outright; otherwise as S3's own policy-status evaluation says.
 */
async function bucketPublic(context: StageContext, s3: S3Client, bucket: string): Promise<boolean | null> {
  try {
    const block = await context.paced('s3:GetBucketPublicAccessBlock', () =>
      s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }), { abortSignal: context.signal }),
    );
    const c = block.PublicAccessBlockConfiguration;
    if (c?.BlockPublicAcls && c.IgnorePublicAcls && c.BlockPublicPolicy && c.RestrictPublicBuckets) return false;
  } catch (e) {
    if (errorName(e) !== 'NoSuchPublicAccessBlockConfiguration') throw e;
  }
  try {
    const status = await context.paced('s3:GetBucketPolicyStatus', () => s3.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }), { abortSignal: context.signal }));
    return status.PolicyStatus?.IsPublic ?? null;
  } catch (e) {
    if (errorName(e) === 'NoSuchBucketPolicy') return false;
    if (errorName(e) === 'NoSuchBucket') return null;
    throw e;
  }
}
