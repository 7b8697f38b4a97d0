import type { CertificateRule } from './types.js';

export const exportedPrivateKey: CertificateRule = {
  id: 'exported-private-key',
  scope: 'certificate',
  title: 'Private key exported from ACM',
  severities: ['medium'],
  rationale:
    'Once exported, the private key lives wherever it was copied; its protection, rotation and deletion are no longer ACM\'s job, and each renewal must be exported and deployed again.',
  remediation:
    'Inventory where the exported key is deployed, keep it in a secrets manager, redeploy after every renewal, and revoke the certificate if the key may have leaked.',
  references: [],
  needs: ['exported', 'type', 'exportOption'],
  check(cert) {
    if (cert.exported !== true) return null;
    return {
      severity: 'medium',
      title: 'private key exported from ACM',
      detail: `Type ${cert.type ?? 'unknown'}, export option ${cert.exportOption ?? 'unknown'}.`,
    };
  },
};
