import type { CertificateRule } from './types.js';
import { tagsKnown, tagValue } from '../../domain/certificate-facts.js';

export const missingTags: CertificateRule = {
  id: 'missing-tags',
  scope: 'certificate',
  title: 'Required tags missing',
  severities: ['low'],
  rationale:
    'Without owner and environment tags nobody knows whom to warn when a certificate is about to expire or which findings matter most. Tag keys are matched ignoring case.',
  remediation: 'Add the missing tags (AddTagsToCertificate), or enforce them with a tag policy.',
  references: ['Security Hub ACM.3', 'AWS Config tagged-acm-certificate'],
  needs: ['tags'],
  check(cert, { config }) {
    if (!tagsKnown(cert)) return null;
    // Security Hub ignores aws: keys too: users cannot set them.
    const required = config.requiredTags.filter((k) => !k.toLowerCase().startsWith('aws:'));
    const missing = required.filter((k) => tagValue(cert.tags, k) === null);
    if (missing.length === 0) return null;
    return {
      severity: 'low',
      title: `missing ${missing.length} of ${required.length} required tags: ${missing.join(', ')}`,
      detail: `Required tag keys: ${required.join(', ')}.`,
    };
  },
};
