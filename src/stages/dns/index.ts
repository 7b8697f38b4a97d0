import { z } from 'zod';
import type { RenewalDns } from '../../domain/renewal-dns.js';
import { defineStage, type StageFact } from '../stage.js';

/**
 * DNS renewal readiness: for each certificate ACM must issue again, do its validation CNAMEs still
 * resolve to what ACM expects, and does CAA let Amazon issue for its names? CAA is checked too for the
 * imports in use the plan may propose to replace with ACM certificates. Read through DNS (the system
 * resolver, or `--dns-server`), not AWS: it makes no AWS call.
 */

const ValidationCheck = z.object({
  domainName: z.string(),
  recordName: z.string(),
  expected: z.string(),
  state: z.enum(['present', 'missing', 'wrong', 'unknown']),
  found: z.string().nullable(),
  zone: z.string().nullable(),
  error: z.string().optional(),
});
const CaaCheck = z.object({
  domainName: z.string(),
  relevantAt: z.string().nullable(),
  state: z.enum(['allows', 'blocks', 'unknown']),
  reason: z.string(),
  blockedBy: z.enum(['issue', 'issuewild', 'critical']).optional(),
});
export const DnsData = z.array(z.object({ arn: z.string(), validation: z.array(ValidationCheck), caa: z.array(CaaCheck) }));
export type DnsData = z.infer<typeof DnsData>;

/** The checks the DNS stage feeds: named when it does not run (`--no-dns`) or fails. */
export const DNS_CHECKS = ['validation-record-missing', 'caa-blocks-amazon'] as const;

export const dns = defineStage({
  id: 'dns',
  title: 'DNS validation records and CAA',
  scope: { kind: 'region' },
  after: 'details',
  needs: ['type', 'status', 'domainName', 'subjectAlternativeNames', 'domainValidations', 'inUse', 'inUseBy'],
  operations: [],
  checks: [...DNS_CHECKS],
  data: DnsData,
  read: () => import('./read.js'),
  about(certificate, reads) {
    const entry = reads.flatMap((r) => r.data).find((d) => d.arn === certificate.arn);
    return entry ? dnsFacts(entry) : [];
  },
});

/** The detail view's lines for one certificate's DNS checks. */
export function dnsFacts(entry: RenewalDns): StageFact[] {
  const facts: StageFact[] = [];
  for (const v of entry.validation) {
    const where = v.zone ? ` (Route 53 zone ${v.zone})` : '';
    const state =
      v.state === 'present' ? 'in place' : v.state === 'missing' ? 'MISSING' : v.state === 'wrong' ? `points to ${v.found} instead` : `not checked (${v.error ?? 'lookup failed'})`;
    facts.push({ label: 'Validation record', value: `${v.recordName} → ${v.expected}: ${state}${where}` });
  }
  for (const c of entry.caa) facts.push({ label: 'CAA', value: `${c.domainName}: ${c.state === 'allows' ? 'Amazon may issue' : c.state === 'blocks' ? 'BLOCKS Amazon' : 'not checked'} — ${c.reason}` });
  return facts;
}
