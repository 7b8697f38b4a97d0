import { DETAIL_ONLY_FIELDS, type CertificateField } from '../domain/certificate.js';
import { failureFix, failureSentence } from '../domain/completeness.js';
import type { DetailFailure, Inventory } from '../domain/inventory.js';
import { RULES, type Rule } from './rules/index.js';
import { decisiveFields } from './run.js';

/**
 * What a partial read costs the audit, in words: derived from each rule's `needs`, so a new
 * rule that reads a detail field is named here without anyone editing a list.
 */

const PART_FIELDS: Record<DetailFailure['part'], readonly CertificateField[]> = {
  details: DETAIL_ONLY_FIELDS,
  tags: ['tags'],
};

/** Ids of the rules that cannot run without this part of a certificate record, in rule order. */
export function rulesBlockedBy(part: DetailFailure['part'], rules: readonly Rule[] = RULES): string[] {
  const fields = PART_FIELDS[part];
  return rules.filter((r) => r.scope === 'certificate' && decisiveFields(r).some((f) => fields.includes(f as CertificateField))).map((r) => r.id);
}

/** "a", "a and b", "a, b and c" */
export function joinAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * One sentence per region and cause, e.g. "DescribeCertificate denied for 22 certificates in
 * us-east-1 (AccessDeniedException): renewal-failing, email-validation and
 * transparency-logging-disabled could not be checked". Empty when every record was read.
 */
export function incompleteLines(inv: Pick<Inventory, 'regions'>, rules: readonly Rule[] = RULES): string[] {
  const lines: string[] = [];
  for (const r of inv.regions) {
    for (const f of r.detailsFailed ?? []) {
      const blocked = rulesBlockedBy(f.part, rules);
      const fix = failureFix(f.reason);
      lines.push(
        `${failureSentence(f, r.region)}: ${blocked.length ? `${joinAnd(blocked)} could not be checked` : 'no check depends on it'}${fix ? `; ${fix}` : ''}`,
      );
    }
  }
  return lines;
}
