import type { CertificateRule } from './types.js';
import { blastRadius } from '../../domain/endpoint-text.js';

const down = (reach: string | null) => (reach ? ` \u2014 ${reach.replace(/^takes down/, 'down:')}` : '');
import { daysUntilExpiry } from '../../domain/certificate.js';
import { describeDays, expiryDate, isExpired, isInUse } from '../../domain/certificate-facts.js';

export const expiredInUse: CertificateRule = {
  id: 'expired-in-use',
  scope: 'certificate',
  title: 'Expired certificate still in use',
  severities: ['critical', 'high'],
  rationale:
    'Clients reject an expired certificate outright, so whatever serves it is already failing TLS handshakes.',
  remediation:
    'Attach a valid certificate to every resource listed in InUseBy (request or import a new one), then delete the expired one.',
  references: ['Security Hub ACM.1', 'AWS Config acm-certificate-expiration-check'],
  needs: ['status', 'notAfter', 'inUse', 'inUseBy', 'hostnames', 'endpoints'],
  // The summary's InUse flag decides; InUseBy and what it serves only name what is down.
  decidesWithout: ['inUseBy', 'hostnames', 'endpoints'],
  check(cert, { now }) {
    if (!isExpired(cert, now)) return null;
    const inUse = isInUse(cert);
    if (inUse === false) return null;
    const days = daysUntilExpiry(cert, now);
    const date = expiryDate(cert);
    const when = days !== null && days < 0 ? `expired ${describeDays(days)} (${date})` : 'expired (status EXPIRED)';
    if (inUse === null) {
      return {
        severity: 'high',
        title: `${when}; in-use state unknown`,
        detail: `The certificate ${when}. ACM did not say whether it is attached to a resource, so check before deleting it.`,
      };
    }
    const n = cert.inUseBy.length;
    return {
      severity: 'critical',
      title: `${when} and still in use${n ? ` by ${n} resource${n === 1 ? '' : 's'}` : ''}${down(blastRadius(cert))}`,
      detail: `The certificate ${when} but is still attached${n ? ` to: ${cert.inUseBy.join(', ')}` : ''}.`,
    };
  },
};
