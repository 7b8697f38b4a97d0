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
    'Move it to DNS validation in place: UpdateCertificateOptions with Options.ValidationMethod=DNS (aws acm update-certificate-options --certificate-arn ARN --options ValidationMethod=DNS), then create the CNAME records ListCertificateDomainValidations lists under RequestedValidationConfiguration; DescribeCertificate\'s UpdateSummary shows SUCCESS once ACM has seen them. The certificate, its ARN and where it is attached stay as they are.',
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
    const cnames = cert.domainValidations
      .filter((d) => d.resourceRecord)
      .map((d) => `${d.resourceRecord!.name} CNAME ${d.resourceRecord!.value}`);
    return {
      severity: inUse ? 'medium' : 'low',
      remediation: `Move it to DNS validation in place: aws acm update-certificate-options --certificate-arn ${cert.arn} --options ValidationMethod=DNS (UpdateCertificateOptions). ${
        cnames.length
          ? `Then create ${cnames.length === 1 ? 'this record' : 'these records'}: ${[...new Set(cnames)].join('; ')}.`
          : 'Then create the CNAME records that ListCertificateDomainValidations lists under RequestedValidationConfiguration for each domain.'
      } DescribeCertificate's UpdateSummary shows SUCCESS once ACM has validated them; the ARN and its attachments stay as they are.`,
      title: `validated by email (${count} domain${count === 1 ? '' : 's'}); renewal needs a person`,
      detail: inUse
        ? 'The certificate is in use; a missed approval email at renewal time means an outage.'
        : 'The certificate is not in use, so a missed renewal breaks nothing yet.',
    };
  },
};
