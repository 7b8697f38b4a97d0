/**
 * What the Findings view's `/` and `s` do to the audit's findings before they are laid out: keep the
 * ones a query names (in their rule, severity, title, domain, region or account), and order them by a
 * column. Pure; the layout (findings-view.ts) memoises on the result.
 */
import type { Finding } from '../../domain/finding.js';
import { severityRank } from '../../domain/finding.js';

/** `severity`: grouped by severity then rule (the audit's own reading); the others a flat list by that column. */
export const FINDINGS_SORTS = ['severity', 'rule', 'domain', 'region', 'account'] as const;
export type FindingsSort = (typeof FINDINGS_SORTS)[number];

export function nextFindingsSort(sort: FindingsSort): FindingsSort {
  return FINDINGS_SORTS[(FINDINGS_SORTS.indexOf(sort) + 1) % FINDINGS_SORTS.length];
}

/** A finding's certificate domain, when it names one the inventory holds. */
export type DomainOf = (f: Finding) => string | null;

/** The findings whose rule, severity, title, domain, region or account contain every word of `query` (any case). */
export function filterFindings(findings: readonly Finding[], query: string, domainOf: DomainOf): readonly Finding[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return findings;
  return findings.filter((f) => {
    const text = [f.ruleId, f.severity, f.title, domainOf(f) ?? '', f.region ?? '', f.accountName ?? '', f.accountId ?? ''].join('\u0000').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

function keyOf(f: Finding, sort: Exclude<FindingsSort, 'severity'>, domainOf: DomainOf): string {
  switch (sort) {
    case 'rule':
      return f.ruleId;
    case 'domain':
      return (domainOf(f) ?? '').toLowerCase();
    case 'region':
      return f.region ?? '';
    case 'account':
      return (f.accountName ?? f.accountId ?? '').toLowerCase();
  }
}

/** The findings in `sort` order (empty keys last), the worst first among equals; `descending` reverses the column only. */
export function sortFindings(findings: readonly Finding[], sort: Exclude<FindingsSort, 'severity'>, descending: boolean, domainOf: DomainOf): Finding[] {
  const keyed = findings.map((f, i) => ({ f, i, k: keyOf(f, sort, domainOf) }));
  const dir = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.k !== b.k) {
      if (a.k === '') return 1;
      if (b.k === '') return -1;
      return (a.k < b.k ? -1 : 1) * dir;
    }
    return severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i;
  });
  return keyed.map((x) => x.f);
}
