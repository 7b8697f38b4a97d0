import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { findingRecords } from '../../src/audit/finding-record.js';
import { applyBaseline, baselineNotices, parseBaseline } from '../../src/audit/baseline.js';
import { thresholdHit } from '../../src/audit/severity.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { InputError } from '../../src/domain/errors.js';
import { cert, NOW } from './helpers.js';

function records() {
  const certs = [
    cert({ domainName: 'legacy.staging.example.com', keyAlgorithm: 'RSA_1024' }),
    cert({ domainName: 'api.example.com', keyAlgorithm: 'RSA_1024' }),
  ];
  return findingRecords(runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW).findings, certs);
}

describe('baseline', () => {
  it('accepts by rule and name pattern until the end of its expiry day; accepted findings are kept and do not trip --fail-on', () => {
    const baseline = parseBaseline(
      'accepted:\n  - rule: weak-key\n    name: "*.STAGING.example.com"\n    reason: replaced in Q1\n    expires: 2026-06-15\n',
      'baseline.yaml',
    );
    const out = applyBaseline(records(), baseline, NOW);
    const weak = out.findings.filter((f) => f.ruleId === 'weak-key');
    expect(weak).toHaveLength(2);
    expect(weak.find((f) => f.domainName === 'legacy.staging.example.com')).toMatchObject({ status: 'accepted', acceptance: { reason: 'replaced in Q1', expires: '2026-06-15', entry: 1 } });
    expect(weak.find((f) => f.domainName === 'api.example.com')!.status).toBe('open');
    expect(out.accepted).toBe(1);
    expect(thresholdHit(out.findings.filter((f) => f.status === 'open' && f.domainName !== 'api.example.com'), 'high')).toBe(false);
    expect(out.expired).toEqual([]);
    expect(out.unmatched).toEqual([]);

    // The next day it has expired: the finding is open again and the entry is reported.
    const later = applyBaseline(records(), baseline, new Date('2026-06-16T00:00:00Z'));
    expect(later.findings.every((f) => f.status === 'open')).toBe(true);
    expect(baselineNotices(later, 'baseline.yaml')).toEqual(['baseline.yaml entry 1 (weak-key *.STAGING.example.com) expired on 2026-06-15: its finding counts again']);
  });

  it('accepts by ARN, and reports an entry that matches nothing', () => {
    const recs = records();
    const arn = recs.find((f) => f.domainName === 'api.example.com')!.certificateArn!;
    const baseline = parseBaseline(
      `accepted:\n  - rule: weak-key\n    arn: ${arn}\n    reason: a partner pins this key\n    expires: 2030-01-01\n  - rule: expired-in-use\n    name: gone.example.com\n    reason: old\n    expires: 2030-01-01\n`,
      'b.yaml',
    );
    const out = applyBaseline(recs, baseline, NOW);
    expect(out.findings.filter((f) => f.status === 'accepted').map((f) => f.certificateArn)).toEqual([arn]);
    expect(baselineNotices(out, 'b.yaml')).toEqual(['b.yaml entry 2 (expired-in-use gone.example.com) matches no finding; remove it if the finding is fixed']);
  });

  it('refuses a file without a reason, with both arn and name, with an unknown rule or a bad date, in one sentence', () => {
    const bad = [
      ['accepted:\n  - rule: weak-key\n    name: a\n    expires: 2030-01-01\n', /accepted\.1\.reason/],
      ['accepted:\n  - rule: weak-key\n    name: a\n    arn: b\n    reason: r\n    expires: 2030-01-01\n', /either arn or name/],
      ['accepted:\n  - rule: weak-keys\n    name: a\n    reason: r\n    expires: 2030-01-01\n', /unknown rule "weak-keys"/],
      ['accepted:\n  - rule: weak-key\n    name: a\n    reason: r\n    expires: next year\n', /expires must be a date/],
      ['accept: []\n', /top level|accept/],
    ] as const;
    for (const [text, message] of bad) {
      const attempt = () => parseBaseline(text, 'b.yaml');
      expect(attempt).toThrow(InputError);
      expect(attempt).toThrow(message);
    }
  });
});
