import { describe, expect, it } from 'vitest';
import { loadFacts, loadKnowledgeBase } from '../../src/advisor/index.js';

const facts = new Map(loadFacts().map((f) => [f.id, f]));
const fact = (id: string) => {
  const f = facts.get(id);
  expect(f, id).toBeDefined();
  expect(f!.source.url, id).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
  expect(f!.checked, id).toMatch(/^2026-\d{2}-\d{2}$/);
  return f!;
};

describe('corrected facts, each with a source and a checked date', () => {
  it('exportable pricing carries its checked date and says AWS changed it in 2026, with no unsourced settled figure', () => {
    const f = fact('exportable-pricing');
    expect(f.statement).toMatch(/changed exportable pricing\s+in 2026/);
    expect(f.statement).toMatch(/no current figure with a source/);
    expect(f.checked).toBe('2026-11-30');
  });

  it('names per certificate: 10 by default, more by quota increase', () => {
    expect(fact('names-per-certificate').statement).toMatch(/10 domain names by default; a quota increase\s+raises that to up to 100/);
  });

  it('App Runner manages its own certificates and is not listed as an ACM attachment target', () => {
    expect(fact('app-runner-own-certificates').statement).toMatch(/not\s+a service you attach an ACM certificate to/);
    expect(fact('integrated-services').statement).not.toContain('App Runner');
    const endpoints = loadKnowledgeBase().questions.find((q) => q.id === 'aws-integrated-endpoints')!;
    expect(endpoints.prompt).not.toContain('App Runner');
  });

  it('AWS Private CA is not publicly trusted, so it is no SLA answer for public endpoints', () => {
    expect(fact('private-ca-not-public').statement).toMatch(/not trust/);
    expect(fact('no-acm-sla').statement).toMatch(/not publicly trusted, so it is no SLA answer for\s+public endpoints/);
  });

  it('expiry events start 45 days out for imported and private certificates and 30 for public ones by default', () => {
    expect(fact('expiry-events').statement).toMatch(/45 days before expiry for imported\s+and private certificates and from 30 days for public ones/);
  });

  it('the validation method can change in place, tracked by UpdateSummary and ListCertificateDomainValidations', () => {
    const f = fact('validation-method-change');
    expect(f.statement).toContain('UpdateSummary');
    expect(f.statement).toContain('ListCertificateDomainValidations');
    const step = loadKnowledgeBase().planSteps.find((s) => s.id === 'migrate-email-to-dns')!;
    expect(step.how.join(' ')).toMatch(/in place.*UpdateSummary.*ListCertificateDomainValidations/);
  });
});
