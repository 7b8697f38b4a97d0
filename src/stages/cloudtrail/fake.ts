import { AwsError, offsetPage } from '../../endpoint/errors.js';
import type { FakeService, ServiceRequest } from '../../endpoint/service.js';

/**
 * CloudTrail as the endpoint plays it: LookupEvents over the account's recorded management events
 * (newest first, 50 a page, the last 90 days), and DescribeTrails, GetTrailStatus and GetEventSelectors
 * (read by the trails stage). An account's section (`AccountData.services.cloudtrail`) holds the events
 * as CloudTrail stores them, and its trails.
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
  /** Which management events its selectors keep (CloudTrail's default: All). */
  readWriteType?: 'All' | 'ReadOnly' | 'WriteOnly';
  /** Its selectors are advanced event selectors rather than basic ones. */
  advancedSelectors?: boolean;
  /** An organisation trail, shown in every member account. */
  organization?: boolean;
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
      HasCustomEventSelectors: customSelectors(t),
      HasInsightSelectors: false,
      IsOrganizationTrail: t.organization === true,
    })),
  };
}

const customSelectors = (t: StoredTrail) => t.managementEvents === false || t.readWriteType !== undefined || t.advancedSelectors === true;

/** The trail a call names, by name or ARN. */
function trailNamed(request: ServiceRequest, name: unknown): StoredTrail {
  const trail = (dataOf(request).trails ?? []).find((t) => t.name === name || trailArn(request, t) === name);
  if (!trail) throw new AwsError('TrailNotFoundException', 400, `Unknown trail: ${String(name)} for the user: ${request.account.accountId}`);
  return trail;
}

function getTrailStatus(request: ServiceRequest): Record<string, unknown> {
  const trail = trailNamed(request, request.json.Name);
  return { IsLogging: trail.logging, ...(trail.logging ? { StartLoggingTime: Date.parse('2025-01-01T00:00:00Z') / 1000 } : {}) };
}

/** Basic selectors (ReadWriteType, IncludeManagementEvents) or advanced ones (field conditions), as the trail was set up. */
function getEventSelectors(request: ServiceRequest): Record<string, unknown> {
  const trail = trailNamed(request, request.json.TrailName);
  const TrailARN = trailArn(request, trail);
  const management = trail.managementEvents !== false;
  const readWrite = trail.readWriteType ?? 'All';
  if (!trail.advancedSelectors)
    return { TrailARN, EventSelectors: [{ ReadWriteType: readWrite, IncludeManagementEvents: management, DataResources: [], ExcludeManagementEventSources: [] }] };
  const readOnly = readWrite === 'ReadOnly' ? [{ Field: 'readOnly', Equals: ['true'] }] : readWrite === 'WriteOnly' ? [{ Field: 'readOnly', Equals: ['false'] }] : [];
  return {
    TrailARN,
    AdvancedEventSelectors: management
      ? [{ Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, ...readOnly] }]
      : [{ Name: 'S3 object events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }] }],
  };
}

export const fake: FakeService = {
  service: 'cloudtrail',
  protocol: 'json',
  targetPrefix: 'CloudTrail_20131101',
  // LookupEvents: "two per second, per account, per Region" (CloudTrail API reference, LookupEvents);
  // get, describe and list calls: 10 a second (CloudTrail quotas, WhatIsCloudTrail-Limits).
  quotas: { LookupEvents: 2, DescribeTrails: 10, GetTrailStatus: 10, GetEventSelectors: 10 },
  handle(request) {
    switch (request.operation) {
      case 'LookupEvents':
        return { body: lookupEvents(request) };
      case 'DescribeTrails':
        return { body: describeTrails(request) };
      case 'GetTrailStatus':
        return { body: getTrailStatus(request) };
      case 'GetEventSelectors':
        return { body: getEventSelectors(request) };
      default:
        return null;
    }
  },
};
