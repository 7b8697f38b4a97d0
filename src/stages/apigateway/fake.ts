import { AwsError, offsetPage } from '../../endpoint/errors.js';
import type { FakeService } from '../../endpoint/service.js';

export interface StoredApiDomain {
  region: string;
  /** 1: REST APIs (apigateway GetDomainNames); 2: HTTP and WebSocket APIs (apigatewayv2). */
  version: 1 | 2;
  domainName: string;
  endpointType: 'REGIONAL' | 'EDGE';
  certificateArn: string;
  securityPolicy: string;
  /** The name API Gateway serves it at (d-xxxx.execute-api.REGION.amazonaws.com or dxxxx.cloudfront.net). */
  targetDomainName: string;
}

/** `AccountData.services.apigateway`. */
export interface ApiDomainData {
  apiDomains: StoredApiDomain[];
}

/**
 * API Gateway speaks restJson. v1 (REST APIs): `GET /domainnames?position=&limit=` answers
 * `{ item: [...], position }`; v2 (HTTP and WebSocket APIs): `GET /v2/domainnames?nextToken=&maxResults=`
 * answers `{ items: [{ domainName, domainNameConfigurations: [...] }], nextToken }`. Both sign as `apigateway`.
 */

const invalidToken = () => new AwsError('BadRequestException', 400, 'Invalid pagination token');

function answer(method: string, path: string, query: URLSearchParams, all: StoredApiDomain[], region: string, pageSize: (n: number) => number): Record<string, unknown> | null {
  if (method !== 'GET') return null;
  const here = all.filter((d) => d.region === region);
  if (path === '/domainnames') {
    const limit = Number(query.get('limit') ?? 25);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AwsError('BadRequestException', 400, 'limit must be between 1 and 500');
    const p = offsetPage(
      here.filter((d) => d.version === 1),
      query.get('position') || undefined,
      pageSize(limit),
      invalidToken,
    );
    return {
      item: p.items.map((d) => ({
        domainName: d.domainName,
        domainNameArn: `arn:aws:apigateway:${region}::/domainnames/${d.domainName}`,
        endpointConfiguration: { types: [d.endpointType] },
        securityPolicy: d.securityPolicy,
        domainNameStatus: 'AVAILABLE',
        ...(d.endpointType === 'REGIONAL'
          ? { regionalCertificateArn: d.certificateArn, regionalDomainName: d.targetDomainName, regionalHostedZoneId: 'Z2OJLYMUO9EFXC' }
          : { certificateArn: d.certificateArn, distributionDomainName: d.targetDomainName, distributionHostedZoneId: 'Z2FDTNDATAQYW2' }),
      })),
      ...(p.next ? { position: p.next } : {}),
    };
  }
  if (path === '/v2/domainnames') {
    const max = Number(query.get('maxResults') ?? 25);
    const p = offsetPage(
      here.filter((d) => d.version === 2),
      query.get('nextToken') || undefined,
      pageSize(Number.isInteger(max) && max > 0 ? max : 25),
      invalidToken,
    );
    return {
      items: p.items.map((d) => ({
        domainName: d.domainName,
        domainNameArn: `arn:aws:apigateway:${region}::/domainnames/${d.domainName}`,
        domainNameConfigurations: [
          {
            apiGatewayDomainName: d.targetDomainName,
            certificateArn: d.certificateArn,
            endpointType: d.endpointType,
            securityPolicy: d.securityPolicy,
            domainNameStatus: 'AVAILABLE',
            hostedZoneId: 'Z2OJLYMUO9EFXC',
          },
        ],
      })),
      ...(p.next ? { nextToken: p.next } : {}),
    };
  }
  return null;
}

export const fake: FakeService = {
  service: 'apigateway',
  protocol: 'rest-json',
  // IAM names every API Gateway management read by its HTTP method (apigateway:GET): so do the fake's
  // records and selectors, as a policy or an SCP would.
  operationOf: (method, path) => (method === 'GET' && (path === '/domainnames' || path === '/v2/domainnames') ? 'GET' : null),
  // API Gateway's management API: 10 requests a second per account and Region.
  quotas: { GET: 10 },
  handle(request) {
    const data = (request.account.data ?? {}) as Partial<ApiDomainData>;
    const body = answer(request.method, request.path, request.query, data.apiDomains ?? [], request.region, request.pageSize);
    return body === null ? null : { body, contentType: 'application/json' };
  },
};
