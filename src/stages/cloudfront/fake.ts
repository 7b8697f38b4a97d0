import { AwsError } from '../../endpoint/errors.js';
import type { FakeService, ServiceReply } from '../../endpoint/service.js';
import { element, errorResponse, textElement, XML_DECLARATION } from '../../endpoint/xml.js';

export interface StoredDistribution {
  id: string;
  arn: string;
  domainName: string;
  aliases: string[];
  /** Absent: the distribution uses CloudFront's default certificate. */
  certificateArn?: string;
  minimumProtocolVersion: string;
  origins: Array<{ id: string; domainName: string; protocolPolicy?: 'http-only' | 'https-only' | 'match-viewer' }>;
}

/** `AccountData.services.cloudfront`. */
export interface DistributionData {
  distributions: StoredDistribution[];
}

/**
 * CloudFront speaks restXml: `GET /2020-05-31/distribution?Marker=…&MaxItems=…` answers a
 * <DistributionList> of <DistributionSummary>, paged by Marker/NextMarker with IsTruncated.
 * Global: requests are signed for us-east-1.
 */

const NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';

const quantityItems = (name: string, items: string[]) => element(name, textElement('Quantity', String(items.length)) + (items.length ? element('Items', items.join('')) : ''));

function summary(d: StoredDistribution, accountId: string): string {
  const viewer = d.certificateArn
    ? textElement('CloudFrontDefaultCertificate', 'false') +
      textElement('ACMCertificateArn', d.certificateArn) +
      textElement('SSLSupportMethod', 'sni-only') +
      textElement('MinimumProtocolVersion', d.minimumProtocolVersion) +
      textElement('Certificate', d.certificateArn) +
      textElement('CertificateSource', 'acm')
    : textElement('CloudFrontDefaultCertificate', 'true') + textElement('MinimumProtocolVersion', 'TLSv1') + textElement('CertificateSource', 'cloudfront');
  const origin = (o: StoredDistribution['origins'][number]) =>
    element(
      'Origin',
      textElement('Id', o.id) +
        textElement('DomainName', o.domainName) +
        textElement('OriginPath', '') +
        element('CustomHeaders', textElement('Quantity', '0')) +
        (o.protocolPolicy
          ? element(
              'CustomOriginConfig',
              textElement('HTTPPort', '80') + textElement('HTTPSPort', '443') + textElement('OriginProtocolPolicy', o.protocolPolicy),
            )
          : element('S3OriginConfig', textElement('OriginAccessIdentity', ''))),
    );
  return element(
    'DistributionSummary',
    textElement('Id', d.id) +
      textElement('ARN', d.arn || `arn:aws:cloudfront::${accountId}:distribution/${d.id}`) +
      textElement('Status', 'Deployed') +
      textElement('LastModifiedTime', '2026-01-01T00:00:00.000Z') +
      textElement('DomainName', d.domainName) +
      quantityItems('Aliases', d.aliases.map((a) => textElement('CNAME', a))) +
      element('Origins', textElement('Quantity', String(d.origins.length)) + element('Items', d.origins.map(origin).join(''))) +
      element(
        'DefaultCacheBehavior',
        textElement('TargetOriginId', d.origins[0]?.id ?? 'origin') + textElement('ViewerProtocolPolicy', 'redirect-to-https'),
      ) +
      element('CacheBehaviors', textElement('Quantity', '0')) +
      element('CustomErrorResponses', textElement('Quantity', '0')) +
      textElement('Comment', '') +
      textElement('PriceClass', 'PriceClass_All') +
      textElement('Enabled', 'true') +
      element('ViewerCertificate', viewer) +
      element('Restrictions', element('GeoRestriction', textElement('RestrictionType', 'none') + textElement('Quantity', '0'))) +
      textElement('WebACLId', '') +
      textElement('HttpVersion', 'http2') +
      textElement('IsIPV6Enabled', 'true') +
      textElement('Staging', 'false'),
  );
}

function listDistributions(query: URLSearchParams, accountId: string, all: StoredDistribution[], pageSize: (n: number) => number): string {
  const asked = Number(query.get('MaxItems') ?? 100);
  if (!Number.isInteger(asked) || asked < 1 || asked > 1000) throw new AwsError('InvalidArgument', 400, 'MaxItems must be between 1 and 1000');
  const size = pageSize(asked);
  const marker = query.get('Marker') ?? '';
  const start = marker ? all.findIndex((d) => d.id === marker) : 0;
  if (start < 0) throw new AwsError('InvalidArgument', 400, 'The marker is not valid.');
  const items = all.slice(start, start + size);
  const next = all[start + size];
  return (
    `${XML_DECLARATION}<DistributionList xmlns="${NS}">` +
    textElement('Marker', marker) +
    (next ? textElement('NextMarker', next.id) : '') +
    textElement('MaxItems', String(size)) +
    textElement('IsTruncated', String(Boolean(next))) +
    textElement('Quantity', String(items.length)) +
    (items.length ? element('Items', items.map((d) => summary(d, accountId)).join('')) : '') +
    `</DistributionList>`
  );
}

export const fake: FakeService = {
  service: 'cloudfront',
  protocol: 'rest-xml',
  operationOf: (method, path) => (method === 'GET' && path === '/2020-05-31/distribution' ? 'ListDistributions' : null),
  // CloudFront documents no rate for ListDistributions: held to the pace the reader keeps (see the stage).
  quotas: { ListDistributions: 10 },
  handle(request): ServiceReply | null {
    if (request.operation !== 'ListDistributions') return null;
    const data = (request.account.data ?? {}) as Partial<DistributionData>;
    return { body: listDistributions(request.query, request.account.accountId, data.distributions ?? [], request.pageSize), contentType: 'text/xml' };
  },
  renderError: (error, requestId) => ({ status: error.status, contentType: 'text/xml', body: XML_DECLARATION + errorResponse(error, requestId, NS) }),
};
