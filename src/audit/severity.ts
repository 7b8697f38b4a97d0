import { SEVERITIES, severityRank } from '../domain/finding.js';
import type { Finding, Severity } from '../domain/finding.js';
import { InputError } from '../domain/errors.js';
import { RULE_IDS } from './rules/index.js';

export function parseSeverity(value: string, flag = '--fail-on'): Severity {
  const v = value.trim().toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  throw new InputError(`${flag}: unknown severity "${value}"; use one of ${SEVERITIES.join(', ')}`);
}

/** True when any finding is at or above `failOn` (critical is the top). */
export function thresholdHit(findings: readonly Pick<Finding, 'severity'>[], failOn: Severity): boolean {
  const limit = severityRank(failOn);
  return findings.some((f) => severityRank(f.severity) <= limit);
}

/** Parses `--rules a,b`; unknown ids are a usage error naming them. */
export function parseRuleList(value: string): string[] {
  const ids = [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) throw new InputError('--rules: give at least one rule id');
  const unknown = ids.filter((id) => !RULE_IDS.includes(id));
  if (unknown.length) {
    throw new InputError(`--rules: unknown rule ${unknown.map((u) => JSON.stringify(u)).join(', ')}; known: ${RULE_IDS.join(', ')}`);
  }
  return ids;
}
