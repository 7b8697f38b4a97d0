import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { runAudit } from '../../src/audit/run.js';
import { RULES } from '../../src/audit/rules/index.js';
import { findingRecords } from '../../src/audit/finding-record.js';
import { DEFAULT_AUDIT_CONFIG } from '../../src/domain/thresholds.js';
import { renderSarif, SARIF_MAX_RESULTS } from '../../src/cli/format/sarif.js';
import { renderJunit } from '../../src/cli/format/junit.js';
import { renderAuditCsv, AUDIT_CSV_COLUMNS } from '../../src/cli/format/audit-csv.js';
import { parseCsv } from '../support/csv.js';
import { cert, NOW } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// CommonJS modules whose module.exports is the default: the types see the namespace.
const Ajv = ((AjvDraft04 as unknown as { default?: unknown }).default ?? AjvDraft04) as typeof AjvDraft04.default;
const addFormats = ((ajvFormats as unknown as { default?: unknown }).default ?? ajvFormats) as typeof ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false, // the schema's language pattern has a stray ']' that only non-Unicode regular expressions accept
  unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

const HOSTILE = 'evil|`x`<b>\u001b]8;;http://x\u0007\n\u0000';

function sample() {
  const certs = [
    cert({ domainName: 'expiring.example.com', type: 'IMPORTED', renewalEligibility: 'INELIGIBLE' }, 10),
    cert({ domainName: HOSTILE, keyAlgorithm: 'RSA_1024', tags: {} }, 200),
    cert({ domainName: 'fine.example.com' }, 300),
  ];
  const { findings } = runAudit(certs, DEFAULT_AUDIT_CONFIG, NOW);
  return { certs, records: findingRecords(findings, certs) };
}

describe('findings for machines', () => {
  it('carry domain, account, region, expiry and the rule references', () => {
    const { records, certs } = sample();
    const f = records.find((r) => r.ruleId === 'expiring-soon')!;
    expect(f).toMatchObject({ domainName: 'expiring.example.com', accountId: '123456789012', region: 'us-east-1', notAfter: certs[0].notAfter, status: 'open' });
    expect(f.references).toContain('Security Hub ACM.1');
  });
});

describe('SARIF', () => {
  it('passes the SARIF 2.1.0 schema, with one rule per audit rule and a location code scanning accepts', () => {
    const { records } = sample();
    const log = JSON.parse(renderSarif(records, { rules: RULES, toolVersion: '1.2.3' }));
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The validator bites: a level SARIF does not know is refused.
    expect(validateSarif({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(20);
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
    }
    const weak = run.tool.driver.rules.find((r: { id: string }) => r.id === 'weak-key');
    expect(weak.helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(run.results).toHaveLength(records.length);
    for (const r of run.results) {
      expect(r.locations).toHaveLength(1);
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^acm\/\d{12}\/us-east-1(\/[A-Za-z0-9._-]+)?$/);
      expect(r.locations[0].physicalLocation.region.startLine).toBe(1);
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
    // Hostile text stays inert: no raw control characters in the file.
    expect(renderSarif(records, { rules: RULES, toolVersion: '1' })).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('fingerprints by certificate ARN and rule: the same across runs, different for each pair', () => {
    const { records } = sample();
    const a = JSON.parse(renderSarif(records, { rules: RULES, toolVersion: '1' })).runs[0].results;
    const later = records.map((r) => ({ ...r, title: `${r.title} (reworded)`, severity: 'info' as const }));
    const b = JSON.parse(renderSarif(later, { rules: RULES, toolVersion: '2' })).runs[0].results;
    expect(b.map((r: { partialFingerprints: object }) => r.partialFingerprints)).toEqual(a.map((r: { partialFingerprints: object }) => r.partialFingerprints));
    const prints = a.map((r: { partialFingerprints: Record<string, string> }) => Object.values(r.partialFingerprints)[0]);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('keeps to GitHub\'s limit of 25,000 results a run, dropping the least severe and saying so', () => {
    const { records } = sample();
    const many = Array.from({ length: SARIF_MAX_RESULTS + 5 }, (_, i) => ({ ...records[i % records.length], certificateArn: `arn:aws:acm:us-east-1:123456789012:certificate/${i}` }));
    const log = JSON.parse(renderSarif(many, { rules: RULES, toolVersion: '1' }));
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results).toHaveLength(SARIF_MAX_RESULTS);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/^5 least severe/);
  });

  it('marks accepted findings as suppressed and says how each compares with the last run', () => {
    const { records } = sample();
    const marked = records.map((r, i) => (i === 0 ? { ...r, status: 'accepted' as const, acceptance: { reason: 'known', expires: '2099-01-01', entry: 1 }, change: 'new' as const } : { ...r, change: 'unchanged' as const }));
    const log = JSON.parse(renderSarif(marked, { rules: RULES, toolVersion: '1' }));
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results[0].suppressions[0]).toMatchObject({ kind: 'external', justification: expect.stringContaining('known') });
    expect(log.runs[0].results[0].baselineState).toBe('new');
    expect(log.runs[0].results[1].baselineState).toBe('unchanged');
  });
});

describe('JUnit', () => {
  it('one suite per rule; findings at or above --fail-on fail, accepted ones are skipped, XML stays well formed', () => {
    const { records } = sample();
    const marked = records.map((r) => (r.ruleId === 'weak-key' ? { ...r, status: 'accepted' as const, acceptance: { reason: 'legacy client', expires: '2099-01-01', entry: 1 } } : r));
    const xml = renderJunit(marked, { rules: RULES, failOn: 'high', timestamp: NOW.toISOString() });
    expect(xml.match(/<testsuite /g)).toHaveLength(RULES.length);
    const high = marked.filter((r) => r.status === 'open' && (r.severity === 'high' || r.severity === 'critical')).length;
    expect(xml).toContain(`failures="${high}"`);
    expect(xml).toMatch(/<skipped message="accepted until 2099-01-01: legacy client"\/>/);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).toContain('evil|`x`&lt;b&gt;');
    // Every opened element closes.
    expect((xml.match(/<testcase /g) ?? []).length).toBe((xml.match(/<\/testcase>|<testcase [^>]*\/>/g) ?? []).length);
  });
});

describe('audit CSV', () => {
  it('one row per finding with the named columns; formulas stay text', () => {
    const { records } = sample();
    const rows = parseCsv(renderAuditCsv(records.map((r) => ({ ...r, title: `=HYPERLINK("x")` }))));
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(records.length + 1);
    const col = (name: string) => rows[0].indexOf(name);
    expect(rows[1][col('title')]).toBe(`'=HYPERLINK("x")`);
    expect(rows.slice(1).map((r) => r[col('accountId')])).toEqual(records.map(() => '123456789012'));
  });
});
