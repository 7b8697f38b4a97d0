/**
 * The audit as JUnit XML, which every CI server shows as a test report: one suite per rule, one test case
 * per finding (named by the certificate). A finding at or above --fail-on (every open finding without it)
 * is a failure; an accepted one is skipped, with the baseline's reason; the rest pass, their text kept.
 */
import { severityRank, type Severity } from '../../domain/finding.js';
import type { Rule } from '../../audit/rules/index.js';
import { findingSubject, type FindingRecord } from '../../audit/finding-record.js';

/** XML 1.0 text: the five specials escaped, and characters XML cannot hold at all (controls, lone surrogates) replaced. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface JunitOptions {
  rules: readonly Rule[];
  failOn?: Severity;
  /** ISO time the read was taken. */
  timestamp: string;
}

function failing(f: FindingRecord, failOn: Severity | undefined): boolean {
  return f.status !== 'accepted' && (failOn === undefined || severityRank(f.severity) <= severityRank(failOn));
}

export function renderJunit(findings: readonly FindingRecord[], opts: JunitOptions): string {
  const byRule = new Map<string, FindingRecord[]>();
  for (const f of findings) {
    let list = byRule.get(f.ruleId);
    if (!list) byRule.set(f.ruleId, (list = []));
    list.push(f);
  }
  // Every rule is a suite, a rule without findings one passing case: the report shows what was checked.
  const ids = [...opts.rules.map((r) => r.id), ...[...byRule.keys()].filter((id) => !opts.rules.some((r) => r.id === id))];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const id of ids) {
    const rule = opts.rules.find((r) => r.id === id);
    const list = byRule.get(id) ?? [];
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    if (list.length === 0) cases.push(`    <testcase classname="${xmlText(id)}" name="${xmlText(`no findings: ${rule?.title ?? id}`)}"/>`);
    for (const f of list) {
      const name = findingSubject(f);
      const text = [
        `${f.severity}: ${f.title}. ${f.detail}`,
        `Fix: ${f.remediation}`,
        ...(f.certificateArn ? [`Certificate: ${f.certificateArn}`] : []),
        ...(f.accountId ? [`Account: ${f.accountId}${f.accountName ? ` (${f.accountName})` : ''}`] : []),
        ...(f.region ? [`Region: ${f.region}`] : []),
        ...(f.notAfter ? [`Expires: ${f.notAfter}`] : []),
        ...(f.change ? [`Since the last run: ${f.change}`] : []),
        ...(f.references.length ? [`References: ${f.references.join('; ')}`] : []),
      ].join('\n');
      const open = `    <testcase classname="${xmlText(id)}" name="${xmlText(`${name} [${f.region ?? 'global'}]`)}">`;
      if (f.status === 'accepted') {
        suiteSkipped++;
        cases.push(`${open}\n      <skipped message="${xmlText(`accepted until ${f.acceptance?.expires ?? '?'}: ${f.acceptance?.reason ?? ''}`)}"/>\n    </testcase>`);
      } else if (failing(f, opts.failOn)) {
        suiteFailures++;
        cases.push(`${open}\n      <failure message="${xmlText(`${f.severity}: ${f.title}`)}" type="${xmlText(f.severity)}">${xmlText(text)}</failure>\n    </testcase>`);
      } else {
        cases.push(`${open}\n      <system-out>${xmlText(text)}</system-out>\n    </testcase>`);
      }
    }
    const count = Math.max(1, list.length);
    tests += count;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xmlText(id)}" tests="${count}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" timestamp="${xmlText(opts.timestamp.replace(/Z$/, ''))}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="acm-advisor audit" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
