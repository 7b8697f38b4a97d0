import { defineStage } from '../stage.js';
import { ApiDomainRecords } from '../serving-schemas.js';

export const apiGatewayStage = defineStage({
  id: 'apigateway',
  title: 'API Gateway custom domains',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  // GetDomainNames of both APIs (REST, and HTTP/WebSocket) is IAM's apigateway:GET.
  operations: [{ action: 'apigateway:GET', perSecond: 10, source: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html' }],
  checks: ['legacy-tls-policy'],
  data: ApiDomainRecords,
  read: () => import('./read.js'),
  // The detail view's Serves section joins all four reads (hostname → endpoint → policy): nothing more here.
  about: () => [],
  fake: () => import('./fake.js').then((m) => m.fake),
});
