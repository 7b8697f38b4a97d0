import type { Certificate, CertificateField } from './certificate.js';
import type { DetailFailure, FailureReason } from './inventory.js';

/**
 * What a certificate record does not know, and why. Checks that need an unknown field are
 * not run on that certificate: they are reported as not evaluated, never as passed.
 */
export interface Gap {
  part: 'details' | 'tags';
  fields: readonly CertificateField[];
  /** One phrase a person can act on, e.g. "DescribeCertificate denied (AccessDeniedException)". */
  reason: string;
}

const TAG_FIELDS: readonly CertificateField[] = ['tags'];

/**
 * Reads that failed for good. A read still in progress is not a gap (its findings are
 * provisional instead); a run that ends first turns what it did not read into `failed`.
 */
export function gapsOf(cert: Certificate): Gap[] {
  const gaps: Gap[] = [];
  const d = cert.detail;
  if (d.state === 'failed') gaps.push({ part: 'details', fields: d.missingFields as CertificateField[], reason: d.reason });
  if (cert.tags === null && cert.tagsState.state === 'failed') gaps.push({ part: 'tags', fields: TAG_FIELDS, reason: cert.tagsState.reason });
  return gaps;
}

/** The first gap that hides one of `needs`, or null when every needed field is known. */
export function gapFor(cert: Certificate, needs: readonly string[]): Gap | null {
  for (const gap of gapsOf(cert)) if (gap.fields.some((f) => needs.includes(f))) return gap;
  return null;
}

export function isComplete(cert: Certificate): boolean {
  return cert.detail.state === 'complete' && cert.tags !== null;
}

const PART_API: Record<DetailFailure['part'], string> = {
  details: 'DescribeCertificate',
  tags: 'Tag reads (GetResources, ListTagsForCertificate)',
};

const VERB: Record<FailureReason, string> = {
  denied: 'denied',
  throttled: 'still throttled after retries',
  'expired-credentials': 'refused because the credentials expired',
  'malformed-response': 'answered with a response that could not be read',
  timeout: 'timed out',
  network: 'could not reach AWS',
  unfinished: 'not finished',
  error: 'failed',
};

/** A certificate's own reason: "DescribeCertificate denied (AccessDeniedException)". */
export function failurePhrase(f: Pick<DetailFailure, 'part' | 'reason' | 'code'>): string {
  return `${PART_API[f.part]} ${VERB[f.reason]}${f.reason === 'unfinished' ? '' : ` (${f.code})`}`;
}

/** A region's count: "DescribeCertificate denied for 22 certificates in us-east-1 (AccessDeniedException)". */
export function failureSentence(f: DetailFailure, region: string): string {
  const n = `${f.count} certificate${f.count === 1 ? '' : 's'}`;
  return `${PART_API[f.part]} ${VERB[f.reason]} for ${n} in ${region}${f.reason === 'unfinished' ? '' : ` (${f.code})`}`;
}

/** The fix, when there is one the user can apply at once. */
export function failureFix(reason: FailureReason): string | null {
  if (reason === 'expired-credentials') return "sign in again (aws sso login) or refresh the role's session, then run again";
  if (reason === 'denied') return "grant the read permissions that 'acm-advisor policy' prints";
  return null;
}
