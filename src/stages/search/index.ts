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
  // Not cached as its own section: what it read is in the region's certificate records.
  data: z.unknown(),
  read: () => import('./read.js'),
  about: () => [],
  // Served by the endpoint's ACM (src/endpoint/acm.ts), beside the rest of ACM.
});
