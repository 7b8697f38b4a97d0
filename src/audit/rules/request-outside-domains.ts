import type { AccountRule } from './types.js';
import { allNames, isInUse } from '../../domain/certificate-facts.js';
import { principalName } from '../../domain/provenance.js';
import { eventsOfAccount } from './trail-evidence.js';

/** A name under the registrable domain `domain` (or the domain itself), wildcard label dropped. */
const under = (name: string, domain: string) => {
  const n = name.toLowerCase().replace(/^\*\./, '');
  return n === domain || n.endsWith(`.${domain}`);
};

export const requestOutsideDomains: AccountRule = {
  id: 'request-outside-domains',
  scope: 'account',
  title: 'Certificate requested for a domain the company does not use',
  severities: ['medium'],
  rationale:
    "A certificate request for a domain none of the organisation's other certificates uses is either a mistake or someone issuing for a name they should not: the seed article's advice is to alarm on requests outside the company's domains.",
  remediation:
    'Ask the requester why; delete the certificate if it is not needed, and limit requests to your domains with an SCP on acm:RequestCertificate (condition acm:DomainNames).',
  references: [],
  needs: ['domainName', 'subjectAlternativeNames', 'inUse', 'inUseBy'],
  check(certs, ctx) {
    const events = eventsOfAccount(certs, ctx).filter((e) => e.event === 'RequestCertificate' && e.domains.length);
    if (!events.length) return [];
    const out = [];
    const inUse = new Set(certs.filter((c) => isInUse(c) === true).map((c) => c.arn));
    for (const e of events) {
      // A certificate the company now serves with is its own, whatever names it carries.
      if (e.certificateArn && inUse.has(e.certificateArn)) continue;
      // The company's domains: those of every certificate but the one this request made.
      const names = certs.filter((c) => c.arn !== e.certificateArn).flatMap((c) => allNames(c));
      const outside = e.domains.filter((d) => !names.some((n) => under(n, d)));
      if (!outside.length) continue;
      out.push({
        severity: 'medium' as const,
        certificateArn: e.certificateArn,
        region: e.region,
        title: `${principalName(e.by)} requested a certificate for ${outside.join(', ')}`,
        detail: `On ${e.at.slice(0, 10)} ${principalName(e.by)} requested ${e.names.join(', ')}; no other certificate uses ${outside.length === 1 ? 'that domain' : 'those domains'}.`,
        remediation: requestOutsideDomains.remediation,
      });
    }
    return out;
  },
};
