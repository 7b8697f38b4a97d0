/**
 * The one sentence that says an inventory is a recording (an AWS Config aggregator's), not a live read:
 * the CLI table's footnote, the Overview and the report all word it this way.
 */
import { formatAge } from './duration.js';
import type { InventoryOrigin } from './inventory.js';

/** "recorded by AWS Config aggregator X, oldest item 3 h old; tags and fields may lag the live API; not recorded by Config: a, b" */
export function recordingSentence(origin: InventoryOrigin, now: Date): string {
  const oldest = origin.capturedAt.oldest ? Date.parse(origin.capturedAt.oldest) : NaN;
  const age = Number.isNaN(oldest) ? 'of unknown age' : `${formatAge(now.getTime() - oldest)} old`;
  const missing = origin.missingFields.length ? `; not recorded by Config: ${origin.missingFields.map((f) => f.field).join(', ')}` : '';
  return `recorded by AWS Config aggregator ${origin.aggregator}, oldest item ${age}; tags and fields may lag the live API${missing}`;
}
