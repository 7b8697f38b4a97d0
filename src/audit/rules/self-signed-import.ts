import type { CertificateRule } from './types.js';
import { isInUse } from '../../domain/certificate-facts.js';

export const selfSignedImport: CertificateRule = {
  id: 'self-signed-import',
  scope: 'certificate',
  title: 'Self-signed certificate imported',
  severities: ['medium', 'low'],
  rationale:
    'A self-signed certificate is trusted by no browser or client that has not been told to trust it; in ACM it is usually a development certificate imported by mistake, and ACM never renews it.',
  remediation: 'Replace it with an ACM-issued certificate (public) or one from AWS Private CA (internal), then delete the import.',
  references: [],
  needs: ['type', 'inUse', 'inUseBy'],
  decidesWithout: ['inUse', 'inUseBy'],
  check(cert, { evidence }) {
    if (cert.type !== 'IMPORTED' || evidence?.trust?.get(cert.arn)?.selfSigned !== true) return null;
    const inUse = isInUse(cert) === true;
    return {
      severity: inUse ? 'medium' : 'low',
      title: inUse ? 'self-signed and in use' : 'self-signed, not in use',
      detail: inUse
        ? 'It signs itself: every client must be told to trust it by hand, and ACM will not renew it.'
        : 'It signs itself and nothing uses it; delete it if it was imported by mistake.',
    };
  },
};
