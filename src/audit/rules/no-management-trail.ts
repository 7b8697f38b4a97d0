import type { AccountRule } from './types.js';
import { trailCoverage, whyNotRecording } from '../../domain/trail-coverage.js';

/**
 * Regions read where no CloudTrail trail keeps ACM's management events: what is requested, exported or
 * deleted there is gone from CloudTrail after 90 days, and EventBridge rules on ACM API calls (the
 * plan's alerts) receive nothing, as they need a logging trail.
 */
export const noManagementTrail: AccountRule = {
  id: 'no-management-trail',
  scope: 'account',
  title: "No CloudTrail trail keeps ACM's management events",
  severities: ['medium'],
  rationale:
    "The seed article counts auditability among ACM's strengths: every ACM API call is captured by CloudTrail. Without a logging trail that records management write events, that record lasts only the 90 days of CloudTrail's event history, and EventBridge rules on ACM API calls (alerts on foreign-domain requests or deleted production certificates) never fire.",
  remediation:
    'Create a multi-Region trail that logs management events, read and write (the default selectors), or start logging on the trail that stopped; an organisation trail covers every member account.',
  references: ['Security Hub CloudTrail.1', 'AWS Config multi-region-cloudtrail-enabled'],
  needs: [],
  check(certs, ctx) {
    const account = certs[0]?.accountId ?? null;
    const read = (ctx.evidence?.trails ?? []).filter((r) => account === null || r.accountId === null || r.accountId === account);
    const { uncovered } = trailCoverage(read);
    if (uncovered.length === 0) return [];
    const regions = uncovered.map((r) => r.region).sort();
    const present = uncovered.flatMap((r) => r.trails.map((t) => `trail ${t.name} ${whyNotRecording(t)} in ${r.region}`));
    return [
      {
        severity: 'medium' as const,
        certificateArn: null,
        region: regions.length === 1 ? regions[0] : null,
        title: `No CloudTrail trail keeps ACM's changes in ${regions.length === 1 ? regions[0] : `${regions.length} Regions`}`,
        detail: `Regions read with no logging trail that records management write events: ${regions.join(', ')}.${present.length ? ` ${[...new Set(present)].join('; ')}.` : ''} Certificate requests, exports and deletions there stay only in the 90-day event history.`,
        remediation: noManagementTrail.remediation,
      },
    ];
  },
};
