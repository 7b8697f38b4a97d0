import type { CertificateRule } from './types.js';
import { isInUse } from '../../domain/certificate-facts.js';

export const emailValidation: CertificateRule = {
  id: 'email-validation',
  scope: 'certificate',
  title: 'Email validation',
  severities: ['medium', 'low'],
  rationale:
    'An email-validated certificate renews only when someone clicks the approval link sent to the domain contacts, which is easily missed; DNS validation renews unattended.',
  remediation:
    'Request a replacement certificate with DNS validation, publish the CNAME records, swap it in, then delete the email-validated one.',
  references: ['Security Hub ACM.1 (remediation text)'],
  needs: ['type', 'status', 'validationMethod', 'domainValidations', 'inUse', 'inUseBy'],
  // In-use only picks the severity.
  decidesWithout: ['inUse', 'inUseBy'],
  check(cert) {
    if (cert.type !== 'AMAZON_ISSUED') return null;
    if (cert.status !== null && cert.status !== 'ISSUED' && cert.status !== 'PENDING_VALIDATION') return null;
    const emailDomains = cert.domainValidations.filter((d) => d.validationMethod === 'EMAIL').length;
    if (cert.validationMethod !== 'EMAIL' && emailDomains === 0) return null;
    const inUse = isInUse(cert) === true;
    const count = emailDomains || Math.max(1, cert.domainValidations.length);
    return {
      severity: inUse ? 'medium' : 'low',
      title: `validated by email (${count} domain${count === 1 ? '' : 's'}); renewal needs a person`,
      detail: inUse
        ? 'The certificate is in use; a missed approval email at renewal time means an outage.'
        : 'The certificate is not in use, so a missed renewal breaks nothing yet.',
    };
  },
};
