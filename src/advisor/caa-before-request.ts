/**
 * CAA for the names the plan proposes to request from ACM (the replace-imports step): ACM can issue only
 * where the relevant CAA set allows Amazon (RFC 8659), so the step says, per name, what to change before
 * the request, from the DNS read's CAA checks (src/stages/dns/, which checks these imports' names too).
 */
import type { Certificate } from '../domain/certificate.js';
import type { ReadEvidence } from '../domain/read-evidence.js';
import { caaFix, type CaaCheck } from '../domain/renewal-dns.js';
import { sanitiseForTerminal } from '../domain/text.js';

const MAX_LISTED = 5;

function list(names: string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => sanitiseForTerminal(n));
  return shown.join(', ') + (names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : '');
}

/** The plan's lines about CAA for the certificates it would request in place of `certificates`. */
export function caaBeforeRequesting(certificates: readonly Certificate[], dns: ReadEvidence['dns']): string[] {
  if (certificates.length === 0) return [];
  if (!dns) return ['CAA was not checked for these names (the DNS checks did not run): before requesting, make sure any CAA set above them allows amazon.com.'];
  const checks: CaaCheck[] = [];
  const unchecked: string[] = [];
  for (const c of certificates) {
    const entry = dns.get(c.arn);
    if (!entry?.caa.length) unchecked.push(c.domainName ?? c.arn);
    else checks.push(...entry.caa);
  }
  // One line per CAA set and reason: a set that blocks ten names is one change.
  const blocked = new Map<string, { names: string[]; reason: string; fix: string }>();
  for (const check of checks.filter((x) => x.state === 'blocks')) {
    const fix = caaFix(check);
    const key = `${fix}\u0000${check.reason}`;
    const group = blocked.get(key) ?? { names: [], reason: check.reason, fix };
    if (!group.names.includes(check.domainName)) group.names.push(check.domainName);
    blocked.set(key, group);
  }
  const lines = [...blocked.values()].map(
    (g) => `CAA blocks Amazon for ${list(g.names)}: ${sanitiseForTerminal(g.reason)}; ${sanitiseForTerminal(g.fix)} before requesting ${g.names.length === 1 ? 'it' : 'them'}.`,
  );
  unchecked.push(...checks.filter((x) => x.state === 'unknown').map((x) => x.domainName));
  if (unchecked.length > 0) lines.push(`CAA could not be checked for ${list([...new Set(unchecked)])}: make sure it allows amazon.com before requesting.`);
  if (lines.length === 0) lines.push('CAA checked: Amazon may issue for every name above.');
  return lines;
}
