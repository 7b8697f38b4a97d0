import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { loadFacts, loadKnowledgeBase, readKnowledgeBase } from '../../src/advisor/index.js';
import { contentPath } from '../../src/platform/content-dir.js';

const kb = loadKnowledgeBase();
const questionIds = new Set(kb.questions.map((q) => q.id));
const stepIds = new Set(kb.planSteps.map((s) => s.id));

// Every criterion of the seed article, and where the knowledge base handles it.
const ARTICLE_CRITERIA: { section: string; criterion: string; mappedTo: string }[] = [
  // "Where would you not want to use AWS ACM?"
  { section: 'avoid', criterion: 'Certificate pinning breaks on auto-renewal', mappedTo: 'certificate-pinning' },
  { section: 'avoid', criterion: 'PCI: TLS terminates on the endpoint, ELB in passthrough', mappedTo: 'pci-passthrough' },
  { section: 'avoid', criterion: 'CDN outside AWS needs a second certificate set', mappedTo: 'non-aws-cdn' },
  { section: 'avoid', criterion: 'Cannot comply with import prerequisites or format', mappedTo: 'import-prerequisites' },
  { section: 'avoid', criterion: 'Mature, automated existing certificate process', mappedTo: 'mature-process' },
  { section: 'avoid', criterion: 'Compliance mandates on-premises CA and lifecycle', mappedTo: 'onprem-ca-mandated' },
  { section: 'avoid', criterion: 'Internal applications cannot support ACM cryptography', mappedTo: 'client-crypto-compat' },
  { section: 'avoid', criterion: 'Public application requires EV or OV certificates', mappedTo: 'ev-ov-required' },
  { section: 'avoid', criterion: 'No SLA for ACM', mappedTo: 'sla-required' },
  { section: 'avoid', criterion: 'Private keys cannot be exported (now: exportable, ACME, Private CA)', mappedTo: 'private-key-export' },
  { section: 'avoid', criterion: 'You manage imported certificates confidently without ACM', mappedTo: 'mature-process' },
  { section: 'avoid', criterion: 'Do not replace your on-premises or cloud CA', mappedTo: 'replace-internal-ca' },
  { section: 'avoid', criterion: 'Certificates for non-TLS protocols', mappedTo: 'non-tls-use' },
  { section: 'avoid', criterion: 'Email encryption', mappedTo: 'email-encryption' },
  { section: 'avoid', criterion: 'No site seal', mappedTo: 'site-seal' },
  // In favour
  { section: 'favour', criterion: 'AWS-integrated endpoints in use', mappedTo: 'aws-integrated-endpoints' },
  { section: 'favour', criterion: 'No certificate authority today', mappedTo: 'existing-ca' },
  { section: 'favour', criterion: 'How often environments are rebuilt', mappedTo: 'rebuild-frequency' },
  { section: 'favour', criterion: 'Certificates requested against quotas', mappedTo: 'certificate-volume' },
  { section: 'favour', criterion: 'Infrastructure as code (CloudFormation)', mappedTo: 'infrastructure-as-code' },
  { section: 'favour', criterion: 'Several accounts', mappedTo: 'multi-account' },
  // Best practices
  { section: 'practice', criterion: 'Strong transport layer protection (TLS versions)', mappedTo: 'tls-policies' },
  { section: 'practice', criterion: 'Encryption end to end', mappedTo: 'tls-policies' },
  { section: 'practice', criterion: 'Strong keys for imported certificates', mappedTo: 'replace-weak-keys' },
  { section: 'practice', criterion: 'Request frequency justifies ACM', mappedTo: 'quota-planning' },
  { section: 'practice', criterion: 'Central certificate management process', mappedTo: 'integrate-central-inventory' },
  { section: 'practice', criterion: 'Fully qualified domain names only', mappedTo: 'fqdn-names' },
  { section: 'practice', criterion: 'ACM-issued versus organisation certificates for public endpoints', mappedTo: 'ov-ev-imports' },
  { section: 'practice', criterion: 'Wildcards only for non-production', mappedTo: 'limit-wildcards' },
  { section: 'practice', criterion: 'Protect the private key', mappedTo: 'protect-exported-keys' },
  { section: 'practice', criterion: 'Audit certificate creation', mappedTo: 'cloudtrail-alerts' },
  { section: 'practice', criterion: 'Only authorised certificates', mappedTo: 'request-guardrails' },
  { section: 'practice', criterion: 'Use CloudFormation to manage certificates', mappedTo: 'dns-validated-certificates' },
  { section: 'practice', criterion: 'Tagging at scale', mappedTo: 'tagging-standard' },
  { section: 'practice', criterion: 'Restrict who updates the revocation list', mappedTo: 'private-ca-rollout' },
  { section: 'practice', criterion: 'IAM roles restrict lifecycle access', mappedTo: 'request-guardrails' },
  { section: 'practice', criterion: 'Alarms on foreign-domain requests and production deletions', mappedTo: 'cloudtrail-alerts' },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('knowledge base content', () => {
  it.each(ARTICLE_CRITERIA)('article criterion "$criterion" is mapped ($mappedTo)', ({ mappedTo }) => {
    expect(questionIds.has(mappedTo) || stepIds.has(mappedTo)).toBe(true);
  });

  it('every question is an article criterion or its follow-up', () => {
    const mapped = new Set(ARTICLE_CRITERIA.map((c) => c.mappedTo));
    const followUps = kb.questions.filter((q) => !mapped.has(q.id)).map((q) => q.id);
    expect(followUps).toEqual(['key-export-route']);
  });

  it('keeps the stable ids and values answers files rely on', () => {
    const values = (id: string) => kb.questions.find((q) => q.id === id)?.choices.map((c) => c.value);
    expect(values('certificate-pinning')).toEqual(['none', 'ca', 'leaf']);
    for (const id of ['ev-ov-required', 'pci-passthrough', 'private-key-export', 'non-aws-cdn', 'onprem-ca-mandated', 'non-tls-use'])
      expect(values(id)?.slice().sort()).toEqual(['no', 'yes']);
  });

  it('every referenced plan step exists', () => {
    const referenced = [
      ...kb.questions.flatMap((q) => q.choices.flatMap((c) => c.planSteps)),
      ...Object.values(kb.decision.verdictSteps).flat(),
      ...Object.values(kb.decision.excludedSteps).flat(),
    ];
    expect(referenced.filter((s) => !stepIds.has(s))).toEqual([]);
  });

  it('every question has a source with a checked ISO date, and every choice an explanation', () => {
    for (const q of kb.questions) {
      expect(q.sources.length, q.id).toBeGreaterThan(0);
      for (const s of q.sources) {
        expect(s.checked, q.id).toMatch(ISO_DATE);
        expect(s.url ?? s.section, q.id).toBeTruthy();
      }
      for (const c of q.choices) expect(c.explanation.length, `${q.id}=${c.value}`).toBeGreaterThan(10);
    }
  });

  it('every fact has a source, a URL and a checked ISO date', () => {
    const facts = loadFacts();
    expect(facts.length).toBeGreaterThan(10);
    for (const f of facts) {
      expect(f.source.title, f.id).toBeTruthy();
      expect(f.source.url, f.id).toMatch(/^https:\/\//);
      expect(f.checked, f.id).toMatch(ISO_DATE);
    }
  });

  it('states the current facts, not the 2020 ones', () => {
    const text = loadFacts().map((f) => f.statement).join(' ');
    for (const s of ['198 days', '17 June 2025', '5,000', '2,500', 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09', 'TLSv1.2_2025', '400 USD', '15 USD', '149 USD'])
      expect(text).toContain(s);
    expect(loadFacts().find((f) => f.id === 'exportable-public-certificates')?.changedFrom).toBeTruthy();
  });

  it('every decision rule verdict is reachable and the last rule is the default', () => {
    expect(new Set(kb.decision.rules.map((r) => r.verdict))).toEqual(new Set(['adopt', 'adopt-with-exceptions', 'import-only', 'do-not-adopt', 'undecided']));
    expect(kb.decision.rules.at(-1)?.when).toEqual({ always: true });
  });
});

describe('broken content', () => {
  function withEdited(file: string, edit: (text: string) => string): string {
    const dir = tempDir('acm-advisor-content-');
    cpSync(contentPath(), dir, { recursive: true });
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
    return dir;
  }

  it('names the file and the path of a schema error', () => {
    const dir = withEdited('questions.yaml', (t) => t.replace('effect: exception', 'effect: maybe'));
    expect(() => readKnowledgeBase(dir)).toThrow(/content\/questions\.yaml: questions\[\d+\]\.choices\[\d+\]\.effect: /);
  });

  it('names the file and the path of a dangling plan step', () => {
    const dir = withEdited('questions.yaml', (t) => t.replace('planSteps: [pinning-review]', 'planSteps: [no-such-step]'));
    expect(() => readKnowledgeBase(dir)).toThrow(/content\/questions\.yaml: questions\[\d+\]\.choices\[\d+\]\.planSteps\[0\]: unknown plan step "no-such-step"/);
  });

  it('names the file of broken YAML', () => {
    const dir = withEdited('facts.yaml', (t) => `${t}\n  - [unclosed`);
    expect(() => readKnowledgeBase(dir)).toThrow(/^content\/facts\.yaml: /);
  });

  it('rejects a fact without a checked date', () => {
    const dir = withEdited('facts.yaml', (t) => t.replace('    checked: 2026-11-27\n', ''));
    expect(() => readKnowledgeBase(dir)).toThrow(/content\/facts\.yaml: facts\[0\]\.checked/);
  });
});
