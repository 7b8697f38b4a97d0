import type { CertificateRule } from './types.js';
import { isInUse } from '../../domain/certificate-facts.js';
import { AMAZON_CAA_ISSUERS } from '../../domain/caa.js';
import { renewalStartsInDays } from '../../domain/renewal-dns.js';

export const caaBlocksAmazon: CertificateRule = {
  id: 'caa-blocks-amazon',
  scope: 'certificate',
  title: 'CAA record does not allow Amazon to issue',
  severities: ['high', 'medium'],
  rationale:
    'A CAA record that names only other CAs forbids Amazon from issuing for the name, so ACM cannot renew the certificate (FailureReason CAA_ERROR). RFC 8659: the first CAA set found climbing from the name decides.',
  remediation: `Add a CAA record allowing one of ${AMAZON_CAA_ISSUERS.join(', ')} where the CAA set is, e.g. 'example.com. CAA 0 issue "amazon.com"'.`,
  references: [],
  needs: ['type', 'status', 'domainName', 'subjectAlternativeNames', 'notBefore', 'notAfter', 'inUse', 'inUseBy'],
  decidesWithout: ['notBefore', 'notAfter', 'inUse', 'inUseBy'],
  check(cert, { now, evidence }) {
    const blocked = evidence?.dns?.get(cert.arn)?.caa.filter((c) => c.state === 'blocks') ?? [];
    if (!blocked.length) return null;
    const starts = renewalStartsInDays(cert, now);
    const severity = isInUse(cert) === true && starts !== null && starts <= 30 ? 'high' : 'medium';
    const sets = [...new Set(blocked.map((c) => c.relevantAt).filter(Boolean))];
    return {
      severity,
      title: `CAA blocks Amazon for ${blocked.map((c) => c.domainName).join(', ')}`,
      detail: `${blocked.map((c) => `${c.domainName}: ${c.reason}`).join('; ')}. ACM cannot ${cert.status === 'PENDING_VALIDATION' ? 'issue' : 'renew'} this certificate until CAA allows it.`,
      remediation: `Add 'CAA 0 issue "amazon.com"' (or amazontrust.com, awstrust.com, amazonaws.com) to ${sets.join(', ')}${blocked.some((c) => c.domainName.startsWith('*.')) ? ', and an issuewild record when the set has issuewild ones' : ''}.`,
    };
  },
};
