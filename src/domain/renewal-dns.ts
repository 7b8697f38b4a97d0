import { caaAllowsAmazon, caaClimb, type CaaBlock, type CaaRecord } from './caa.js';
import type { Certificate } from './certificate.js';
import { allNames } from './certificate-facts.js';
import { mayBeReplacedByAcm } from './issuer-trust.js';

/**
 * What DNS says about a certificate's next renewal: are the validation CNAMEs ACM asked for still
 * there, and does CAA let Amazon issue for every name? Pure: the lookups come in as data.
 */

/** One lookup's outcome, as the resolver module reports it. `error`: the check could not run. */
export type DnsAnswer<T> = { kind: 'found'; value: T } | { kind: 'nxdomain' } | { kind: 'nodata' } | { kind: 'error'; code: string };

export interface ValidationRecordCheck {
  domainName: string;
  recordName: string;
  expected: string;
  /** `present`: resolves to what ACM expects; `missing`: no CNAME; `wrong`: a CNAME to something else; `unknown`: the lookup failed. */
  state: 'present' | 'missing' | 'wrong' | 'unknown';
  /** What the name resolved to, when it did. */
  found: string | null;
  /** The Route 53 hosted zone holding the name, when the run read Route 53. */
  zone: string | null;
  /** The resolver's error code when `unknown`. */
  error?: string;
}

export interface CaaCheck {
  domainName: string;
  /** The name whose CAA set applied (the first non-empty on the climb), or null when none had one. */
  relevantAt: string | null;
  state: 'allows' | 'blocks' | 'unknown';
  reason: string;
  /** When it blocks: what to change at `relevantAt` (absent from reads saved before it was recorded). */
  blockedBy?: CaaBlock;
}

/** The DNS checks of one certificate; absent checks were not due (not DNS-validated, not renewing). */
export interface RenewalDns {
  validation: ValidationRecordCheck[];
  caa: CaaCheck[];
}

const bare = (name: string) => name.replace(/\.$/, '').toLowerCase();

/** Compare the CNAME lookup of a validation record with what ACM expects. */
export function judgeValidationRecord(
  domainName: string,
  record: { name: string; value: string },
  answer: DnsAnswer<string[]>,
  zone: string | null,
): ValidationRecordCheck {
  const base = { domainName, recordName: bare(record.name), expected: bare(record.value), zone };
  switch (answer.kind) {
    case 'found': {
      const targets = answer.value.map(bare);
      const ok = targets.includes(base.expected);
      return { ...base, state: ok ? 'present' : 'wrong', found: ok ? base.expected : (targets[0] ?? null) };
    }
    case 'nxdomain':
    case 'nodata':
      return { ...base, state: 'missing', found: null };
    case 'error':
      return { ...base, state: 'unknown', found: null, error: answer.code };
  }
}

/**
 * The CAA verdict for one name from the answers along its climb (`answers[i]` for `caaClimb(name)[i]`;
 * the list may stop at the first non-empty set). A failed lookup before any set was found leaves it unknown.
 */
export function judgeCaa(domainName: string, answers: ReadonlyArray<DnsAnswer<CaaRecord[]>>): CaaCheck {
  const climb = caaClimb(domainName);
  for (let i = 0; i < answers.length; i++) {
    const answer = answers[i];
    if (answer.kind === 'error')
      return { domainName, relevantAt: null, state: 'unknown', reason: `the CAA lookup of ${climb[i]} failed (${answer.code})` };
    if (answer.kind !== 'found' || answer.value.length === 0) continue;
    const verdict = caaAllowsAmazon(domainName, answer.value);
    const reason = `${verdict.reason} (at ${climb[i]})`;
    return verdict.allowed
      ? { domainName, relevantAt: climb[i], state: 'allows', reason }
      : { domainName, relevantAt: climb[i], state: 'blocks', reason, blockedBy: verdict.blockedBy };
  }
  return { domainName, relevantAt: null, state: 'allows', reason: 'no CAA record on the name or any parent' };
}

/** The validation CNAMEs a certificate's renewal depends on: DNS-validated domains of an ACM-issued certificate. */
export function validationRecordsOf(cert: Certificate): Array<{ domainName: string; name: string; value: string }> {
  if (cert.type !== 'AMAZON_ISSUED') return [];
  const seen = new Set<string>();
  const out: Array<{ domainName: string; name: string; value: string }> = [];
  for (const d of cert.domainValidations) {
    if (!d.resourceRecord || (d.validationMethod !== null && d.validationMethod !== 'DNS')) continue;
    // A wildcard and its base name share one record: check it once.
    const key = bare(d.resourceRecord.name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ domainName: d.domainName, name: d.resourceRecord.name, value: d.resourceRecord.value });
  }
  return out;
}

/** Whether ACM must issue for this certificate again (its renewal, or the pending first issue). */
export function needsAmazonIssuance(cert: Pick<Certificate, 'type' | 'status'>): boolean {
  return cert.type === 'AMAZON_ISSUED' && (cert.status === 'ISSUED' || cert.status === 'PENDING_VALIDATION' || cert.status === null);
}

/** The longest Route 53 zone name that contains `name`, or null. */
export function zoneFor(name: string, zones: readonly string[]): string | null {
  const n = bare(name);
  let best: string | null = null;
  for (const z of zones) {
    const zone = bare(z);
    if ((n === zone || n.endsWith(`.${zone}`)) && (!best || zone.length > best.length)) best = zone;
  }
  return best;
}

/** The names CAA must allow for a certificate, lower case, once each. */
export function caaNamesOf(cert: Certificate): string[] {
  return [...new Set(allNames(cert).map((n) => n.toLowerCase()))];
}

/**
 * The names whose CAA the DNS read checks: those of a certificate ACM must issue again, and those of an import
 * the plan may propose to replace with an ACM certificate (ACM would issue for them then).
 */
export function caaNamesToCheck(cert: Certificate): string[] {
  return needsAmazonIssuance(cert) || mayBeReplacedByAcm(cert) ? caaNamesOf(cert) : [];
}

/**
 * What to change where, for a CAA set that blocks Amazon: "add `0 issue "amazon.com"` to the CAA set at
 * example.com" (`issuewild` when the set's issuewild records govern a wildcard name), or remove a critical
 * property no CA may ignore. Reads saved without `blockedBy` get the `issue` record.
 */
export function caaFix(check: Pick<CaaCheck, 'relevantAt' | 'blockedBy' | 'domainName'>): string {
  const at = check.relevantAt ?? check.domainName;
  if (check.blockedBy === 'critical') return `remove the unknown critical property from the CAA set at ${at} (no CA may issue past it)`;
  return `add \`0 ${check.blockedBy === 'issuewild' ? 'issuewild' : 'issue'} "amazon.com"\` to the CAA set at ${at}`;
}

/**
 * Days until ACM starts the managed renewal (negative once it has started): 60 days before expiry,
 * 45 for certificates of 198 days or less (content/facts.yaml `renewal-windows`). Null without dates.
 */
export function renewalStartsInDays(cert: Pick<Certificate, 'notBefore' | 'notAfter'>, now: Date): number | null {
  const end = cert.notAfter ? Date.parse(cert.notAfter) : NaN;
  if (Number.isNaN(end)) return null;
  const start = cert.notBefore ? Date.parse(cert.notBefore) : NaN;
  const lifetimeDays = Number.isNaN(start) ? null : (end - start) / 86_400_000;
  const window = lifetimeDays !== null && lifetimeDays <= 200 ? 45 : 60;
  return Math.floor((end - now.getTime()) / 86_400_000) - window;
}
