import type { CertificateRule } from './types.js';
import type { Endpoint } from '../../domain/serving.js';
import { protocolName, resourceLabel } from '../../domain/endpoint-text.js';
import {
  API_GATEWAY_POLICIES,
  CLOUDFRONT_POLICIES,
  LOAD_BALANCER_RECOMMENDATION,
  isLegacyProtocol,
} from '../../domain/tls-policies.js';

function recommendation(e: Endpoint): string {
  const table = e.service === 'cloudfront' ? CLOUDFRONT_POLICIES : e.service === 'apigateway' ? API_GATEWAY_POLICIES : LOAD_BALANCER_RECOMMENDATION;
  return table.recommendedPostQuantum
    ? `${table.recommended} (or ${table.recommendedPostQuantum} for post-quantum key exchange)`
    : table.recommended;
}

export const legacyTlsPolicy: CertificateRule = {
  id: 'legacy-tls-policy',
  scope: 'certificate',
  title: 'An endpoint presenting the certificate still accepts TLS 1.0 or 1.1',
  severities: ['high', 'medium'],
  rationale:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail PCI DSS and most baselines. A listener, distribution or API domain whose security policy still allows them lets clients negotiate them.',
  remediation: 'Move the endpoint to the current recommended security policy; check first that no client still needs TLS 1.0 or 1.1.',
  references: [
    'Security Hub ELB.17',
    'Security Hub CloudFront.15',
    'AWS Config cloudfront-security-policy-check',
    'API Gateway security policy TLS_1_0 (legacy)',
  ],
  needs: ['endpoints'],
  check(cert) {
    const weak = (cert.endpoints ?? []).filter((e) => e.tls?.minimumProtocol && isLegacyProtocol(e.tls.minimumProtocol));
    if (weak.length === 0) return null;
    const lowest = weak.some((e) => e.tls?.minimumProtocol === 'SSLv3') ? 'SSL 3.0' : weak.some((e) => e.tls?.minimumProtocol === 'TLSv1') ? 'TLS 1.0' : 'TLS 1.1';
    const each = weak.map((e) => `${resourceLabel(e)}${e.label.match(/ :\d+$/)?.[0] ?? ''} uses ${e.tls!.policy} (accepts ${protocolName(e.tls!.minimumProtocol!)} and later); recommended: ${recommendation(e)}`);
    return {
      severity: lowest === 'SSL 3.0' ? 'high' : 'medium',
      title: `${weak.length === 1 ? 'an endpoint accepts' : `${weak.length} endpoints accept`} ${lowest}`,
      detail: `${each.join('. ')}.`,
      remediation: `Change the security policy: ${[...new Set(weak.map(recommendation))].join('; ')}.`,
    };
  },
};
