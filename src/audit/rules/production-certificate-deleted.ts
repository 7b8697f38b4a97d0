import type { AccountRule } from './types.js';
import { isProduction } from '../../domain/certificate-facts.js';
import { emptyCertificate } from '../../domain/certificate.js';
import { principalName } from '../../domain/provenance.js';
import { eventsOfAccount } from './trail-evidence.js';

export const productionCertificateDeleted: AccountRule = {
  id: 'production-certificate-deleted',
  scope: 'account',
  title: 'Production certificate deleted',
  severities: ['high'],
  rationale:
    'Deleting a certificate tagged as production is rarely routine: if anything still served it, that endpoint lost TLS. The seed article advises an alarm on it.',
  remediation: 'Confirm with the person who deleted it that nothing used it; restrict acm:DeleteCertificate on production-tagged certificates with an SCP or tag-based IAM condition.',
  references: [],
  needs: ['tags'],
  check(certs, ctx) {
    const events = eventsOfAccount(certs, ctx);
    // Tags as the trail recorded them (request, import, AddTags), under the inventory's own where it still has them.
    const tags = new Map<string, Record<string, string>>();
    for (const e of events) if (e.certificateArn && Object.keys(e.tags).length) tags.set(e.certificateArn, { ...tags.get(e.certificateArn), ...e.tags });
    for (const c of certs) if (c.tags) tags.set(c.arn, { ...tags.get(c.arn), ...c.tags });
    const out = [];
    for (const e of events) {
      if (e.event !== 'DeleteCertificate' || !e.certificateArn) continue;
      const record = { ...emptyCertificate(e.certificateArn, e.region), tags: tags.get(e.certificateArn) ?? null };
      if (!isProduction(record, ctx.config.productionTag)) continue;
      out.push({
        severity: 'high' as const,
        // It no longer exists: the finding stands for the account, the ARN in its detail.
        certificateArn: null,
        region: e.region,
        title: `${principalName(e.by)} deleted a production certificate on ${e.at.slice(0, 10)}`,
        detail: `${e.certificateArn} carried ${ctx.config.productionTag.key}=${record.tags![Object.keys(record.tags!).find((k) => k.toLowerCase() === ctx.config.productionTag.key.toLowerCase())!]} when it was deleted.`,
        remediation: productionCertificateDeleted.remediation,
      });
    }
    return out;
  },
};
