/**
 * CAA (RFC 8659) as it bears on ACM: may Amazon's CA issue for this name?
 *
 * The relevant record set is found by climbing from the name towards the root and stopping at the
 * first name whose CAA set is not empty (RFC 8659 §3); the resolver follows CNAMEs at each step. An
 * empty relevant set (none anywhere) allows every CA. Amazon accepts any of the four issuer domains
 * below (ACM user guide, "Configure a CAA record": https://docs.aws.amazon.com/acm/latest/userguide/setup-caa.html).
 */

export const AMAZON_CAA_ISSUERS = ['amazon.com', 'amazontrust.com', 'awstrust.com', 'amazonaws.com'] as const;

/** One CAA record: its flags' critical bit, the property tag and its value, as DNS returned them. */
export interface CaaRecord {
  critical: boolean;
  tag: string;
  value: string;
}

/** What forbids Amazon: the `issue` or `issuewild` properties name only other CAs, or a critical unknown property. */
export type CaaBlock = 'issue' | 'issuewild' | 'critical';

export type CaaVerdict =
  | { allowed: true; reason: string }
  | { allowed: false; reason: string; blockedBy: CaaBlock };

/**
 * The names to look up, in order, for a certificate name: the name itself (its wildcard label
 * dropped, as RFC 8659 §3 says for wildcard requests), then each parent up to the top-level domain.
 */
export function caaClimb(name: string): string[] {
  const labels = name.replace(/\.$/, '').toLowerCase().replace(/^\*\./, '').split('.').filter(Boolean);
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/** The issuer domain of an issue/issuewild value: the text before any parameters (RFC 8659 §4.2). */
export function caaIssuerDomain(value: string): string {
  return value.split(';')[0].trim().toLowerCase();
}

/**
 * Whether the relevant set `records` lets Amazon issue for `name`. RFC 8659 §4: an unknown property
 * marked critical forbids issuance; for a wildcard name `issuewild` properties, when there are any,
 * replace `issue`; a set without either property restricts nothing; a value with no issuer domain
 * (";") allows no one.
 */
export function caaAllowsAmazon(name: string, records: readonly CaaRecord[]): CaaVerdict {
  const known = new Set(['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone', 'issuemail', 'issuevmc']);
  const unknownCritical = records.find((r) => r.critical && !known.has(r.tag.toLowerCase()));
  if (unknownCritical)
    return { allowed: false, reason: `a critical CAA property '${unknownCritical.tag}' that no CA may ignore`, blockedBy: 'critical' };
  const wildcard = name.startsWith('*.');
  const issue = records.filter((r) => r.tag.toLowerCase() === 'issue');
  const issuewild = records.filter((r) => r.tag.toLowerCase() === 'issuewild');
  const governing = wildcard && issuewild.length ? issuewild : issue;
  const tag = wildcard && issuewild.length ? 'issuewild' : 'issue';
  if (!governing.length) return { allowed: true, reason: 'the CAA set does not restrict which CA may issue' };
  const issuers = governing.map((r) => caaIssuerDomain(r.value));
  if (issuers.some((d) => (AMAZON_CAA_ISSUERS as readonly string[]).includes(d)))
    return { allowed: true, reason: `CAA ${tag} allows ${issuers.filter((d) => (AMAZON_CAA_ISSUERS as readonly string[]).includes(d)).join(', ')}` };
  const named = issuers.filter(Boolean);
  return {
    allowed: false,
    reason: named.length ? `CAA ${tag} allows only ${named.join(', ')}` : `CAA ${tag} ";" allows no CA`,
    blockedBy: tag,
  };
}
