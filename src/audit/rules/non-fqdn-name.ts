import type { CertificateRule } from './types.js';
import { allNames } from '../../domain/certificate-facts.js';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A DNS host name with at least two labels; a leading `*` label is allowed once. */
export function isFqdn(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253) return false;
  const labels = n.split('.');
  const wildcard = labels[0] === '*';
  if (labels.length < (wildcard ? 3 : 2)) return false;
  for (let i = wildcard ? 1 : 0; i < labels.length; i++) if (!LABEL.test(labels[i])) return false;
  // An all-digit last label is an IP address or nonsense, never a TLD.
  return !/^\d+$/.test(labels[labels.length - 1]);
}

export const nonFqdnName: CertificateRule = {
  id: 'non-fqdn-name',
  scope: 'certificate',
  title: 'Name is not a fully qualified domain name',
  severities: ['low'],
  rationale:
    'Single-label names, IP addresses and malformed names cannot be validated publicly, are ambiguous across networks, and often signal a copy-paste mistake.',
  remediation: 'Reissue the certificate with fully qualified host names (host.example.com).',
  references: [],
  needs: ['domainName', 'subjectAlternativeNames'],
  check(cert) {
    const bad = allNames(cert).filter((n) => !isFqdn(n));
    if (bad.length === 0) return null;
    return {
      severity: 'low',
      title: `${bad.length} name${bad.length === 1 ? '' : 's'} not fully qualified`,
      detail: `Not fully qualified: ${bad.join(', ')}.`,
    };
  },
};
