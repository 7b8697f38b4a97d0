import { defineStage } from '../stage.js';
import { DistributionRecords } from '../serving-schemas.js';

export const cloudfrontStage = defineStage({
  id: 'cloudfront',
  title: 'CloudFront distributions',
  // Global: signed for us-east-1, where the certificates CloudFront uses live.
  scope: { kind: 'account', signingRegion: 'us-east-1' },
  after: 'listing',
  needs: [],
  operations: [
    {
      action: 'cloudfront:ListDistributions',
      // CloudFront documents no rate for its List calls: paced at the 10 a second its other control-plane reads get.
      perSecond: 10,
      source: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html',
    },
  ],
  checks: ['legacy-tls-policy', 'plain-http-backend'],
  data: DistributionRecords,
  read: () => import('./read.js'),
  // The detail view's Serves section joins all four reads (hostname → endpoint → policy): nothing more here.
  about: () => [],
  fake: () => import('./fake.js').then((m) => m.fake),
});
