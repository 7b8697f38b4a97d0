import type { CertificateRule } from './types.js';
import { daysUntilExpiry } from '../../domain/certificate.js';
import { describeDays, expiryDate } from '../../domain/certificate-facts.js';

export const importedManualRenewal: CertificateRule = {
  id: 'imported-manual-renewal',
  scope: 'certificate',
  title: 'Imported certificate: renewal is manual',
  severities: ['low'],
  rationale:
    'ACM never renews an imported certificate; someone has to obtain a new one from the issuing CA and re-import it before expiry, every time.',
  remediation:
    'Give the certificate an owner and a renewal reminder, or replace it with an ACM-issued (or ACM private) certificate so renewal is managed.',
  references: ['Security Hub ACM.1'],
  needs: ['type', 'status', 'notAfter', 'issuer'],
  // The issuer is only named in the finding.
  decidesWithout: ['issuer'],
  check(cert, { now }) {
    if (cert.type !== 'IMPORTED') return null;
    if (cert.status !== null && cert.status !== 'ISSUED') return null;
    const days = daysUntilExpiry(cert, now);
    const when = days === null ? 'expiry date unknown' : `expires ${describeDays(days)} (${expiryDate(cert)})`;
    return {
      severity: 'low',
      title: `imported, renewed by hand; ${when}`,
      detail: `Issuer: ${cert.issuer ?? 'unknown'}. ACM will not renew this certificate.`,
    };
  },
};
