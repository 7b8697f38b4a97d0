/**
 * The health of an AWS Private CA as the rules judge it, from DescribeCertificateAuthority,
 * ListPermissions and, for its CRL bucket, S3's public-access status.
 */
export interface PrivateCaHealth {
  arn: string;
  accountId: string | null;
  region: string;
  /** ROOT or SUBORDINATE. */
  type: string | null;
  /** ACTIVE, DISABLED, EXPIRED, PENDING_CERTIFICATE, … */
  status: string | null;
  /** When the CA's own certificate expires: nothing it signs can outlive it. */
  notAfter: string | null;
  /** GENERAL_PURPOSE or SHORT_LIVED_CERTIFICATE. */
  usageMode: string | null;
  crl: { enabled: boolean; bucket: string | null; customCname: string | null };
  ocsp: boolean;
  /** Whether anyone can read the CRL bucket: null when S3 was not read (denied, or no bucket). */
  crlBucketPublic: boolean | null;
  /** Whether acm.amazonaws.com holds the permissions ACM needs to renew (IssueCertificate, GetCertificate, ListPermissions); null when not read. */
  acmCanRenew: boolean | null;
}

/** The actions ACM must hold on a CA to renew the private certificates it issued (AWS Private CA user guide, "Assign certificate renewal permissions to ACM"). */
export const ACM_RENEWAL_ACTIONS = ['IssueCertificate', 'GetCertificate', 'ListPermissions'] as const;
