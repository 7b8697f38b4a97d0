import type { CertificateRule } from './types.js';
import { daysUntilExpiry, type Certificate } from '../../domain/certificate.js';
import { describeDays, expiryDate, isInUse, isManagedRenewal, usesEmailValidation } from '../../domain/certificate-facts.js';
import { blastRadius } from '../../domain/endpoint-text.js';

function whyManual(cert: Certificate): string {
  if (cert.type === 'IMPORTED') return 'It is imported, so ACM never renews it.';
  if (cert.renewalStatus === 'FAILED') return 'ACM tried to renew it and failed.';
  if (cert.renewalStatus === 'PENDING_VALIDATION') return 'Its renewal is waiting for domain validation.';
  if (usesEmailValidation(cert)) return 'It is validated by email, so renewal waits for someone to approve the email.';
  if (cert.renewalEligibility === 'INELIGIBLE') return 'ACM marks it ineligible for managed renewal.';
  if (cert.renewalEligibility === null) return 'ACM did not report whether it is eligible for managed renewal.';
  return 'ACM will not renew it without help.';
}

export const expiringSoon: CertificateRule = {
  id: 'expiring-soon',
  scope: 'certificate',
  title: 'Certificate expiring soon without a working managed renewal',
  severities: ['high', 'medium', 'low'],
  rationale:
    'A certificate that ACM will not renew by itself (imported, email-validated, ineligible or with a stuck renewal) stops working on its expiry date unless someone acts. ACM normally renews DNS-validated certificates in use 60 days ahead (45 for 198-day certificates), so those only alarm once the renewal is late.',
  remediation:
    'Renew or replace the certificate before it expires: re-import a new certificate for imported ones, approve the validation email, or fix DNS validation so managed renewal can complete.',
  references: ['Security Hub ACM.1', 'AWS Config acm-certificate-expiration-check'],
  needs: ['status', 'notAfter', 'inUse', 'inUseBy', 'type', 'renewalStatus', 'renewalEligibility', 'validationMethod', 'domainValidations', 'exported', 'hostnames', 'endpoints'],
  // Unknown, these make the renewal count as not managed: they can add a finding, never hide one.
  // What it serves only words the finding (what goes down with it).
  decidesWithout: ['inUseBy', 'validationMethod', 'domainValidations', 'hostnames', 'endpoints'],
  check(cert, { config, now }) {
    if (cert.status !== null && cert.status !== 'ISSUED') return null;
    const days = daysUntilExpiry(cert, now);
    if (days === null || days < 0 || days > config.expiryDays.medium) return null;
    const reach = blastRadius(cert);
    const when = `expires ${describeDays(days)} (${expiryDate(cert)})${reach ? ` \u2014 ${reach}` : ''}`;
    const inUse = isInUse(cert);
    const managed = isManagedRenewal(cert) && (cert.type === 'PRIVATE' || inUse === true || cert.exported === true);
    if (managed) {
      if (days > config.renewalLateDays) return null;
      return {
        severity: 'high',
        title: `${when}; managed renewal is late`,
        detail: `ACM should have renewed this certificate weeks ago (renewal status: ${cert.renewalStatus ?? 'unknown'}). Within ${config.renewalLateDays} days of expiry that is no longer routine.`,
        remediation:
          'Check the DNS validation CNAME records are still in place and resolvable, and look at the renewal status reason; request a replacement if renewal cannot complete in time.',
      };
    }
    if (inUse === false && cert.exported !== true) {
      return {
        severity: 'low',
        title: `${when}; not in use`,
        detail: `${whyManual(cert)} Nothing uses it, so expiry breaks nothing; delete it if it is no longer needed.`,
        remediation: 'Delete the certificate if it is no longer needed, or renew it before attaching it anywhere.',
      };
    }
    const severity = days <= config.expiryDays.high ? 'high' : 'medium';
    return { severity, title: when, detail: whyManual(cert) };
  },
};
