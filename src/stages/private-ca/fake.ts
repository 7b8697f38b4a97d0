import { AwsError, offsetPage } from '../../endpoint/errors.js';
import type { FakeService, ServiceRequest } from '../../endpoint/service.js';
import { escapeXml } from '../../endpoint/xml.js';

/**
 * AWS Private CA and the two S3 reads about a CA's CRL bucket, as the endpoint plays them. The
 * account's sections: `services['acm-pca']` (its CAs) and `services.s3` (its buckets' public-access state).
 */

export interface StoredCertificateAuthority {
  id: string;
  region: string;
  type: 'ROOT' | 'SUBORDINATE';
  status: 'ACTIVE' | 'DISABLED' | 'EXPIRED' | 'PENDING_CERTIFICATE' | 'CREATING' | 'FAILED' | 'DELETED';
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  usageMode?: 'GENERAL_PURPOSE' | 'SHORT_LIVED_CERTIFICATE';
  crl?: { enabled: boolean; s3BucketName?: string; customCname?: string };
  ocsp?: boolean;
  /** acm.amazonaws.com holds IssueCertificate, GetCertificate and ListPermissions. */
  acmCanRenew: boolean;
}

export interface PrivateCaData {
  authorities: StoredCertificateAuthority[];
}

export interface StoredBucket {
  /** The four Block Public Access settings; absent: no configuration (NoSuchPublicAccessBlockConfiguration). */
  publicAccessBlock?: { blockPublicAcls: boolean; ignorePublicAcls: boolean; blockPublicPolicy: boolean; restrictPublicBuckets: boolean };
  /** Whether the bucket policy makes it public; absent: no policy (NoSuchBucketPolicy). */
  policyPublic?: boolean;
}

export interface S3Data {
  buckets: Record<string, StoredBucket>;
}

const arnOf = (request: ServiceRequest, ca: StoredCertificateAuthority) =>
  `arn:aws:acm-pca:${ca.region}:${request.account.accountId}:certificate-authority/${ca.id}`;

function authorities(request: ServiceRequest): StoredCertificateAuthority[] {
  return ((request.account.data as PrivateCaData | undefined)?.authorities ?? []).filter((ca) => ca.region === request.region);
}

function describe(request: ServiceRequest, ca: StoredCertificateAuthority): Record<string, unknown> {
  return {
    Arn: arnOf(request, ca),
    OwnerAccount: request.account.accountId,
    CreatedAt: ca.notBefore.getTime() / 1000,
    Type: ca.type,
    Status: ca.status,
    NotBefore: ca.notBefore.getTime() / 1000,
    NotAfter: ca.notAfter.getTime() / 1000,
    KeyStorageSecurityStandard: 'FIPS_140_2_LEVEL_3_OR_HIGHER',
    UsageMode: ca.usageMode ?? 'GENERAL_PURPOSE',
    CertificateAuthorityConfiguration: {
      KeyAlgorithm: 'RSA_2048',
      SigningAlgorithm: 'SHA256WITHRSA',
      Subject: { CommonName: ca.commonName },
    },
    RevocationConfiguration: {
      CrlConfiguration: {
        Enabled: ca.crl?.enabled ?? false,
        ...(ca.crl?.s3BucketName ? { S3BucketName: ca.crl.s3BucketName, ExpirationInDays: 7 } : {}),
        ...(ca.crl?.customCname ? { CustomCname: ca.crl.customCname } : {}),
      },
      OcspConfiguration: { Enabled: ca.ocsp ?? false },
    },
  };
}

function find(request: ServiceRequest): StoredCertificateAuthority {
  const arn = request.json.CertificateAuthorityArn;
  const ca = authorities(request).find((c) => arnOf(request, c) === arn);
  if (!ca) throw new AwsError('ResourceNotFoundException', 400, `Could not find certificate authority ${String(arn)}.`);
  return ca;
}

export const fake: FakeService = {
  service: 'acm-pca',
  protocol: 'json',
  targetPrefix: 'ACMPrivateCA',
  // The Private CA quotas page names no figure for these reads: paced at the one-a-second floor.
  quotas: { ListCertificateAuthorities: 1, DescribeCertificateAuthority: 1, ListPermissions: 1 },
  handle(request) {
    switch (request.operation) {
      case 'ListCertificateAuthorities': {
        const page = offsetPage(
          authorities(request).filter((c) => c.status !== 'DELETED'),
          typeof request.json.NextToken === 'string' ? request.json.NextToken : undefined,
          request.pageSize(typeof request.json.MaxResults === 'number' ? request.json.MaxResults : 100),
          () => new AwsError('InvalidNextTokenException', 400, 'The token is not valid.'),
        );
        return {
          body: {
            CertificateAuthorities: page.items.map((c) => describe(request, c)),
            ...(page.next ? { NextToken: page.next } : {}),
          },
        };
      }
      case 'DescribeCertificateAuthority':
        return { body: { CertificateAuthority: describe(request, find(request)) } };
      case 'ListPermissions': {
        const ca = find(request);
        return {
          body: {
            Permissions: ca.acmCanRenew
              ? [
                  {
                    CertificateAuthorityArn: arnOf(request, ca),
                    CreatedAt: ca.notBefore.getTime() / 1000,
                    Principal: 'acm.amazonaws.com',
                    SourceAccount: request.account.accountId,
                    Actions: ['IssueCertificate', 'GetCertificate', 'ListPermissions'],
                  },
                ]
              : [],
          },
        };
      }
      default:
        return null;
    }
  },
};

const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** S3's two bucket reads, path-style (`GET /BUCKET?publicAccessBlock`, `GET /BUCKET?policyStatus`). */
export const s3Fake: FakeService = {
  service: 's3',
  protocol: 'rest-xml',
  iamActions: { GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock' },
  operationOf(method, _path, query) {
    if (method !== 'GET') return null;
    if (query.has('publicAccessBlock')) return 'GetPublicAccessBlock';
    if (query.has('policyStatus')) return 'GetBucketPolicyStatus';
    return null;
  },
  handle(request) {
    const name = decodeURIComponent(request.path.split('/').filter(Boolean)[0] ?? '');
    const bucket = (request.account.data as S3Data | undefined)?.buckets[name];
    if (!bucket) throw new AwsError('NoSuchBucket', 404, 'The specified bucket does not exist');
    const xml = (body: string) => ({ contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });
    if (request.operation === 'GetPublicAccessBlock') {
      const b = bucket.publicAccessBlock;
      if (!b) throw new AwsError('NoSuchPublicAccessBlockConfiguration', 404, 'The public access block configuration was not found');
      return xml(
        `<PublicAccessBlockConfiguration xmlns="${S3_XMLNS}"><BlockPublicAcls>${b.blockPublicAcls}</BlockPublicAcls><IgnorePublicAcls>${b.ignorePublicAcls}</IgnorePublicAcls><BlockPublicPolicy>${b.blockPublicPolicy}</BlockPublicPolicy><RestrictPublicBuckets>${b.restrictPublicBuckets}</RestrictPublicBuckets></PublicAccessBlockConfiguration>`,
      );
    }
    if (request.operation === 'GetBucketPolicyStatus') {
      if (bucket.policyPublic === undefined) throw new AwsError('NoSuchBucketPolicy', 404, `The bucket policy does not exist (${escapeXml(name)})`);
      return xml(`<PolicyStatus xmlns="${S3_XMLNS}"><IsPublic>${bucket.policyPublic}</IsPublic></PolicyStatus>`);
    }
    return null;
  },
};
