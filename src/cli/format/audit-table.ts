import type { Certificate } from '../../domain/certificate.js';
import type { AuditResult, Finding, Severity } from '../../domain/finding.js';
import type { FindingRecord } from '../../audit/finding-record.js';
import { SEVERITIES } from '../../domain/finding.js';
import { sanitiseForTerminal } from '../../domain/text.js';
import { tableLines, type Column } from './table.js';

const COLOURS: Record<Severity, string> = {
  critical: '\u001b[1;97;41m',
  high: '\u001b[1;31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};
const RESET = '\u001b[0m';
const MAX_CELL = 48;

export interface RenderTableOptions {
  color: boolean;
  /** Lets the table show domain names; ARNs are shown without it. */
  certificates?: Certificate[];
}

function cell(value: string, max = MAX_CELL): string {
  const clean = sanitiseForTerminal(value);
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

/** What a row says after its title: accepted by the baseline, new or changed since the last run. */
function marks(f: Finding): string {
  const r = f as Partial<FindingRecord>;
  const out = [
    ...(r.status === 'accepted' ? [`accepted until ${r.acceptance?.expires ?? '?'}`] : []),
    ...(r.change === 'new' ? ['new since last run'] : r.change === 'changed' ? ['changed since last run'] : []),
  ];
  return out.length ? ` [${out.join('; ')}]` : '';
}

/**
 * The audit as plain text: one block per severity, worst first. A fix is printed once under the rows of
 * its rule that share it (61 findings no longer print 61 copies of a dozen fixes); where a rule's rows
 * need different fixes, each row and its fix carry the same number.
 */
export function renderAuditTable(result: AuditResult, opts: RenderTableOptions): string {
  const paint = (sev: Severity, s: string) => (opts.color ? `${COLOURS[sev]}${s}${RESET}` : s);
  const domains = new Map((opts.certificates ?? []).map((c) => [c.arn, c.domainName]));
  const lines: string[] = [];
  const unchecked = result.notEvaluated.length > 0;
  if (result.findings.length === 0) {
    // Never a bare "No findings." when some checks could not run.
    lines.push(unchecked ? 'No findings among what could be checked.' : 'No findings.');
  }
  for (const sev of SEVERITIES) {
    const group = result.findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    const rows = group.map((f) => ({
      f,
      target: f.certificateArn === null ? '(account)' : (domains.get(f.certificateArn) ?? f.certificateArn),
      fix: sanitiseForTerminal(f.remediation),
    }));
    type Row = (typeof rows)[number];
    // Rows come sorted by rule within a severity: a fix is printed once, after the last row of its rule that needs it.
    const fixesOf = new Map<string, string[]>();
    for (const r of rows) {
      const list = fixesOf.get(r.f.ruleId) ?? [];
      if (!list.includes(r.fix)) list.push(r.fix);
      fixesOf.set(r.f.ruleId, list);
    }
    const fixNote = (r: Row) => {
      const fixes = fixesOf.get(r.f.ruleId)!;
      return fixes.length > 1 ? ` (fix ${fixes.indexOf(r.fix) + 1})` : '';
    };
    // Across an organisation each finding names its account.
    const withAccount = group.some((f) => f.accountId !== undefined);
    const columns: Column<Row>[] = [
      { header: 'RULE', value: (r) => r.f.ruleId, max: MAX_CELL },
      { header: 'CERTIFICATE', value: (r) => r.target ?? '—', max: MAX_CELL },
      ...(withAccount ? [{ header: 'ACCOUNT', value: (r: Row) => r.f.accountName ?? r.f.accountId ?? '—', max: MAX_CELL }] : []),
      { header: 'REGION', value: (r) => r.f.region ?? '—', max: MAX_CELL },
      { header: 'FINDING', value: (r) => `${cell(r.f.title, 100)}${marks(r.f)}${fixNote(r)}` },
    ];
    const after = (r: Row, i: number): string[] => {
      if (rows[i + 1]?.f.ruleId === r.f.ruleId) return [];
      const fixes = fixesOf.get(r.f.ruleId)!;
      return fixes.map((fix, k) => `fix${fixes.length > 1 ? ` ${k + 1}` : ''}: ${fix}`);
    };
    if (lines.length) lines.push('');
    lines.push(paint(sev, `${sev.toUpperCase()} (${group.length})`));
    lines.push(...tableLines(rows, columns, { colour: false, indent: '  ', after }));
  }
  if (unchecked) {
    lines.push('');
    lines.push(paint('medium', 'NOT CHECKED (fields these rules need could not be read)'));
    for (const n of result.notEvaluated) {
      const count = `${n.certificateArns.length} certificate${n.certificateArns.length === 1 ? '' : 's'}`;
      lines.push(`  ${cell(n.ruleId)}: ${count} — ${cell(n.reason, 100)}`);
    }
  }
  const s = result.summary;
  lines.push('');
  lines.push(
    `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}: ` +
      SEVERITIES.map((k) => `${s[k]} ${k}`).join(', '),
  );
  return `${lines.join('\n')}\n`;
}
