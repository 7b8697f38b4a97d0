import { z } from 'zod';
import { defineStage } from '../stage.js';

/**
 * SearchCertificates: every certificate of the region with its X.509 attributes and ACM metadata,
 * 500 a call, beside the listing — so a large account is browsable and mostly audited in seconds
 * while DescribeCertificate fills in the rest. A built-in stage that only speeds the read up: its
 * results join onto the records (aws/search.ts `withSearchResult`), and when it is refused or unknown
 * the engine describes every certificate instead, with one warning — never a gap.
 */
export const search = defineStage({
  id: 'search',
  title: 'SearchCertificates',
  scope: { kind: 'region' },
  after: 'listing',
  needs: [],
  operations: [{ action: 'acm:SearchCertificates', perSecond: 5, source: 'https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html' }],
  checks: [],
  // No cache section, by design (docs/architecture.md, "The built-in stages"): every field it reads is a
  // field of the certificate records the region file already holds, described in full before the file is
  // saved; and it is always read live, since it is what tells the revalidation which records changed.
  data: z.unknown(),
  read: () => import('./read.js'),
  about: () => [],
  // ACM's SearchCertificates in the fake endpoint; ACM's other calls stay with src/endpoint/acm.ts.
  fake: () => import('./fake.js').then((m) => m.fake),
});
