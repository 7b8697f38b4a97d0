import type { CertificateRule } from './types.js';

export const stalePendingValidation: CertificateRule = {
  id: 'stale-pending-validation',
  scope: 'certificate',
  title: 'Pending validation for too long',
  severities: ['low'],
  rationale:
    'ACM gives up on validation after 72 hours; a request stuck this long usually means the DNS record or approval email was never handled.',
  remediation:
    'Publish the validation CNAME records (or approve the email), or delete the request and ask for a new certificate when ready.',
  references: [],
  needs: ['status', 'createdAt'],
  check(cert, { config, now }) {
    if (cert.status !== 'PENDING_VALIDATION' || !cert.createdAt) return null;
    const created = Date.parse(cert.createdAt);
    if (Number.isNaN(created)) return null;
    const hours = Math.floor((now.getTime() - created) / 3_600_000);
    if (hours < config.stalePendingHours) return null;
    const since = new Date(created).toISOString().slice(0, 10);
    return {
      severity: 'low',
      title: `pending validation for ${hours} hours (since ${since})`,
      detail: `Requested ${hours} hours ago; the limit is ${config.stalePendingHours} hours.`,
    };
  },
};
