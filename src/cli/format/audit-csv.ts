import type { FindingRecord } from '../../audit/finding-record.js';
import { csvRow } from './csv.js';

export const AUDIT_CSV_COLUMNS = [
  'severity',
  'ruleId',
  'status',
  'change',
  'domainName',
  'certificateArn',
  'accountId',
  'accountName',
  'region',
  'notAfter',
  'title',
  'detail',
  'remediation',
  'references',
  'acceptedReason',
  'acceptedUntil',
] as const;

/** One row per finding, the columns above; `terminal`: see csvCell. */
export function renderAuditCsv(findings: readonly FindingRecord[], terminal = false): string {
  const rows = findings.map((f) =>
    csvRow(
      [
        f.severity,
        f.ruleId,
        f.status,
        f.change ?? '',
        f.domainName,
        f.certificateArn,
        f.accountId,
        f.accountName ?? '',
        f.region,
        f.notAfter,
        f.title,
        f.detail,
        f.remediation,
        f.references,
        f.acceptance?.reason ?? '',
        f.acceptance?.expires ?? '',
      ],
      terminal,
    ),
  );
  return `${[csvRow([...AUDIT_CSV_COLUMNS]), ...rows].join('\r\n')}\r\n`;
}
