import { defineStage } from '../stage.js';
import { ZoneReadSchema } from '../serving-schemas.js';

/** Route 53's requests share one bucket per account, refilled at 10 a second. */
const SOURCE = 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html';

/**
 * Every hosted zone of the account and its CNAME, alias and CAA records: the names that reach what
 * certificates serve, and (for the renewal checks, which reuse this read) the zones' own records.
 */
export const route53Stage = defineStage({
  id: 'route53',
  title: 'Route 53 records',
  scope: { kind: 'account', signingRegion: 'us-east-1' },
  after: 'listing',
  needs: [],
  operations: [
    { action: 'route53:ListHostedZones', perSecond: 10, source: SOURCE },
    { action: 'route53:ListResourceRecordSets', perSecond: 10, source: SOURCE },
  ],
  checks: ['name-served-elsewhere'],
  data: ZoneReadSchema,
  read: () => import('./read.js'),
  // Shown in the detail view's Serves section, with the endpoints the names reach.
  about: () => [],
  fake: () => import('./fake.js').then((m) => m.fake),
});
