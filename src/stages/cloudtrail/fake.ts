import { AwsError, offsetPage } from '../../endpoint/errors.js';
import type { FakeService, ServiceRequest } from '../../endpoint/service.js';

/**
 * CloudTrail as the endpoint plays it: LookupEvents over the account's recorded management events
 * (newest first, 50 a page, the last 90 days), DescribeTrails and GetTrailStatus. An account's
 * section (`AccountData.services.cloudtrail`) holds the events as CloudTrail stores them.
 */

export interface StoredTrailEvent {
  id: string;
  region: string;
  name: string;
  time: Date;
  /** The caller: an IAM user, role session or service. */
  principalArn: string;
  requestParameters?: Record<string, unknown>;
  responseElements?: Record<string, unknown>;
  errorCode?: string;
  eventSource?: string;
}

export interface StoredTrail {
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  logging: boolean;
  s3BucketName: string;
  /** Management events are recorded unless the trail's selectors exclude them. */
  managementEvents?: boolean;
}

export interface CloudTrailData {
  events: StoredTrailEvent[];
  trails?: StoredTrail[];
}

const PAGE = 50;

function dataOf(request: ServiceRequest): CloudTrailData {
  return (request.account.data as CloudTrailData | undefined) ?? { events: [] };
}

const seconds = (v: unknown): number | null => (typeof v === 'number' ? v * 1000 : typeof v === 'string' ? Date.parse(v) : null);

function lookupEvents(request: ServiceRequest): Record<string, unknown> {
  const body = request.json;
  const max = body.MaxResults ?? PAGE;
  if (typeof max !== 'number' || max < 1 || max > PAGE) throw new AwsError('InvalidMaxResultsException', 400, 'MaxResults must be between 1 and 50.');
  const attributes = Array.isArray(body.LookupAttributes) ? (body.LookupAttributes as Array<{ AttributeKey?: string; AttributeValue?: string }>) : [];
  if (attributes.length > 1) throw new AwsError('InvalidLookupAttributesException', 400, 'Only one lookup attribute may be given.');
  const now = Date.now();
  const start = seconds(body.StartTime) ?? now - 90 * 86_400_000;
  const end = seconds(body.EndTime) ?? now;
  const source = attributes.find((a) => a.AttributeKey === 'EventSource')?.AttributeValue;
  const events = dataOf(request)
    .events.filter((e) => e.region === request.region)
    .filter((e) => !source || (e.eventSource ?? 'acm.amazonaws.com') === source)
    .filter((e) => e.time.getTime() >= start && e.time.getTime() <= end && e.time.getTime() >= now - 90 * 86_400_000)
    .sort((a, b) => b.time.getTime() - a.time.getTime() || (a.id < b.id ? -1 : 1));
  const page = offsetPage(
    events,
    typeof body.NextToken === 'string' ? body.NextToken : undefined,
    request.pageSize(max),
    () => new AwsError('InvalidNextTokenException', 400, 'Invalid NextToken.'),
    { r: request.region },
  );
  const accountId = request.account.accountId;
  return {
    Events: page.items.map((e) => ({
      EventId: e.id,
      EventName: e.name,
      ReadOnly: 'false',
      EventTime: e.time.getTime() / 1000,
      EventSource: e.eventSource ?? 'acm.amazonaws.com',
      Username: e.principalArn.split('/').pop(),
      Resources: typeof (e.responseElements?.certificateArn ?? e.requestParameters?.certificateArn) === 'string'
        ? [{ ResourceType: 'AWS::ACM::Certificate', ResourceName: String(e.responseElements?.certificateArn ?? e.requestParameters?.certificateArn) }]
        : [],
      CloudTrailEvent: JSON.stringify({
        eventVersion: '1.09',
        userIdentity: { type: e.principalArn.includes(':assumed-role/') ? 'AssumedRole' : 'IAMUser', arn: e.principalArn, accountId },
        eventTime: e.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventSource: e.eventSource ?? 'acm.amazonaws.com',
        eventName: e.name,
        awsRegion: e.region,
        requestParameters: e.requestParameters ?? null,
        responseElements: e.responseElements ?? null,
        ...(e.errorCode ? { errorCode: e.errorCode, errorMessage: 'The call was refused.' } : {}),
        eventID: e.id,
        readOnly: false,
        eventType: 'AwsApiCall',
        managementEvent: true,
        recipientAccountId: accountId,
        eventCategory: 'Management',
      }),
    })),
    ...(page.next ? { NextToken: page.next } : {}),
  };
}

function trailArn(request: ServiceRequest, t: StoredTrail): string {
  return `arn:aws:cloudtrail:${t.homeRegion}:${request.account.accountId}:trail/${t.name}`;
}

function describeTrails(request: ServiceRequest): Record<string, unknown> {
  const trails = (dataOf(request).trails ?? []).filter((t) => t.multiRegion || t.homeRegion === request.region);
  return {
    trailList: trails.map((t) => ({
      Name: t.name,
      TrailARN: trailArn(request, t),
      HomeRegion: t.homeRegion,
      IsMultiRegionTrail: t.multiRegion,
      S3BucketName: t.s3BucketName,
      IncludeGlobalServiceEvents: true,
      LogFileValidationEnabled: true,
      HasCustomEventSelectors: t.managementEvents === false,
      HasInsightSelectors: false,
      IsOrganizationTrail: false,
    })),
  };
}

function getTrailStatus(request: ServiceRequest): Record<string, unknown> {
  const name = request.json.Name;
  const trail = (dataOf(request).trails ?? []).find((t) => t.name === name || trailArn(request, t) === name);
  if (!trail) throw new AwsError('TrailNotFoundException', 400, `Unknown trail: ${String(name)} for the user: ${request.account.accountId}`);
  return { IsLogging: trail.logging, ...(trail.logging ? { StartLoggingTime: Date.parse('2025-01-01T00:00:00Z') / 1000 } : {}) };
}

export const fake: FakeService = {
  service: 'cloudtrail',
  protocol: 'json',
  targetPrefix: 'CloudTrail_20131101',
  // LookupEvents: "two per second, per account, per Region" (CloudTrail API reference, LookupEvents).
  quotas: { LookupEvents: 2, DescribeTrails: 1, GetTrailStatus: 1 },
  handle(request) {
    switch (request.operation) {
      case 'LookupEvents':
        return { body: lookupEvents(request) };
      case 'DescribeTrails':
        return { body: describeTrails(request) };
      case 'GetTrailStatus':
        return { body: getTrailStatus(request) };
      default:
        return null;
    }
  },
};
