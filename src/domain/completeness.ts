import type { Certificate, CertificateField } from './certificate.js';
import { DEADLINE_CODE } from './deadline.js';
import type { DetailFailure, FailureReason, RegionState } from './inventory.js';

/**
 * What a certificate record does not know, and why. Checks that need an unknown field are
 * not run on that certificate: they are reported as not evaluated, never as passed.
 */
export interface Gap {
  part: DetailFailure['part'];
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

/**
 * A region's failed reads by cause, from its certificates: the records are the one source, so
 * the counts can never disagree with what the JSON shows per certificate.
 */
export function detailFailuresOf(certs: Iterable<Certificate>): DetailFailure[] {
  const byCause = new Map<string, DetailFailure>();
  const add = (part: DetailFailure['part'], f: { reason: FailureReason; code: string } | undefined) => {
    if (!f) return;
    const key = `${part}\u0000${f.reason}\u0000${f.code}`;
    const entry = byCause.get(key);
    if (entry) entry.count++;
    else byCause.set(key, { part, reason: f.reason, code: f.code, count: 1 });
  };
  for (const c of certs) {
    if (c.detail.state === 'failed') add('details', c.detail.failure);
    if (c.tags === null && c.tagsState.state === 'failed') add('tags', c.tagsState.failure);
  }
  return [...byCause.values()].sort(byPart);
}

/**
 * How many certificates of a region were not read in full, each once: a record with a gap, and —
 * when a read stage failed there — every record, since none got that stage's data. Summing the
 * per-part counts would count a certificate once per part it lacks.
 */
export function notFullyReadOf(certs: Iterable<Certificate>, stageFailures: readonly DetailFailure[]): number {
  const all = [...certs];
  if (stageFailures.some((f) => f.count > 0)) return all.length;
  return all.filter((c) => gapsOf(c).length > 0).length;
}

/**
 * A region's certificates not read in full (see RegionState.notFullyRead). A state built without the
 * count gets the largest per-part count: a floor, never a certificate counted twice.
 */
export function notFullyRead(r: Pick<RegionState, 'detailsFailed' | 'notFullyRead'>): number {
  return r.notFullyRead ?? (r.detailsFailed ?? []).reduce((n, f) => Math.max(n, f.count), 0);
}

/** Details first, then tags, then the stages by id; within a part the largest count first. */
export function byPart(a: DetailFailure, b: DetailFailure): number {
  const rank = (p: string) => (p === 'details' ? 0 : p === 'tags' ? 1 : 2);
  return rank(a.part) - rank(b.part) || (a.part < b.part ? -1 : a.part > b.part ? 1 : 0) || b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Every field the certificates of one region (of one account, when given) and cause are missing
 * (what the checks lost depend on).
 */
export function fieldsLost(certs: Iterable<Certificate>, region: string, f: Pick<DetailFailure, 'part' | 'reason' | 'code'>, accountId?: string): Set<string> {
  const same = (x: { reason: FailureReason; code: string } | undefined) => x?.reason === f.reason && x.code === f.code;
  const fields = new Set<string>();
  for (const c of certs) {
    if (c.region !== region || (accountId !== undefined && c.accountId !== accountId)) continue;
    if (f.part === 'details' && c.detail.state === 'failed' && same(c.detail.failure)) for (const m of c.detail.missingFields) fields.add(m);
    if (f.part === 'tags' && c.tags === null && c.tagsState.state === 'failed' && same(c.tagsState.failure)) fields.add('tags');
  }
  return fields;
}

/** The first gap that hides one of `needs`, or null when every needed field is known. */
export function gapFor(cert: Certificate, needs: readonly string[]): Gap | null {
  for (const gap of gapsOf(cert)) if (gap.fields.some((f) => needs.includes(f))) return gap;
  return null;
}

export function isComplete(cert: Certificate): boolean {
  return cert.detail.state === 'complete' && cert.tags !== null;
}

const PART_API: Record<string, string> = {
  details: 'DescribeCertificate',
  tags: 'Tag reads (GetResources, ListTagsForCertificate)',
};

/** What a failure names as the read that failed: a stage's own words, else the built-in part's. */
function apiOf(f: Pick<DetailFailure, 'part' | 'what'>): string {
  return f.what ?? PART_API[f.part] ?? `The ${f.part} read`;
}

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

/** The verb, and whether the code adds anything a person needs (an unfinished read has no AWS error). */
function verbOf(f: Pick<DetailFailure, 'reason' | 'code'>): { verb: string; code: string } {
  if (f.reason === 'unfinished') return { verb: f.code === DEADLINE_CODE ? 'not finished before the deadline' : VERB.unfinished, code: '' };
  return { verb: VERB[f.reason], code: ` (${f.code})` };
}

/** A certificate's own reason: "DescribeCertificate denied (AccessDeniedException)". */
export function failurePhrase(f: Pick<DetailFailure, 'part' | 'reason' | 'code' | 'what'>): string {
  const { verb, code } = verbOf(f);
  return `${apiOf(f)} ${verb}${code}`;
}

/** A region's count: "DescribeCertificate denied for 22 certificates in us-east-1 (AccessDeniedException)"; `where` is the region, or "us-east-1 of account-name (id)". */
export function failureSentence(f: DetailFailure, where: string): string {
  const n = `${f.count} certificate${f.count === 1 ? '' : 's'}`;
  const { verb, code } = verbOf(f);
  return `${apiOf(f)} ${verb} for ${n} in ${where}${code}`;
}

/** The fix, when there is one the user can apply at once. */
export function failureFix(reason: FailureReason): string | null {
  if (reason === 'expired-credentials') return "sign in again (aws sso login) or refresh the role's session, then run again";
  if (reason === 'denied') return "grant the read permissions that 'acm-advisor policy' prints";
  return null;
}
