import { describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase } from '../../src/advisor/index.js';
import type { AlertsInPlace } from '../../src/domain/alerts-in-place.js';
import type { Inventory } from '../../src/domain/inventory.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { cert, inventory, NOW } from './helpers.js';

const kb = loadKnowledgeBase();
const HOSTILE = 'x|`y`<b>\n\u001b[31m';

function withAlerts(inv: Inventory, byRegion: Record<string, AlertsInPlace>): Inventory {
  return {
    ...inv,
    stages: Object.entries(byRegion).map(([region, data]) => ({ stage: 'alerts', region, status: 'ok' as const, data, readAt: NOW.toISOString() })),
  };
}

const rule = (name: string, matches: 'acm-events' | 'acm-api-calls', targets = ['arn:aws:sns:eu-west-1:111122223333:acm-certificate-alerts']) => ({ name, matches, enabled: true, targets });
const planOf = (inv: Inventory) => advise(kb, { workload: null, answers: { 'aws-integrated-endpoints': 'yes' } }, inv, [], DEFAULT_AUDIT_CONFIG, NOW).plan.steps;

describe('plan steps whose control is already in place', () => {
  const inv = inventory([cert({ status: 'ISSUED', type: 'AMAZON_ISSUED' })]);

  it('says "in place" with the rule and its target instead of proposing the expiry alert again', () => {
    const steps = planOf(withAlerts(inv, { 'eu-west-1': { expiryEventsDays: 45, rules: [rule('acm-expiry-alerts', 'acm-events')], acmeEndpoints: 0 } }));
    const step = steps.find((s) => s.id === 'expiry-alerts');
    expect(step).toBeDefined();
    expect(step!.title).toMatch(/\(in place\)$/);
    expect(step!.how).toEqual(['In place: rule acm-expiry-alerts → SNS acm-certificate-alerts (eu-west-1).']);
    expect(step!.snippets).toEqual([]);
  });

  it('names the regions still without it, and keeps the snippets for them', () => {
    const two = { ...inv, certificates: [...inv.certificates, cert({ status: 'ISSUED' }, 'us-east-1')] };
    const steps = planOf(withAlerts(two, { 'eu-west-1': { expiryEventsDays: 45, rules: [rule(HOSTILE, 'acm-events')], acmeEndpoints: 0 }, 'us-east-1': { expiryEventsDays: 45, rules: [], acmeEndpoints: 0 } }));
    const step = steps.find((s) => s.id === 'expiry-alerts')!;
    expect(step.how[1]).toBe('Not yet in us-east-1: deploy it there as below.');
    expect(step.how[0]).not.toMatch(/[\n\u001b]/);
    expect(step.snippets.length).toBeGreaterThan(0);
  });

  it('without the alerts read the step is proposed as before', () => {
    const step = planOf(inv).find((s) => s.id === 'expiry-alerts')!;
    expect(step.how.join(' ')).not.toContain('In place');
    expect(step.snippets.length).toBeGreaterThan(0);
  });
});
