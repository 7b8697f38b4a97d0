import type { CertificateRule } from './types.js';
import { isInUse } from '../../domain/certificate-facts.js';
import { AMAZON_CAA_ISSUERS } from '../../domain/caa.js';
import { isReplaceableImport } from '../../domain/issuer-trust.js';
import { caaFix, renewalStartsInDays } from '../../domain/renewal-dns.js';

export const caaBlocksAmazon: CertificateRule = {
  id: 'caa-blocks-amazon',
  scope: 'certificate',
  title: 'CAA record does not allow Amazon to issue',
  severities: ['high', 'medium', 'low'],
  rationale:
    'A CAA record that names only other CAs forbids Amazon from issuing for the name, so ACM cannot renew the certificate (FailureReason CAA_ERROR), nor issue the ACM certificate the plan proposes in place of an import. RFC 8659: the first CAA set found climbing from the name decides.',
  remediation: `Add a CAA record allowing one of ${AMAZON_CAA_ISSUERS.join(', ')} where the CAA set is, e.g. 'example.com. CAA 0 issue "amazon.com"'.`,
  references: [],
  needs: ['type', 'status', 'domainName', 'subjectAlternativeNames', 'notBefore', 'notAfter', 'inUse', 'inUseBy', 'issuer', 'subject'],
  decidesWithout: ['notBefore', 'notAfter', 'inUse', 'inUseBy', 'issuer', 'subject'],
  check(cert, { now, evidence }) {
    const blocked = evidence?.dns?.get(cert.arn)?.caa.filter((c) => c.state === 'blocks') ?? [];
    if (!blocked.length) return null;
    const names = blocked.map((c) => c.domainName).join(', ');
    const reasons = blocked.map((c) => `${c.domainName}: ${c.reason}`).join('; ');
    const fixes = [...new Set(blocked.map(caaFix))].join('; ');
    if (cert.type === 'IMPORTED') {
      // ACM never renews an import: CAA matters only for the ACM certificate the plan would request in its place.
      if (!isReplaceableImport(cert, evidence?.trust)) return null;
      return {
        severity: 'low',
        title: `CAA blocks Amazon for ${names}: ACM could not issue this import's replacement`,
        detail: `${reasons}. The plan proposes replacing this import with an ACM certificate; the request would fail until CAA allows Amazon.`,
        remediation: `Before requesting the replacement, ${fixes} (amazontrust.com, awstrust.com or amazonaws.com serve as well).`,
      };
    }
    const starts = renewalStartsInDays(cert, now);
    const severity = isInUse(cert) === true && starts !== null && starts <= 30 ? 'high' : 'medium';
    return {
      severity,
      title: `CAA blocks Amazon for ${names}`,
      detail: `${reasons}. ACM cannot ${cert.status === 'PENDING_VALIDATION' ? 'issue' : 'renew'} this certificate until CAA allows it.`,
      remediation: `${fixes[0].toUpperCase()}${fixes.slice(1)} (amazontrust.com, awstrust.com or amazonaws.com serve as well).`,
    };
  },
};
