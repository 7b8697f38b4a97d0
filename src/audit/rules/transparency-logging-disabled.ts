import type { CertificateRule } from './types.js';
import { isInUse } from '../../domain/certificate-facts.js';

export const transparencyLoggingDisabled: CertificateRule = {
  id: 'transparency-logging-disabled',
  scope: 'certificate',
  title: 'Certificate transparency logging disabled',
  severities: ['medium', 'low'],
  rationale:
    'Browsers expect public certificates to appear in CT logs and may reject ones that do not; opting out also hides mis-issuance from monitoring. Private and imported certificates are not logged by ACM, so they are not checked.',
  remediation:
    'Turn logging back on with UpdateCertificateOptions (CertificateTransparencyLoggingPreference=ENABLED), or request a new certificate with logging enabled.',
  references: [],
  needs: ['type', 'transparencyLogging', 'status', 'inUse', 'inUseBy'],
  // In-use only picks the severity.
  decidesWithout: ['inUse', 'inUseBy'],
  check(cert) {
    if (cert.type !== 'AMAZON_ISSUED') return null;
    if (cert.transparencyLogging !== 'DISABLED') return null;
    if (cert.status !== null && cert.status !== 'ISSUED' && cert.status !== 'PENDING_VALIDATION') return null;
    const inUse = isInUse(cert) === true;
    return {
      severity: inUse ? 'medium' : 'low',
      title: `transparency logging opted out${inUse ? '' : ' (not in use)'}`,
      detail: 'CertificateTransparencyLoggingPreference is DISABLED on a public ACM certificate.',
    };
  },
};
