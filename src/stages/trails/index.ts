import { z } from 'zod';
import { recordsAcmChanges, whyNotRecording, type TrailState } from '../../domain/trail-coverage.js';
import { defineStage } from '../stage.js';

/**
 * The CloudTrail trails of each Region read, and whether each keeps ACM's management events there:
 * DescribeTrails (the Region's trails and the copies of multi-Region ones), GetTrailStatus (is it
 * logging) and, for a trail with custom selectors, GetEventSelectors. The endpoint's CloudTrail fake
 * (src/stages/cloudtrail/fake.ts) answers these calls beside LookupEvents.
 */

/** The domain's TrailState, as the cache checks it. */
export const TrailsData: z.ZodType<TrailState[]> = z.array(
  z.object({
    name: z.string(),
    arn: z.string(),
    homeRegion: z.string(),
    multiRegion: z.boolean(),
    organization: z.boolean(),
    logging: z.boolean(),
    management: z.enum(['all', 'writes', 'reads', 'none']),
  }),
);

/**
 * "Get, describe, and list APIs: 10 transactions per second", per account and Region (CloudTrail
 * quotas; the General Reference's CloudTrail page holds the same table).
 */
const CLOUDTRAIL_QUOTAS = 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html';
const READS_PER_SECOND = 10;

export const trails = defineStage({
  id: 'trails',
  title: 'CloudTrail trails',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  operations: [
    { action: 'cloudtrail:DescribeTrails', perSecond: READS_PER_SECOND, source: CLOUDTRAIL_QUOTAS },
    { action: 'cloudtrail:GetTrailStatus', perSecond: READS_PER_SECOND, source: CLOUDTRAIL_QUOTAS },
    { action: 'cloudtrail:GetEventSelectors', perSecond: READS_PER_SECOND, source: CLOUDTRAIL_QUOTAS },
  ],
  checks: ['no-management-trail'],
  data: TrailsData,
  read: () => import('./read.js'),
  about(certificate, reads) {
    const here = reads.filter((r) => r.region === certificate.region && (r.accountId === undefined || certificate.accountId === null || r.accountId === certificate.accountId));
    if (here.length === 0) return [];
    const list = here.flatMap((r) => r.data);
    const keeping = list.filter((t) => recordsAcmChanges(t, certificate.region));
    if (keeping.length > 0) return keeping.map((t) => ({ label: 'Changes kept by', value: `trail ${t.name}${t.multiRegion ? ' (multi-Region)' : ''}` }));
    const others = list.map((t) => `trail ${t.name} ${whyNotRecording(t)}`);
    return [{ label: 'Changes kept by', value: others.length ? `no trail (${others.join('; ')}): only the 90-day event history` : 'no trail: only the 90-day event history' }];
  },
});
