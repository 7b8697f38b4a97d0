import type { CertificateRule } from './types.js';
import { daysUntilExpiry } from '../../domain/certificate.js';
import { describeDays, expiryDate } from '../../domain/certificate-facts.js';
import { blastRadius } from '../../domain/endpoint-text.js';

export const renewalFailing: CertificateRule = {
  id: 'renewal-failing',
  scope: 'certificate',
  title: 'Managed renewal failing or waiting for validation',
  severities: ['high', 'medium'],
  rationale:
    'ACM reports a renewal that failed or cannot finish validation; left alone, the certificate expires even though it looks managed.',
  remediation:
    'Read the renewal status reason, restore the DNS validation records (or approve the validation email), and request a new certificate if renewal cannot succeed.',
  references: ['Security Hub ACM.1'],
  needs: ['renewalStatus', 'renewalStatusReason', 'notAfter', 'hostnames', 'endpoints'],
  // Only named in the finding and used for its severity.
  decidesWithout: ['renewalStatusReason', 'notAfter', 'hostnames', 'endpoints'],
  check(cert, { config, now }) {
    const status = cert.renewalStatus;
    if (status !== 'FAILED' && status !== 'PENDING_VALIDATION') return null;
    const days = daysUntilExpiry(cert, now);
    const when = days === null ? 'expiry date unknown' : `expires ${describeDays(days)} (${expiryDate(cert)})`;
    const reason = cert.renewalStatusReason ? ` Reason: ${cert.renewalStatusReason}.` : '';
    const reach = blastRadius(cert);
    const down = reach ? ` \u2014 ${reach}` : '';
    const urgent = status === 'FAILED' || (days !== null && days <= config.expiryDays.high);
    return {
      severity: urgent ? 'high' : 'medium',
      title: status === 'FAILED' ? `managed renewal failed; ${when}${down}` : `renewal waiting for validation; ${when}${down}`,
      detail: `Renewal status ${status}.${reason}`,
    };
  },
};
