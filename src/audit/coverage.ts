import { failureFix, failureSentence, fieldsLost } from '../domain/completeness.js';
import { accountLabel, type Inventory } from '../domain/inventory.js';
import { RULES, type Rule } from './rules/index.js';
import { decisiveFields } from './run.js';

/**
 * What a partial read costs the audit, in words: derived from each rule's `needs`, so a new
 * rule that reads a detail field is named here without anyone editing a list.
 */

/** Ids of the certificate rules that decide on one of these fields, in rule order. */
export function rulesBlockedBy(fields: Iterable<string>, rules: readonly Rule[] = RULES): string[] {
  const lost = new Set(fields);
  return rules.filter((r) => r.scope === 'certificate' && decisiveFields(r).some((f) => lost.has(f))).map((r) => r.id);
}

/** "a", "a and b", "a, b and c" */
export function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * One sentence per region and cause, e.g. "DescribeCertificate denied for 22 certificates in
 * us-east-1 (AccessDeniedException): renewal-failing, email-validation and
 * transparency-logging-disabled could not be checked". The checks named are those deciding on
 * a field these certificates actually lack. Empty when every record was read.
 */
export function incompleteLines(inv: Pick<Inventory, 'regions' | 'certificates' | 'accounts'>, rules: readonly Rule[] = RULES): string[] {
  const lines: string[] = [];
  const accounts = new Map((inv.accounts ?? []).map((a) => [a.id, a]));
  for (const r of inv.regions) {
    // Across several accounts the same region recurs: each line names its account.
    const account = r.accountId !== undefined ? accounts.get(r.accountId) : undefined;
    const where = account ? `${r.region} of ${accountLabel(account)}` : r.region;
    for (const f of r.detailsFailed ?? []) {
      // A stage names the checks it feeds; a detail or tag read loses fields, and the checks deciding on them.
      const blocked = f.prevents ?? rulesBlockedBy(fieldsLost(inv.certificates, r.region, f, account?.id), rules);
      const fix = failureFix(f.reason);
      lines.push(
        `${failureSentence(f, where)}: ${blocked.length ? `${joinAnd(blocked)} could not be checked` : 'no check depends on it'}${fix ? `; ${fix}` : ''}`,
      );
    }
  }
  return lines;
}
