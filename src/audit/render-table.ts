import type { Certificate } from '../domain/certificate.js';
import type { AuditResult, Finding, Severity } from '../domain/finding.js';
import type { FindingRecord } from './finding-record.js';
import { SEVERITIES } from '../domain/finding.js';
import { sanitiseForTerminal } from '../domain/text.js';

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

function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
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
    const rows = group.map((f) => {
      const target = f.certificateArn === null ? '(account)' : (domains.get(f.certificateArn) ?? f.certificateArn);
      return {
        ruleId: f.ruleId,
        rule: cell(f.ruleId),
        target: cell(target ?? '—'),
        region: cell(f.region ?? '—'),
        account: f.accountId !== undefined ? cell(f.accountName ?? f.accountId ?? '—') : null,
        title: `${cell(f.title, 100)}${marks(f)}`,
        fix: sanitiseForTerminal(f.remediation),
      };
    });
    const w = {
      rule: Math.max(4, ...rows.map((r) => width(r.rule))),
      target: Math.max(11, ...rows.map((r) => width(r.target))),
      region: Math.max(6, ...rows.map((r) => width(r.region))),
      account: Math.max(7, ...rows.map((r) => (r.account === null ? 0 : width(r.account)))),
    };
    // Across an organisation each finding names its account.
    const withAccount = rows.some((r) => r.account !== null);
    const acct = (text: string | null) => (withAccount ? `${pad(text ?? '—', w.account)}  ` : '');
    if (lines.length) lines.push('');
    lines.push(paint(sev, `${sev.toUpperCase()} (${group.length})`));
    lines.push(`  ${pad('RULE', w.rule)}  ${pad('CERTIFICATE', w.target)}  ${acct('ACCOUNT')}${pad('REGION', w.region)}  FINDING`);
    // Rows come sorted by rule within a severity: each rule's rows, then its fixes.
    for (let i = 0; i < rows.length; ) {
      let end = i;
      while (end < rows.length && rows[end].ruleId === rows[i].ruleId) end++;
      const ruleRows = rows.slice(i, end);
      const fixes = [...new Set(ruleRows.map((r) => r.fix))];
      for (const r of ruleRows) {
        const n = fixes.length > 1 ? ` (fix ${fixes.indexOf(r.fix) + 1})` : '';
        lines.push(`  ${pad(r.rule, w.rule)}  ${pad(r.target, w.target)}  ${acct(r.account)}${pad(r.region, w.region)}  ${r.title}${n}`);
      }
      fixes.forEach((fix, k) => lines.push(`  ${' '.repeat(w.rule)}  fix${fixes.length > 1 ? ` ${k + 1}` : ''}: ${fix}`));
      i = end;
    }
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
