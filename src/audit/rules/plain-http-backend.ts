import type { CertificateRule } from './types.js';
import { resourceLabel } from '../../domain/endpoint-text.js';

export const plainHttpBackend: CertificateRule = {
  id: 'plain-http-backend',
  scope: 'certificate',
  title: 'TLS ends at the edge and traffic goes on to the backend over plain HTTP',
  severities: ['high', 'info'],
  rationale:
    'A load balancer or distribution that forwards to its targets or origins over HTTP leaves the last hop unencrypted. That is a choice many architectures make inside a VPC, but not one that meets an end-to-end encryption requirement.',
  remediation: 'Forward over HTTPS (HTTPS target groups, https-only origin protocol policy) where traffic must stay encrypted to the backend.',
  // ELB.3 is about a Classic Load Balancer's front-end listeners, not the hop to its targets: no ELB control fits.
  references: ['Security Hub CloudFront.9'],
  needs: ['endpoints'],
  check(cert, { config }) {
    const plain = (cert.endpoints ?? []).filter((e) => e.backendProtocol === 'HTTP');
    if (plain.length === 0) return null;
    const names = [...new Set(plain.map(resourceLabel))];
    return {
      severity: config.endToEndEncryption ? 'high' : 'info',
      title: `${names.join(', ')} ${plain.length === 1 ? 'sends' : 'send'} traffic to the backend over HTTP`,
      detail: config.endToEndEncryption
        ? 'Your answers say traffic must stay encrypted to the instance; this hop is not.'
        : 'The hop from the endpoint to its backend is unencrypted. Fine inside a private network unless a standard requires end-to-end encryption.',
    };
  },
};
