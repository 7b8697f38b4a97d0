import type { CertificateRule } from './types.js';

export const nameServedElsewhere: CertificateRule = {
  id: 'name-served-elsewhere',
  scope: 'certificate',
  title: 'A name on the certificate points at a CDN or host outside AWS',
  severities: ['info'],
  rationale:
    'When a zone of the account sends a name on this certificate to a CDN or host outside AWS, that provider serves the name with a certificate of its own: a second lifecycle ACM does not renew.',
  remediation:
    'Record who issues and renews the certificate at that provider (the CDN\u2019s managed certificates, or an exportable ACM certificate deployed there), and alert on its expiry too.',
  references: [],
  needs: ['servedElsewhere'],
  check(cert) {
    const out = cert.servedElsewhere ?? [];
    if (out.length === 0) return null;
    const each = out.map((o) => `${o.name} \u2192 ${o.target}${o.cdn ? ` (${o.cdn})` : ''}`);
    const cdns = [...new Set(out.map((o) => o.cdn).filter((c): c is string => !!c))];
    return {
      severity: 'info',
      title: cdns.length ? `served through ${cdns.join(', ')}` : `${out.length === 1 ? 'a name points' : `${out.length} names point`} outside AWS`,
      detail: `In the account's DNS zones: ${each.join('; ')}.`,
    };
  },
};
