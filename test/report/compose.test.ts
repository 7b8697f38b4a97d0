import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/advisor/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { runAudit } from '../../src/audit/run.js';
import { composeReport } from '../../src/report/compose.js';
import { countBySeverity } from '../../src/domain/finding.js';
import { hostileInventory, NOW } from './fixtures.js';

const kb = loadKnowledgeBase();

describe('composeReport (the one pipeline of the report command and the TUI)', () => {
  const inventory = { ...hostileInventory(), generatedAt: NOW.toISOString() };
  const findings = runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW).findings;

  it('without answers: no advice, the facts from the knowledge base, the audit summarised', () => {
    const { report, advice } = composeReport({ inventory, findings, answers: null, config: DEFAULT_AUDIT_CONFIG, now: NOW, knowledgeBase: kb });
    expect(advice).toBeNull();
    expect(report.recommendation).toBeNull();
    expect(report.facts).toEqual(kb.facts);
    expect(report.findings).toHaveLength(findings.length);
    expect(report.summary).toEqual(countBySeverity(findings));
    expect(report.summary).toEqual(runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW).summary);
  });

  it('with answers: the advice is in the report', () => {
    const answers = { workload: 'shop', answers: { 'aws-integrated-endpoints': 'yes' } };
    const { report, advice } = composeReport({ inventory, findings, answers, config: DEFAULT_AUDIT_CONFIG, now: NOW, knowledgeBase: kb });
    expect(advice).not.toBeNull();
    expect(report.workload).toBe('shop');
    expect(report.recommendation).toEqual(advice!.recommendation);
  });

  it('is never stamped before the inventory it describes', () => {
    const taken = new Date(NOW.getTime() + 60_000);
    const { report } = composeReport({ inventory: { ...inventory, generatedAt: taken.toISOString() }, findings, answers: null, config: DEFAULT_AUDIT_CONFIG, now: NOW, knowledgeBase: kb });
    expect(report.generatedAt).toBe(taken.toISOString());
    const later = new Date(NOW.getTime() + 120_000);
    const again = composeReport({ inventory: { ...inventory, generatedAt: taken.toISOString() }, findings, answers: null, config: DEFAULT_AUDIT_CONFIG, now: later, knowledgeBase: kb });
    expect(again.report.generatedAt).toBe(later.toISOString());
    expect(again.report.inventoryGeneratedAt).toBe(taken.toISOString());
  });

  it('without a knowledge base it still reports the inventory and findings', () => {
    const { report } = composeReport({ inventory, findings, answers: { workload: null, answers: {} }, config: DEFAULT_AUDIT_CONFIG, now: NOW, knowledgeBase: null });
    expect(report.facts).toEqual([]);
    expect(report.recommendation).toBeNull();
    expect(report.findings).toHaveLength(findings.length);
  });
});
