import { z } from 'zod';
import { PROVENANCE_EVENTS, provenanceByCertificate, provenanceSentence, type AcmEvent } from '../../domain/provenance.js';
import { defineStage } from '../stage.js';

/**
 * Who requested, imported, exported, revoked and deleted which certificate over CloudTrail's 90 days
 * of management events (LookupEvents, event source acm.amazonaws.com), in every region read. Read
 * incrementally: any run after a cached one (the CLI's without --max-age too) asks only for the events
 * since (incremental.ts).
 */

export const TrailData = z.array(
  z.object({
    id: z.string(),
    event: z.enum(PROVENANCE_EVENTS),
    by: z.string().nullable(),
    at: z.iso.datetime(),
    region: z.string(),
    accountId: z.string().nullable(),
    certificateArn: z.string().nullable(),
    names: z.array(z.string()),
    domains: z.array(z.string()),
    tags: z.record(z.string(), z.string()),
    failed: z.boolean(),
  }),
);
export type TrailData = AcmEvent[];

/** LookupEvents: "two per second, per account, per Region" (CloudTrail API reference). */
export const LOOKUP_EVENTS_PER_SECOND = 2;

export const cloudtrail = defineStage({
  id: 'cloudtrail',
  title: 'CloudTrail ACM events',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  // Events that happened stay true: every cached run, a plain CLI run too, extends the last read.
  incremental: true,
  operations: [{ action: 'cloudtrail:LookupEvents', perSecond: LOOKUP_EVENTS_PER_SECOND, source: 'https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html' }],
  checks: ['request-outside-domains', 'production-certificate-deleted', 'certificate-exported'],
  data: TrailData,
  read: () => import('./read.js'),
  fake: () => import('./fake.js').then((m) => m.fake),
  about(certificate, reads) {
    const events = provenanceByCertificate(reads.flatMap((r) => r.data)).get(certificate.arn) ?? [];
    return events.map((e) => ({ label: 'History', value: provenanceSentence(e) }));
  },
});
