import { ACMClient } from '@aws-sdk/client-acm';
import { searchRegion, type SearchOutcome } from '../../aws/search.js';
import type { StageContext } from '../stage.js';

/** Every certificate of the region, 500 a call at the Search quota (aws/search.ts). Never throws but on a cancel. */
export function read(context: StageContext): Promise<SearchOutcome> {
  const acm = context.client('acm', ACMClient);
  return searchRegion(acm, { run: (call) => context.paced('acm:SearchCertificates', call) }, context.signal);
}
