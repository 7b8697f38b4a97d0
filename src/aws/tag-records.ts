import type { Certificate } from '../domain/certificate.js';
import { failurePhrase } from '../domain/completeness.js';
import type { FailureReason } from '../domain/inventory.js';
import { withTagsKnown } from './search.js';

/** Tags read (the Tagging API or ListTagsForCertificate): `{}` means untagged, never unknown. */
export function withTags(cert: Certificate, tags: Record<string, string>): Certificate {
  return withTagsKnown({ ...cert, tags, tagsState: { state: 'read' } });
}

/** A certificate's tags that will not come, and why. */
export function failedTags(reason: FailureReason, code: string): Certificate['tagsState'] {
  return { state: 'failed', reason: failurePhrase({ part: 'tags', reason, code }), failure: { reason, code } };
}
