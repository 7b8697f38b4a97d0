import type { CertificateRule } from './types.js';
import { normaliseKeyAlgorithm } from '../../domain/certificate-facts.js';

export const weakKey: CertificateRule = {
  id: 'weak-key',
  scope: 'certificate',
  title: 'Weak key',
  severities: ['high'],
  rationale:
    'RSA keys under 2,048 bits (and elliptic curves under 256 bits) are below current CA/Browser Forum and NIST minimums and are rejected by modern clients.',
  remediation:
    'Replace the certificate with one using RSA_2048 or larger, or EC_prime256v1/EC_secp384r1, and re-attach it to every resource that uses the old one.',
  references: ['Security Hub ACM.2', 'AWS Config acm-certificate-rsa-check'],
  needs: ['keyAlgorithm'],
  check(cert) {
    const key = normaliseKeyAlgorithm(cert.keyAlgorithm);
    if (!key || key.bits === null) return null;
    const min = key.family === 'RSA' ? 2048 : key.family === 'EC' ? 256 : 0;
    if (key.bits >= min) return null;
    return {
      severity: 'high',
      title: `${key.family} key of ${key.bits} bits (minimum ${min})`,
      detail: `Key algorithm ${cert.keyAlgorithm} is ${key.bits} bits; ${min} is the minimum.`,
    };
  },
};
