import type { CertificateRule } from './types.js';
import { isInUse } from '../../domain/certificate-facts.js';
import { renewalStartsInDays } from '../../domain/renewal-dns.js';
import { describeDays } from '../../domain/certificate-facts.js';
import { blastRadius } from '../../domain/endpoint-text.js';

export const validationRecordMissing: CertificateRule = {
  id: 'validation-record-missing',
  scope: 'certificate',
  title: 'DNS validation record missing',
  severities: ['high', 'medium', 'low'],
  rationale:
    'ACM renews a DNS-validated certificate only while the validation CNAME it asked for still resolves to the value it gave. A record deleted in a zone clean-up goes unnoticed until renewal fails, weeks before expiry.',
  remediation: 'Recreate the validation CNAME record exactly as DescribeCertificate lists it; renewal then completes on its own.',
  references: ['Security Hub ACM.1'],
  needs: ['type', 'status', 'domainValidations', 'notBefore', 'notAfter', 'inUse', 'inUseBy', 'hostnames', 'endpoints'],
  decidesWithout: ['notBefore', 'notAfter', 'inUse', 'inUseBy', 'hostnames', 'endpoints'],
  check(cert, { now, evidence }) {
    const dns = evidence?.dns?.get(cert.arn);
    const bad = dns?.validation.filter((v) => v.state === 'missing' || v.state === 'wrong') ?? [];
    if (!bad.length) return null;
    const inUse = isInUse(cert) === true;
    const starts = renewalStartsInDays(cert, now);
    const soon = starts !== null && starts <= 30;
    const severity = inUse ? (soon ? 'high' : 'medium') : 'low';
    const when =
      starts === null ? 'ACM did not give its dates' : starts <= 0 ? `its renewal started ${describeDays(starts)}` : `its renewal starts ${describeDays(starts)}`;
    const records = bad.map((v) =>
      v.state === 'missing'
        ? `${v.recordName} does not exist${v.zone ? ` (Route 53 zone ${v.zone})` : ''}`
        : `${v.recordName} points to ${v.found} instead${v.zone ? ` (Route 53 zone ${v.zone})` : ''}`,
    );
    const serves = blastRadius(cert) ?? evidence?.blastRadius?.(cert.arn);
    return {
      severity,
      title: `${bad.length === 1 ? 'validation record' : `${bad.length} validation records`} missing; ${when}`,
      detail: `${records.join('; ')}. ${inUse ? `The certificate is in use${serves ? ` and ${serves}` : ''}: renewal will fail and it will expire.` : 'Nothing uses it, so a failed renewal breaks nothing yet.'}`,
      remediation: `Create ${bad.map((v) => `the CNAME ${v.recordName} → ${v.expected}${v.zone ? ` in the Route 53 zone ${v.zone}` : ''}`).join(', and ')}.`,
    };
  },
};
