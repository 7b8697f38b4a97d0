import type { CertificateRule } from './types.js';
import { allNames, isProduction, tagValue } from '../../domain/certificate-facts.js';

export const wildcardInProduction: CertificateRule = {
  id: 'wildcard-in-production',
  scope: 'certificate',
  title: 'Wildcard certificate in production',
  severities: ['medium'],
  rationale:
    'A wildcard certificate covers every host under the domain: one leaked or misused key impersonates all of them, and one renewal problem breaks all of them.',
  remediation:
    'Request certificates that list the exact production host names (up to 100 per certificate) and keep wildcards out of production.',
  references: [],
  needs: ['status', 'tags', 'domainName', 'subjectAlternativeNames'],
  check(cert, { config }) {
    if (cert.status !== null && cert.status !== 'ISSUED') return null;
    if (!isProduction(cert, config.productionTag)) return null;
    const wildcards = allNames(cert).filter((n) => n.includes('*'));
    if (wildcards.length === 0) return null;
    return {
      severity: 'medium',
      title: `${wildcards.length} wildcard name${wildcards.length === 1 ? '' : 's'} on a production certificate`,
      detail: `Tag ${config.productionTag.key}=${tagValue(cert.tags, config.productionTag.key)}; wildcard names: ${wildcards.join(', ')}.`,
    };
  },
};
