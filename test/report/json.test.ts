import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/model.js';
import { renderReportJson } from '../../src/report/render-json.js';
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { FACTS, HOSTILE, NOW, hostileAdvice, hostileInventory } from './fixtures.js';

function report(withAdvice: boolean) {
  const inventory = hostileInventory();
  const audit = runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW);
  return buildReport({
    inventory,
    audit,
    advice: withAdvice ? hostileAdvice() : null,
    facts: FACTS,
    config: DEFAULT_AUDIT_CONFIG,
    generatedAt: NOW,
  });
}

describe('JSON report', () => {
  it('carries the contract fields: findings, summary, account, regions, inventory, recommendation, plan', () => {
    const text = renderReportJson(report(true));
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const json = JSON.parse(text);
    expect(json.generatedAt).toBe(NOW.toISOString());
    expect(json.account).toEqual({ id: '123456789012', arn: `arn:aws:iam::123456789012:user/${HOSTILE.link}` });
    expect(json.regions).toEqual([
      { region: 'us-east-1', status: 'ok', detailsFailed: [] },
      { region: 'eu-west-1', status: 'error', error: { code: 'AccessDenied', message: HOSTILE.script }, detailsFailed: [] },
    ]);
    expect(json.failedRegions).toEqual(['eu-west-1']);
    expect(json.partial).toBe(true);
    expect(Object.keys(json.summary)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    const total = Object.values(json.summary as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(json.findings).toHaveLength(total);
    for (const f of json.findings) {
      for (const k of ['ruleId', 'severity', 'certificateArn', 'region', 'title', 'detail', 'remediation']) expect(f).toHaveProperty(k);
    }
    expect(json.certificates).toHaveLength(6);
    // raw values are kept: JSON escaping is what makes them inert
    expect(json.certificates[1].domainName).toBe(HOSTILE.osc);
    expect(json.recommendation.verdict).toBe('adopt-with-exceptions');
    for (const r of json.recommendation.reasons) expect(Object.keys(r).sort()).toEqual(['criterion', 'effect', 'text']);
    for (const s of json.plan.steps) for (const k of ['id', 'title', 'why', 'how']) expect(s).toHaveProperty(k);
    expect(json.expiryTimeline).toHaveLength(12);
    expect(json.urgent.length).toBeLessThanOrEqual(5);
    expect(json.facts).toHaveLength(2);
  });

  it('has null advice fields when no answers were given', () => {
    const json = JSON.parse(renderReportJson(report(false)));
    expect(json.recommendation).toBeNull();
    expect(json.plan).toBeNull();
    expect(json.answers).toBeNull();
  });

  it('ranks the most urgent certificates by worst finding then nearest expiry', () => {
    const r = report(false);
    expect(r.urgent.map((u) => u.worstSeverity)).toEqual(['critical', 'high', 'high', 'high', 'low']);
    expect(r.urgent[1].daysLeft).toBe(5);
    expect(r.urgent[2].daysLeft).toBe(20);
    expect(r.findings.find((f) => f.ruleId === 'weak-key')?.owner).toBe(HOSTILE.autolinks);
  });

  it('counts a managed renewal apart from one that needs action in the timeline', () => {
    const r = report(false);
    const june = r.expiryTimeline[0];
    expect(june.month).toBe('2026-06');
    // the FAILED-renewal certificate expiring on the 20th needs action; the expired one is not counted
    expect(june).toMatchObject({ expiring: 1, managed: 0, needsAction: 1 });
    const sept = r.expiryTimeline.find((m) => m.month === '2026-09');
    expect(sept).toMatchObject({ expiring: 1, managed: 1, needsAction: 0 });
  });
});
