import { daysUntilExpiry, type Certificate } from '../../domain/certificate.js';
import type { Finding, Severity } from '../../domain/finding.js';
import type { PrivateCaHealth } from '../../domain/private-ca.js';
import type { AccountRule, RuleContext } from './types.js';

/** The private CAs of the account these certificates are in. */
function casOf(certs: readonly Certificate[], ctx: RuleContext): PrivateCaHealth[] {
  const account = certs[0]?.accountId ?? null;
  return (ctx.evidence?.privateCas ?? []).filter((ca) => account === null || ca.accountId === null || ca.accountId === account);
}

const active = (ca: PrivateCaHealth) => ca.status === 'ACTIVE';
const shortId = (arn: string) => arn.split('/').pop() ?? arn;

function finding(ca: PrivateCaHealth, severity: Severity, title: string, detail: string, remediation: string): Omit<Finding, 'ruleId'> {
  return { severity, certificateArn: null, region: ca.region, title: `CA ${shortId(ca.arn)}: ${title}`, detail: `${ca.arn}: ${detail}`, remediation };
}

export const crlBucketPublic: AccountRule = {
  id: 'crl-bucket-public',
  scope: 'account',
  title: "Private CA's CRL bucket is public",
  severities: ['high'],
  rationale:
    "The seed article's advice: keep the revocation list's S3 bucket locked down. A public bucket lets anyone list and read everything in it, and a bucket policy open for the CRL is often open for writes too. AWS Private CA can publish through CloudFront with S3 Block Public Access on.",
  remediation:
    'Turn on S3 Block Public Access for the bucket and serve the CRL through CloudFront (origin access control), giving the CA a custom CRL CNAME.',
  references: ['Security Hub S3.2', 'Security Hub S3.8'],
  needs: [],
  check(certs, ctx) {
    return casOf(certs, ctx)
      .filter((ca) => ca.crl.enabled && ca.crlBucketPublic === true)
      .map((ca) => finding(ca, 'high', `CRL bucket ${ca.crl.bucket} is public`, `the bucket the CA writes its CRL to (${ca.crl.bucket}) is public.`, crlBucketPublic.remediation));
  },
};

export const privateCaNoRevocation: AccountRule = {
  id: 'private-ca-no-revocation',
  scope: 'account',
  title: 'Private CA publishes no revocation',
  severities: ['medium'],
  rationale: 'With neither a CRL nor OCSP, a certificate the CA revokes stays trusted by every client until it expires.',
  remediation: 'Enable a CRL (S3, behind CloudFront) or OCSP on the CA with UpdateCertificateAuthority; short-lived-certificate CAs are exempt.',
  references: [],
  needs: [],
  check(certs, ctx) {
    return casOf(certs, ctx)
      .filter((ca) => active(ca) && !ca.crl.enabled && !ca.ocsp && ca.usageMode !== 'SHORT_LIVED_CERTIFICATE')
      .map((ca) => finding(ca, 'medium', 'neither CRL nor OCSP', 'revoked certificates cannot be known as revoked by any client.', privateCaNoRevocation.remediation));
  },
};

export const privateCaCannotRenew: AccountRule = {
  id: 'private-ca-cannot-renew',
  scope: 'account',
  title: 'ACM cannot renew certificates of this private CA',
  severities: ['high', 'medium'],
  rationale:
    'ACM renews the private certificates it issued from a CA only while the ACM service principal holds IssueCertificate, GetCertificate and ListPermissions on it. Without them those certificates expire.',
  remediation:
    'Grant them: aws acm-pca create-permission --certificate-authority-arn ARN --principal acm.amazonaws.com --actions IssueCertificate GetCertificate ListPermissions.',
  references: [],
  needs: ['type', 'certificateAuthorityArn'],
  check(certs, ctx) {
    return casOf(certs, ctx)
      .filter((ca) => active(ca) && ca.acmCanRenew === false)
      .map((ca) => {
        const issued = certs.filter((c) => c.type === 'PRIVATE' && c.certificateAuthorityArn === ca.arn).length;
        return finding(
          ca,
          issued ? 'high' : 'medium',
          issued ? `ACM cannot renew its ${issued} private certificate${issued === 1 ? '' : 's'}` : 'ACM could not renew certificates from it',
          'acm.amazonaws.com lacks the permissions ACM needs to renew (IssueCertificate, GetCertificate, ListPermissions).',
          privateCaCannotRenew.remediation,
        );
      });
  },
};

export const privateCaExpiring: AccountRule = {
  id: 'private-ca-expiring',
  scope: 'account',
  title: "Private CA's own certificate expiring",
  severities: ['high', 'medium', 'low'],
  rationale:
    'Nothing a CA signs can outlive its own certificate: as it nears expiry, renewals are cut short and then fail. Replacing a root takes months of distributing trust.',
  remediation: 'Renew the CA certificate (or create its successor and distribute it) well before it expires.',
  references: [],
  needs: [],
  check(certs, ctx) {
    const out: Array<Omit<Finding, 'ruleId'>> = [];
    for (const ca of casOf(certs, ctx)) {
      if (!ca.notAfter || ca.status === 'DELETED') continue;
      const days = daysUntilExpiry(ca, ctx.now);
      if (days === null || days > 365) continue;
      const severity: Severity = days <= ctx.config.expiryDays.medium ? 'high' : days <= 180 ? 'medium' : 'low';
      const when = days < 0 ? `expired ${-days} days ago` : `expires in ${days} days (${ca.notAfter.slice(0, 10)})`;
      out.push(finding(ca, severity, `its certificate ${when}`, `the ${ca.type?.toLowerCase() ?? ''} CA's certificate ${when}.`.replace('  ', ' '), privateCaExpiring.remediation));
    }
    return out;
  },
};
