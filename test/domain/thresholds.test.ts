import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG, expiryUrgency } from '../../src/domain/thresholds.js';
import { cert, inDays, NOW } from '../audit/helpers.js';

describe('expiryUrgency', () => {
  it('counts each threshold inclusively, by the configured days', () => {
    const e = { high: 30, medium: 60 };
    expect([null, -1, 0, 30, 31, 60, 61].map((d) => expiryUrgency(d, e))).toEqual(['unknown', 'expired', 'high', 'high', 'medium', 'medium', 'later']);
    expect([5, 6, 9, 10].map((d) => expiryUrgency(d, { high: 5, medium: 9 }))).toEqual(['high', 'medium', 'medium', 'later']);
  });

  it('agrees with the severity the expiring-soon rule gives', () => {
    const config = { ...DEFAULT_AUDIT_CONFIG, expiryDays: { high: 20, medium: 45 } };
    for (const days of [1, 19, 20, 21, 44, 45, 46]) {
      // Imported and in use: the rule judges it by the thresholds alone.
      const c = cert({ type: 'IMPORTED', renewalEligibility: 'INELIGIBLE', notAfter: inDays(days) });
      const finding = runAudit([c], config, NOW, { rules: ['expiring-soon'] }).findings[0];
      const urgency = expiryUrgency(days, config.expiryDays);
      expect(finding?.severity ?? 'later', `${days} days`).toBe(urgency);
    }
  });
});
