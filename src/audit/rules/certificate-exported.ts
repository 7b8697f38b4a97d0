import type { AccountRule } from './types.js';
import { principalName } from '../../domain/provenance.js';
import { eventsOfAccount } from './trail-evidence.js';

export const certificateExported: AccountRule = {
  id: 'certificate-exported',
  scope: 'account',
  title: 'Private key exported',
  severities: ['medium', 'low'],
  rationale:
    'Each ExportCertificate call hands out the private key: whoever holds the export can impersonate the names until the certificate expires. Knowing who exported which key is the start of keeping track of it.',
  remediation: 'Confirm each export was intended and where the key went; limit acm:ExportCertificate to the roles that install keys.',
  references: [],
  needs: ['domainName'],
  check(certs, ctx) {
    const byArn = new Map(certs.map((c) => [c.arn, c]));
    return eventsOfAccount(certs, ctx)
      .filter((e) => e.event === 'ExportCertificate')
      .map((e) => {
        const cert = e.certificateArn ? byArn.get(e.certificateArn) : undefined;
        const what = cert?.domainName ?? e.certificateArn ?? 'a certificate';
        return {
          severity: (cert?.inUse === true ? 'medium' : 'low') as 'medium' | 'low',
          certificateArn: cert ? cert.arn : null,
          region: e.region,
          title: `${principalName(e.by)} exported the private key of ${what}`,
          detail: `On ${e.at.slice(0, 10)} ${e.by ?? 'an unknown principal'} exported ${e.certificateArn ?? 'a certificate'}.`,
          remediation: certificateExported.remediation,
        };
      });
  },
};
