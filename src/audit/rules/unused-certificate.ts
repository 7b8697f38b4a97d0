import type { CertificateRule } from './types.js';
import { daysUntilExpiry } from '../../domain/certificate.js';
import { describeDays, expiryDate, isInUse } from '../../domain/certificate-facts.js';

export const unusedCertificate: CertificateRule = {
  id: 'unused-certificate',
  scope: 'certificate',
  title: 'Issued certificate not in use',
  severities: ['low', 'info'],
  rationale:
    'An unused certificate is clutter that counts against the account quota, will not be renewed by ACM, and is easy to attach by mistake after it lapses.',
  remediation: 'Delete it if nothing needs it; otherwise tag it with an owner and the reason it is kept.',
  references: [],
  needs: ['status', 'inUse', 'inUseBy', 'notAfter', 'exported', 'keyPairOrigin', 'endpoints'],
  // The summary's InUse flag decides; InUseBy and the endpoints found only add resources to it.
  decidesWithout: ['inUseBy', 'endpoints'],
  check(cert, { now }) {
    if (cert.status !== 'ISSUED') return null;
    if (isInUse(cert) !== false) return null;
    // A listener, distribution or API domain presenting it is use, whatever ACM's flag says (it lags changes).
    if ((cert.endpoints ?? []).length > 0) return null;
    const days = daysUntilExpiry(cert, now);
    const when = days === null ? 'expiry date unknown' : `expires ${describeDays(days)} (${expiryDate(cert)})`;
    // ACME-issued and exported certificates serve hosts ACM cannot see: "not in use" is expected, never a reason to delete.
    if (cert.keyPairOrigin === 'ACME') {
      return {
        severity: 'info',
        title: `issued over ACME, not attached to an AWS resource; ${when}`,
        detail: 'The ACME client holds the key on its host, so ACM has no attachment to report.',
        remediation: 'Check the ACME client on the host renews it; do not delete it as unused.',
      };
    }
    if (cert.exported === true) {
      return {
        severity: 'info',
        title: `not attached to an AWS resource, but exported; ${when}`,
        detail: 'Its key was exported, so it may be serving outside AWS where ACM cannot see it.',
        remediation: 'Ask the owner where the exported certificate is deployed and make sure it is redeployed after each renewal; do not delete it as unused.',
      };
    }
    return {
      severity: 'low',
      title: `issued but not in use; ${when}`,
      detail: 'No AWS resource uses this certificate.',
    };
  },
};
