import { defineStage } from '../stage.js';
import { ListenerRecords } from '../serving-schemas.js';

/**
 * Elastic Load Balancing v2's Describe* calls share one bucket, refilled at 10 a second, per account and
 * Region. The stage's pacers are per operation, so the share is split: the per-listener calls (listeners,
 * then each TLS listener's certificates) run side by side at 5 a second each; the one-off calls (the
 * load balancers first, the target groups, the policies last) take the rest.
 */
const SOURCE = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html';
const op = (name: string, perSecond: number) => ({ action: `elasticloadbalancing:${name}` as const, perSecond, source: SOURCE });

export const elbStage = defineStage({
  id: 'elb',
  title: 'Load balancer listeners',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  operations: [op('DescribeLoadBalancers', 10), op('DescribeListeners', 5), op('DescribeListenerCertificates', 5), op('DescribeTargetGroups', 10), op('DescribeSSLPolicies', 10)],
  checks: ['legacy-tls-policy', 'plain-http-backend'],
  data: ListenerRecords,
  read: () => import('./read.js'),
  // The detail view's Serves section joins all four reads (hostname → endpoint → policy): nothing more here.
  about: () => [],
  fake: () => import('./fake.js').then((m) => m.fake),
});
