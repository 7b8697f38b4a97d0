import { describe, expect, it } from 'vitest';
import { advise, loadKnowledgeBase, parseAnswers } from '../../src/advisor/index.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { runAudit } from '../../src/audit/run.js';
import { buildReport } from '../../src/report/model.js';
import { renderReportJson } from '../../src/report/render-json.js';
import { renderReportMarkdown } from '../../src/report/render-markdown.js';
import { FACTS, NOW, hostileInventory } from './fixtures.js';

const kb = loadKnowledgeBase();

function report(answersYaml: string) {
  const inventory = hostileInventory();
  const audit = runAudit(inventory.certificates, DEFAULT_AUDIT_CONFIG, NOW);
  const advice = advise(kb, parseAnswers(answersYaml, kb), inventory, audit.findings, DEFAULT_AUDIT_CONFIG, NOW);
  const r = buildReport({ inventory, audit, advice, facts: FACTS, config: DEFAULT_AUDIT_CONFIG, generatedAt: NOW });
  return { md: renderReportMarkdown(r), json: JSON.parse(renderReportJson(r)) };
}

/** The report's first lines: the title, the provenance and the headline before any section. */
const head = (md: string) => md.split('\n## ')[0];

describe('the report says why, and how final the verdict is', () => {
  it('an empty answers file: undecided in the first lines and in JSON, with the rule quoted', () => {
    const { md, json } = report('');
    expect(head(md)).toContain('**No verdict yet (undecided)**');
    expect(head(md)).toContain('aws-integrated-endpoints');
    expect(json.recommendation.verdict).toBe('undecided');
    expect(json.recommendation.provisional).toBe(true);
    expect(json.recommendation.unanswered).toContain('aws-integrated-endpoints');
    expect(json.recommendation.rule.id).toBe('no-decisive-answer');
    expect(md).toContain('**Decision rule:** `no-decisive-answer`');
    expect(md).toContain(`> ${json.recommendation.rule.summary.slice(0, 40)}`);
  });

  it('a partial answers file: provisional verdict and the open questions in the first lines and in JSON', () => {
    const { md, json } = report('answers:\n  aws-integrated-endpoints: "yes"\n  certificate-pinning: leaf\n');
    expect(json.recommendation).toMatchObject({ verdict: 'adopt-with-exceptions', provisional: true, rule: { id: 'exceptions' } });
    expect(Object.keys(json.recommendation).sort()).toEqual(['provisional', 'reasons', 'rule', 'unanswered', 'verdict']);
    expect(head(md)).toMatch(/\*\*Verdict: adopt-with-exceptions \(provisional\)\*\*: \d+ unanswered questions could still change it: /);
    const summary = md.split('\n## Executive summary\n')[1].split('\n## ')[0];
    expect(summary).toContain('**Verdict:** adopt-with-exceptions (provisional)');
    for (const id of json.recommendation.unanswered) expect(head(md)).toContain(id);
    expect(md).toContain('**Verdict:** adopt-with-exceptions (provisional)');
    expect(md).toContain('**Still open:**');
    expect(md).toContain(`> ${json.recommendation.rule.summary.split(' ').slice(0, 6).join(' ')}`);
  });

  it('answers the branching skipped are listed as ignored in Markdown and JSON', () => {
    const { md, json } = report('answers:\n  certificate-pinning: none\n  non-tls-use: "no"\n  email-encryption: "yes"\n');
    expect(json.ignoredAnswers).toEqual([{ id: 'email-encryption', value: 'yes', because: 'not asked because non-tls-use is "no"' }]);
    expect(md).toContain('**Ignored answers:**');
    expect(md).toContain('email-encryption = yes: not asked because non-tls-use is "no"');
  });

  it('a contradiction appears as a caution naming both answers', () => {
    const { md, json } = report('answers:\n  existing-ca: none\n  mature-process: keep\n');
    const c = json.recommendation.reasons.find((r: { criterion: string }) => r.criterion === 'no-ca-but-mature-process');
    expect(c.effect).toBe('caution');
    expect(md).toContain('**caution** no-ca-but-mature-process: existing-ca "Nothing in place yet" (none) contradicts mature-process');
  });
});

describe('a verdict resting on a contradiction', () => {
  it('is provisional in the headline, the executive summary and the recommendation, with each side\u2019s outcome', () => {
    const { md, json } = report('answers:\n  aws-integrated-endpoints: "yes"\n  existing-ca: none\n  mature-process: keep\n');
    expect(json.recommendation.verdict).toBe('import-only');
    expect(json.recommendation.provisional).toBe(true);
    expect(json.recommendation.provisionalBecause[0]).toMatch(/^no-ca-but-mature-process: if existing-ca .* holds, the verdict is adopt; if mature-process .* holds, it is import-only\.$/);
    expect(head(md)).toMatch(/\*\*Verdict: import-only \(provisional\)\*\*: .*the verdict is adopt; if mature-process/);
    const summary = md.split('\n## Executive summary\n')[1].split('\n## ')[0];
    expect(summary).toContain('**Verdict:** import-only (provisional)');
    expect(md).toContain('**Also provisional because:**');
  });
});
