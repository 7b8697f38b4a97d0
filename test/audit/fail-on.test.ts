import { describe, expect, it } from 'vitest';
import { parseRuleList, parseSeverity, thresholdHit } from '../../src/audit/severity.js';
import { InputError } from '../../src/domain/errors.js';
import type { Severity } from '../../src/domain/finding.js';

const of = (...s: Severity[]) => s.map((severity) => ({ severity }));

describe('--fail-on', () => {
  it('hits when any finding is at or above the threshold', () => {
    expect(thresholdHit(of('high'), 'high')).toBe(true);
    expect(thresholdHit(of('critical'), 'high')).toBe(true);
    expect(thresholdHit(of('medium', 'low'), 'high')).toBe(false);
    expect(thresholdHit(of('info'), 'info')).toBe(true);
    expect(thresholdHit(of('info'), 'low')).toBe(false);
    expect(thresholdHit([], 'info')).toBe(false);
  });
  it('parses severities case-insensitively and rejects unknown ones', () => {
    expect(parseSeverity('HIGH')).toBe('high');
    expect(() => parseSeverity('severe')).toThrow(InputError);
    expect(() => parseSeverity('severe')).toThrow(/critical, high, medium, low, info/);
  });
  it('parses --rules and names unknown ids', () => {
    expect(parseRuleList('weak-key, missing-tags,weak-key')).toEqual(['weak-key', 'missing-tags']);
    expect(() => parseRuleList('weak-key,bogus')).toThrow(/"bogus"/);
    expect(() => parseRuleList(' , ')).toThrow(InputError);
  });
});
