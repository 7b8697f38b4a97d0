import { z } from 'zod';
import { defineStage } from '../stage.js';

/**
 * The certificates' tags: the Tagging API's GetResources, 100 certificates a call, falling back to
 * ListTagsForCertificate one by one when it is refused or fails. A built-in stage: its data joins onto
 * the certificate records themselves (`tags`, `tagsState`), so the engine runs it within the region's
 * read (it decides what the describe queue reuses); its failures are `detailsFailed` entries with
 * part `tags`, per certificate.
 */
export const tags = defineStage({
  id: 'tags',
  title: 'Tag reads (GetResources, ListTagsForCertificate)',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  operations: [
    // Tag Editor user guide, "Service quotas": at most 15 calls a second.
    { action: 'tag:GetResources', perSecond: 15, source: 'https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html' },
    { action: 'acm:ListTagsForCertificate', perSecond: 10, source: 'https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html' },
  ],
  checks: ['missing-tags', 'production-certificate-deleted', 'wildcard-in-production'],
  // Tags by certificate ARN (what GetResources returns for the region).
  data: z.map(z.string(), z.record(z.string(), z.string())),
  read: () => import('./read.js'),
  // Joined onto the record: the detail pane's own Tags section shows them.
  about: () => [],
  fake: () => import('./fake.js').then((m) => m.fake),
});
